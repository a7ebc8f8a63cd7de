package dev.hearth.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The DOM tools (implemented by dom-tools in the page): declared here once, so the agent loop, the
 * constrained-decoding grammar and the README's table all read the same declarations.
 */
public final class DomTools {
    private DomTools() {}

    private static ToolParam ref(String what) {
        return ToolParam.string("ref", what + " Refs look like e12 and come from the latest snapshot.", true);
    }

    public static final ToolSpec SNAPSHOT = new ToolSpec("snapshot",
            "Read the page as an accessibility tree: roles, names, values and states, with a ref (e12) on every element you can act on. Take one before acting and after the page changes.",
            ToolParam.bool("diff", "Mark lines that are new since the previous snapshot with '+' instead of '-'. Default false.", false),
            ToolParam.integer("max_chars", "Size budget of the text in characters (default 12000); text is cut first, interactive elements are always kept.", false));

    public static final ToolSpec CLICK = new ToolSpec("click",
            "Click an element: scrolls it into view and sends the full pointer and mouse event sequence. Refuses disabled or covered elements and says why.",
            ref("The element to click."));

    public static final ToolSpec TYPE = new ToolSpec("type",
            "Type text into a text field, text area or contenteditable element, the way frameworks (React, Vue, Angular) notice it.",
            ref("The field to type into."),
            ToolParam.string("text", "The text to type.", true),
            ToolParam.oneOf("mode", "replace (default) clears the field first; append adds to what is there.", false, "replace", "append"),
            ToolParam.bool("submit", "Press Enter after typing (to submit a search or a form). Default false.", false));

    public static final ToolSpec PRESS_KEY = new ToolSpec("press_key",
            "Press a key, optionally with modifiers, on an element or on whatever has focus: Enter, Tab, Escape, Backspace, Space, ArrowUp, ArrowDown, ArrowLeft, ArrowRight, Home, End, PageUp, PageDown, or a character.",
            ToolParam.string("key", "The key, with modifiers joined by '+', e.g. Enter, Shift+Tab, Control+a, Escape, ArrowDown.", true),
            ToolParam.string("ref", "The element that receives the key (it gets focus first). Default: the focused element.", false));

    public static final ToolSpec SELECT_OPTION = new ToolSpec("select_option",
            "Choose an option in a drop-down or list box (native select, ARIA listbox or combobox), by its visible label or its value.",
            ref("The select, listbox or combobox."),
            ToolParam.string("option", "The label (visible text) or value of the option to choose.", true));

    public static final ToolSpec CHECK = new ToolSpec("check",
            "Check a checkbox, switch or radio button (does nothing if it is already checked).",
            ref("The checkbox, switch or radio button."));

    public static final ToolSpec UNCHECK = new ToolSpec("uncheck",
            "Uncheck a checkbox or switch (does nothing if it is already unchecked).",
            ref("The checkbox or switch."));

    public static final ToolSpec HOVER = new ToolSpec("hover",
            "Move the mouse over an element, e.g. to open a menu or show a tooltip.",
            ref("The element to hover."));

    public static final ToolSpec SCROLL = new ToolSpec("scroll",
            "Scroll the page or a scrollable element by a direction, or scroll until an element is in view.",
            ToolParam.oneOf("direction", "Which way to scroll (default down). Ignored when to is given.", false, "up", "down", "left", "right"),
            ToolParam.integer("pages", "How many screens to scroll (default 1).", false),
            ToolParam.string("ref", "A scrollable element to scroll inside. Default: the page.", false),
            ToolParam.string("to", "A ref to bring into view instead of scrolling by direction.", false));

    public static final ToolSpec NAVIGATE = new ToolSpec("navigate",
            "Go to a URL on this site (same origin only), or back, forward or reload. Take a new snapshot once the page has loaded.",
            ToolParam.string("url", "An absolute or relative URL on this site, or one of: back, forward, reload.", true));

    public static final ToolSpec READ = new ToolSpec("read",
            "Read the full visible text of an element or of a region of the page (a landmark, or the section under a heading), without truncation of short texts.",
            ToolParam.string("ref", "The element whose text to read.", false),
            ToolParam.string("region", "Instead of a ref: a landmark (main, navigation, banner, contentinfo, complementary, form, dialog) or the name of a region, table, list or heading. Default: the whole page.", false),
            ToolParam.integer("max_chars", "At most this many characters (default 4000).", false));

    public static final ToolSpec WAIT_FOR = new ToolSpec("wait_for",
            "Wait until a text or a ref appears (or disappears), or, with neither, until the page stops changing.",
            ToolParam.string("text", "Text to wait for on the page.", false),
            ToolParam.string("ref", "A ref to wait for (visible on the page).", false),
            ToolParam.bool("gone", "Wait for the text or ref to disappear instead. Default false.", false),
            ToolParam.integer("timeout_ms", "Give up after this many milliseconds (default 5000, at most 30000).", false));

    /** Every DOM tool, in the order the model sees them. */
    public static List<ToolSpec> all() {
        List<ToolSpec> l = new ArrayList<>();
        l.add(SNAPSHOT);
        l.add(CLICK);
        l.add(TYPE);
        l.add(PRESS_KEY);
        l.add(SELECT_OPTION);
        l.add(CHECK);
        l.add(UNCHECK);
        l.add(HOVER);
        l.add(SCROLL);
        l.add(NAVIGATE);
        l.add(READ);
        l.add(WAIT_FOR);
        return Collections.unmodifiableList(l);
    }

    public static ToolSpec named(String name) {
        for (ToolSpec t : all()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
