package dev.hearth.dom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/**
 * The DOM actions. Each returns {ok, message, changes, url}: on success what changed (URL, dialogs,
 * focus, the element's states, the page), on failure what the model should do next.
 */
public final class Actions {
    private Actions() {}

    /** A refusal that tells the model what to do. */
    static final class ActionError extends RuntimeException {
        ActionError(String message) {
            super(message);
        }
    }

    private static final int SETTLE_QUIET_MS = 120;
    private static final int SETTLE_MAX_MS = 2000;

    /** Runs one tool call; never throws for the model's mistakes (they come back with ok = false). */
    public static Map<String, Object> act(String tool, Map<String, Object> args) {
        try {
            switch (tool) {
                case "click": return click(args);
                case "type": return type(args);
                case "press_key": return pressKey(args);
                case "select_option": return selectOption(args);
                case "check": return setChecked(args, true);
                case "uncheck": return setChecked(args, false);
                case "hover": return hover(args);
                case "scroll": return scroll(args);
                case "navigate": return navigate(args);
                case "read": return read(args);
                case "wait_for": return waitFor(args);
                default:
                    throw new ActionError("unknown tool '" + tool + "'; the DOM tools are click, type, press_key, select_option, "
                            + "check, uncheck, hover, scroll, navigate, read, wait_for (and snapshot)");
            }
        } catch (ActionError e) {
            return result(false, e.getMessage(), null);
        } catch (RuntimeException e) {
            return result(false, tool + " failed on this page (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); take a new snapshot and try another way", null);
        }
    }

    // ---- arguments and refs ------------------------------------------------------------------

    static String str(Map<String, Object> args, String name) {
        Object v = args.get(name);
        return v == null ? "" : String.valueOf(v);
    }

    static int integer(Map<String, Object> args, String name, int dflt) {
        Object v = args.get(name);
        if (v instanceof Number) {
            return ((Number) v).intValue();
        }
        if (v instanceof String) {
            try {
                return Integer.parseInt(((String) v).trim());
            } catch (NumberFormatException e) {
                throw new ActionError(name + " must be a whole number, got \"" + v + "\"");
            }
        }
        return dflt;
    }

    static boolean bool(Map<String, Object> args, String name) {
        Object v = args.get(name);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    static String requireRef(Map<String, Object> args, String name) {
        String r = str(args, name).trim();
        if (r.isEmpty()) {
            throw new ActionError("missing '" + name + "': give the ref of an element from the snapshot, like e12");
        }
        if (r.startsWith("[ref=") && r.endsWith("]")) {
            r = r.substring(5, r.length() - 1);
        } else if (r.startsWith("ref=")) {
            r = r.substring(4);
        }
        return r;
    }

    /** The live element of a ref, or an error saying what to do. */
    static JSObject element(String ref) {
        switch (Refs.status(ref)) {
            case 1:
                return Refs.lookup(ref);
            case 2:
                throw new ActionError("ref " + ref + " is no longer on the page (it was removed or re-rendered); take a new snapshot");
            default:
                throw new ActionError("there is no element with ref " + ref + "; use a ref from the latest snapshot (or take a new snapshot)");
        }
    }

    static String label(JSObject e, String ref) {
        String role = Roles.role(e);
        String name = Text.truncate(AccName.name(e, role), 60);
        return role + (name.isEmpty() ? "" : " " + Text.quote(name)) + " (" + ref + ")";
    }

    private static void requireVisible(JSObject e, String ref) {
        Dom.Facts f = Dom.facts(e);
        if (!f.isRendered() || f.getVisibility().equals("hidden")) {
            throw new ActionError("ref " + ref + " is hidden now; take a new snapshot to see what is on the page");
        }
    }

    private static void requireEnabled(JSObject e, String ref) {
        if (Snapshot.disabled(e)) {
            throw new ActionError(label(e, ref) + " is disabled; it cannot be used until the page enables it "
                    + "(e.g. after required fields are filled). Take a snapshot to see what is missing");
        }
    }

    // ---- what changed ------------------------------------------------------------------------

    /** What the model sees of the page before and after an action. */
    static final class State {
        String url;
        String title;
        List<String> dialogs = new ArrayList<>();
        String live;
        String focus;
        String targetStates;
        boolean targetConnected;

        static State capture(JSObject target) {
            State s = new State();
            s.url = Dom.url();
            s.title = Dom.title();
            JSArray<JSObject> d = Act.openDialogs();
            for (int i = 0; i < d.getLength(); i++) {
                JSObject x = d.get(i);
                String role = Roles.role(x);
                s.dialogs.add(role + " " + Text.quote(AccName.name(x, role)));
            }
            s.live = Act.liveText();
            JSObject f = Dom.activeElement();
            s.focus = f == null || Dom.same(f, Dom.body()) ? "" : describeFocus(f);
            if (target != null) {
                s.targetConnected = Dom.connected(target);
                s.targetStates = s.targetConnected ? states(target) : "";
            }
            return s;
        }
    }

    private static String describeFocus(JSObject f) {
        String role = Roles.role(f);
        String ref = Refs.existing(f);
        String name = Text.truncate(AccName.name(f, role), 60);
        return role + (name.isEmpty() ? "" : " " + Text.quote(name)) + (ref.isEmpty() ? "" : " (" + ref + ")");
    }

    static String states(JSObject e) {
        String role = Roles.role(e);
        String tag = Dom.tag(e);
        List<String> out = new ArrayList<>();
        String c = Snapshot.checkedState(e, role, tag);
        if (c != null) {
            out.add(c);
        }
        String exp = Dom.attr(e, "aria-expanded");
        if (exp.equals("true")) {
            out.add("expanded");
        } else if (exp.equals("false")) {
            out.add("collapsed");
        }
        if (Dom.attr(e, "aria-pressed").equals("true")) {
            out.add("pressed");
        }
        if (Dom.attr(e, "aria-selected").equals("true")) {
            out.add("selected");
        }
        if (Snapshot.disabled(e)) {
            out.add("disabled");
        }
        String v = AccName.value(e, role);
        if (!v.isEmpty()) {
            out.add("value=" + Text.quote(Text.truncate(v, 80)));
        }
        return String.join(", ", out);
    }

    private static List<String> changes(State before, State after, String ref, int mutations) {
        List<String> out = new ArrayList<>();
        if (!before.url.equals(after.url)) {
            out.add("the URL is now " + after.url);
        }
        if (!before.title.equals(after.title)) {
            out.add("the page title is now " + Text.quote(after.title));
        }
        for (String d : after.dialogs) {
            if (!before.dialogs.contains(d)) {
                out.add(d + " opened");
            }
        }
        for (String d : before.dialogs) {
            if (!after.dialogs.contains(d)) {
                out.add(d + " closed");
            }
        }
        if (!after.live.isEmpty() && !after.live.equals(before.live)) {
            out.add("the page announces: " + Text.quote(Text.truncate(after.live, 200)));
        }
        if (!after.focus.equals(before.focus) && !after.focus.isEmpty()) {
            out.add("focus is on " + after.focus);
        }
        if (ref != null) {
            if (before.targetConnected && !after.targetConnected) {
                out.add(ref + " was removed from the page (re-rendered); take a new snapshot for fresh refs");
            } else if (after.targetStates != null && !after.targetStates.equals(before.targetStates)) {
                out.add(ref + " is now " + (after.targetStates.isEmpty() ? "in its default state" : after.targetStates));
            }
        }
        if (mutations > 0) {
            out.add("the page content changed (" + mutations + " DOM mutations); take a snapshot to see it");
        } else if (out.isEmpty()) {
            out.add("nothing visible changed on the page");
        }
        return out;
    }

    /** Runs an action between a before and an after picture of the page, waiting for the page to settle. */
    private static Map<String, Object> observed(String ref, JSObject target, Runnable action, String done) {
        State before = State.capture(target);
        JSObject counter = Act.observe();
        action.run();
        Act.Waited w = (Act.Waited) DomPromises.await(Act.settle(counter, SETTLE_QUIET_MS, SETTLE_MAX_MS));
        State after = State.capture(target);
        List<String> ch = changes(before, after, ref, w.getMutations());
        return result(true, done + "; " + String.join("; ", ch), ch);
    }

    static Map<String, Object> result(boolean ok, String message, List<String> changes) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ok", ok);
        r.put("message", message);
        if (changes != null) {
            r.put("changes", new ArrayList<Object>(changes));
        }
        r.put("url", Dom.url());
        return r;
    }

    // ---- click, hover ------------------------------------------------------------------------

    /** Scrolls the element into view and checks that a pointer would reach it; returns the hit. */
    private static Act.Hit reach(JSObject e, String ref) {
        requireVisible(e, ref);
        Act.scrollIntoView(e);
        Act.Hit hit = Act.hitTest(e);
        switch (hit.getState()) {
            case "ok":
                return hit;
            case "nosize":
                throw new ActionError(label(e, ref) + " has no size on screen (it is collapsed or visually hidden); "
                        + "open the menu or section that contains it first, or take a new snapshot");
            case "outside":
                throw new ActionError(label(e, ref) + " could not be scrolled into view; try scroll with to=" + ref);
            default:
                JSObject cover = hit.getCover();
                String coverRef = Refs.existing(cover);
                throw new ActionError(label(e, ref) + " is covered by " + Act.describe(cover)
                        + (coverRef.isEmpty() ? "" : " (" + coverRef + ")")
                        + ", which would get the click; close or dismiss that first (a dialog, banner or overlay), then take a new snapshot");
        }
    }

    private static Map<String, Object> click(Map<String, Object> args) {
        String ref = requireRef(args, "ref");
        JSObject e = element(ref);
        requireEnabled(e, ref);
        Act.Hit hit = reach(e, ref);
        String what = label(e, ref);
        String[] nav = new String[1];
        boolean[] cancelled = new boolean[1];
        if (!Act.linkTarget(e).isEmpty()) {
            // a link to another document: the page unloads, so answer before it does
            State before = State.capture(e);
            JSObject counter = Act.observe();
            boolean notCancelled = Act.pointerSequence(e, hit.getX(), hit.getY(), true);
            if (notCancelled) {
                List<String> ch = new ArrayList<>();
                ch.add("navigating to " + Act.linkTarget(e));
                return result(true, "clicked " + what + "; navigating to " + Act.linkTarget(e)
                        + "; take a new snapshot once the page has loaded", ch);
            }
            Act.Waited w = (Act.Waited) DomPromises.await(Act.settle(counter, SETTLE_QUIET_MS, SETTLE_MAX_MS));
            List<String> ch = changes(before, State.capture(e), ref, w.getMutations());
            return result(true, "clicked " + what + "; " + String.join("; ", ch), ch);
        }
        return observed(ref, e, () -> cancelled[0] = !Act.pointerSequence(e, hit.getX(), hit.getY(), true), "clicked " + what);
    }

    private static Map<String, Object> hover(Map<String, Object> args) {
        String ref = requireRef(args, "ref");
        JSObject e = element(ref);
        Act.Hit hit = reach(e, ref);
        return observed(ref, e, () -> Act.pointerSequence(e, hit.getX(), hit.getY(), false), "hovered over " + label(e, ref));
    }

    // ---- typing and keys ---------------------------------------------------------------------

    private static boolean textField(JSObject e) {
        String tag = Dom.tag(e);
        if (tag.equals("textarea")) {
            return true;
        }
        if (!tag.equals("input")) {
            return false;
        }
        String t = Dom.attr(e, "type").toLowerCase();
        switch (t) {
            case "checkbox": case "radio": case "button": case "submit": case "reset": case "image": case "file":
            case "hidden": case "range": case "color":
                return false;
            default:
                return true;
        }
    }

    private static Map<String, Object> type(Map<String, Object> args) {
        String ref = requireRef(args, "ref");
        JSObject e = element(ref);
        if (!args.containsKey("text")) {
            throw new ActionError("missing 'text': the text to type");
        }
        String text = str(args, "text");
        String mode = str(args, "mode");
        boolean append = mode.equals("append");
        if (!mode.isEmpty() && !append && !mode.equals("replace")) {
            throw new ActionError("mode must be replace or append, got \"" + mode + "\"");
        }
        requireVisible(e, ref);
        requireEnabled(e, ref);
        String tag = Dom.tag(e);
        JSObject target = e;
        if (!textField(e) && !Dom.flag(e, "isContentEditable")) {
            // a wrapper (a custom textbox or combobox) around the real field
            JSObject inner = Dom.query(e, "input:not([type=hidden]),textarea,[contenteditable=''],[contenteditable=true]");
            if (inner == null) {
                String role = Roles.role(e);
                if (tag.equals("select") || role.equals("listbox") || role.equals("combobox")) {
                    throw new ActionError(label(e, ref) + " is a list of options, not a text field; use select_option");
                }
                if (role.equals("checkbox") || role.equals("radio") || role.equals("switch")) {
                    throw new ActionError(label(e, ref) + " is a " + role + "; use check or uncheck");
                }
                throw new ActionError(label(e, ref) + " is not a text field; type into a textbox, searchbox or combobox");
            }
            target = inner;
        }
        if (Dom.flag(target, "readOnly") && textField(target)) {
            throw new ActionError(label(e, ref) + " is read-only");
        }
        JSObject t = target;
        Map<String, Object> r = observed(ref, e, () -> typeInto(t, text, append), "typed into " + label(e, ref));
        String now = textField(t) ? Dom.prop(t, "value") : Text.collapse(Dom.innerText(t));
        String expected = append ? null : text;
        if (expected != null && !now.equals(expected) && !Dom.attr(t, "type").equals("password")) {
            r.put("message", r.get("message") + "; note: the field now holds " + Text.quote(Text.truncate(now, 100))
                    + " (the page changed or limited the input)");
        }
        r.put("value", Dom.attr(t, "type").equals("password") ? "••••••••" : now);
        if (bool(args, "submit")) {
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("key", "Enter");
            k.put("ref", ref);
            Map<String, Object> p = pressKey(k);
            r.put("message", r.get("message") + "; then " + p.get("message"));
            r.put("url", p.get("url"));
        }
        return r;
    }

    private static void typeInto(JSObject t, String text, boolean append) {
        Act.focus(t);
        if (!textField(t)) {
            Act.typeEditable(t, text, append);
            return;
        }
        String base = append ? Dom.prop(t, "value") : "";
        if (!append && !Dom.prop(t, "value").isEmpty()) {
            Act.setNativeValue(t, "");
            Act.inputEvent(t, "input", "deleteContentBackward", null);
        }
        String type = Dom.tag(t).equals("textarea") ? "" : Dom.attr(t, "type").toLowerCase();
        // date, number and similar fields reject partial values: those get the whole value at once
        boolean perKey = text.length() <= 200 && (type.isEmpty() || type.equals("text") || type.equals("search") || type.equals("email")
                || type.equals("url") || type.equals("tel") || type.equals("password"));
        if (!perKey) {
            Act.inputEvent(t, "beforeinput", "insertText", text);
            Act.setNativeValue(t, base + text);
            Act.inputEvent(t, "input", "insertText", text);
        } else {
            StringBuilder now = new StringBuilder(base);
            for (int i = 0; i < text.length(); i++) {
                String ch = text.substring(i, i + 1);
                boolean go = Act.key(t, "keydown", ch, "");
                if (go) {
                    Act.key(t, "keypress", ch, "");
                    if (Act.inputEvent(t, "beforeinput", "insertText", ch)) {
                        now.append(ch);
                        Act.setNativeValue(t, now.toString());
                        Act.inputEvent(t, "input", "insertText", ch);
                        // a controlled field may rewrite what it holds (masks, upper-casing)
                        now.setLength(0);
                        now.append(Dom.prop(t, "value"));
                    }
                }
                Act.key(t, "keyup", ch, "");
            }
        }
        Act.plainEvent(t, "change");
    }

    private static Map<String, Object> pressKey(Map<String, Object> args) {
        String spec = str(args, "key").trim();
        if (spec.isEmpty()) {
            throw new ActionError("missing 'key': e.g. Enter, Tab, Escape, ArrowDown, Shift+Tab, Control+a");
        }
        String mods = "";
        String key = spec;
        if (spec.length() > 1 && spec.indexOf('+') > 0) {
            int plus = spec.lastIndexOf('+');
            if (plus == spec.length() - 1) {
                plus = spec.lastIndexOf('+', plus - 1);
            }
            String prefix = spec.substring(0, plus);
            key = spec.substring(plus + 1);
            for (String m : splitPlus(prefix)) {
                String lm = m.trim().toLowerCase();
                if (lm.equals("control") || lm.equals("ctrl")) {
                    mods += "c";
                } else if (lm.equals("shift")) {
                    mods += "s";
                } else if (lm.equals("alt") || lm.equals("option")) {
                    mods += "a";
                } else if (lm.equals("meta") || lm.equals("cmd") || lm.equals("command")) {
                    mods += "m";
                } else {
                    throw new ActionError("unknown modifier \"" + m + "\"; use Control, Shift, Alt or Meta");
                }
            }
        }
        key = normalizeKey(key);
        String ref = str(args, "ref").trim();
        JSObject target;
        if (!ref.isEmpty()) {
            ref = requireRef(args, "ref");
            target = element(ref);
            requireVisible(target, ref);
            Act.focus(target);
        } else {
            target = Dom.activeElement();
            if (target == null) {
                target = Dom.body();
            }
        }
        JSObject t = target;
        String k = key;
        String m = mods;
        String on = Dom.same(t, Dom.body()) ? "the page" : describeFocus(t);
        return observed(ref.isEmpty() ? null : ref, ref.isEmpty() ? null : t, () -> keyWithDefaults(t, k, m),
                "pressed " + spec + " on " + on);
    }

    private static List<String> splitPlus(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start <= s.length()) {
            int p = s.indexOf('+', start);
            if (p < 0) {
                p = s.length();
            }
            out.add(s.substring(start, p));
            start = p + 1;
        }
        return out;
    }

    private static String normalizeKey(String k) {
        String l = k.toLowerCase();
        switch (l) {
            case "enter": case "return": return "Enter";
            case "tab": return "Tab";
            case "escape": case "esc": return "Escape";
            case "space": case " ": return " ";
            case "backspace": return "Backspace";
            case "delete": case "del": return "Delete";
            case "arrowup": case "up": return "ArrowUp";
            case "arrowdown": case "down": return "ArrowDown";
            case "arrowleft": case "left": return "ArrowLeft";
            case "arrowright": case "right": return "ArrowRight";
            case "home": return "Home";
            case "end": return "End";
            case "pageup": return "PageUp";
            case "pagedown": return "PageDown";
            default:
                if (k.length() == 1) {
                    return k;
                }
                throw new ActionError("unknown key \"" + k + "\"; use Enter, Tab, Escape, Backspace, Delete, Space, ArrowUp, ArrowDown, "
                        + "ArrowLeft, ArrowRight, Home, End, PageUp, PageDown or a single character");
        }
    }

    /** Dispatches the key events and, unless a listener cancelled them, does what the browser would. */
    private static void keyWithDefaults(JSObject t, String key, String mods) {
        boolean go = Act.key(t, "keydown", key, mods);
        boolean printable = key.length() == 1 && !mods.contains("c") && !mods.contains("m") && !mods.contains("a");
        if (go && (printable || key.equals("Enter"))) {
            go = Act.key(t, "keypress", key, mods);
        }
        if (go) {
            String tag = Dom.tag(t);
            String role = Roles.role(t);
            switch (key) {
                case "Enter":
                    if (tag.equals("input") && textField(t)) {
                        submitForm(t);
                    } else if (tag.equals("a") || tag.equals("button") || tag.equals("summary") || role.equals("button")
                            || role.equals("link") || role.equals("menuitem") || role.equals("option") || role.equals("tab")) {
                        Act.Hit h = Act.hitTest(t);
                        Act.pointerSequence(t, h.getX(), h.getY(), true);
                    }
                    break;
                case " ":
                    if (tag.equals("button") || (tag.equals("input") && !textField(t)) || role.equals("button") || role.equals("checkbox")
                            || role.equals("switch") || role.equals("radio") || role.equals("tab") || role.equals("option")) {
                        Act.Hit h = Act.hitTest(t);
                        Act.pointerSequence(t, h.getX(), h.getY(), true);
                    } else if (textField(t)) {
                        typeInto(t, " ", true);
                    }
                    break;
                case "Tab":
                    Act.focusNext(t, mods.contains("s"));
                    break;
                case "Escape":
                    JSObject dlg = Dom.closest(t, "dialog[open]");
                    if (dlg == null) {
                        dlg = Dom.query(Dom.body(), "dialog[open]");
                    }
                    if (dlg != null && Dom.matches(dlg, ":modal") && Act.plainEventCancelable(dlg, "cancel")) {
                        Act.closeDialog(dlg);
                    }
                    break;
                case "ArrowDown": case "ArrowUp":
                    if (tag.equals("select")) {
                        Act.stepSelect(t, key.equals("ArrowDown") ? 1 : -1);
                    }
                    break;
                case "Backspace":
                    if (textField(t)) {
                        String v = Dom.prop(t, "value");
                        if (!v.isEmpty()) {
                            Act.setNativeValue(t, v.substring(0, v.length() - 1));
                            Act.inputEvent(t, "input", "deleteContentBackward", null);
                        }
                    }
                    break;
                default:
                    if (printable && textField(t)) {
                        if (Act.inputEvent(t, "beforeinput", "insertText", key)) {
                            Act.setNativeValue(t, Dom.prop(t, "value") + key);
                            Act.inputEvent(t, "input", "insertText", key);
                        }
                    } else if (key.equals("a") && (mods.contains("c") || mods.contains("m")) && textField(t)) {
                        Act.selectAll(t);
                    }
                    break;
            }
        }
        Act.key(t, "keyup", key, mods);
    }

    private static void submitForm(JSObject field) {
        JSObject form = Dom.closest(field, "form");
        if (form == null) {
            return;
        }
        Act.requestSubmit(form);
    }

    // ---- options and checkboxes --------------------------------------------------------------

    private static Map<String, Object> selectOption(Map<String, Object> args) {
        String ref = requireRef(args, "ref");
        JSObject e = element(ref);
        String want = str(args, "option");
        if (want.isEmpty()) {
            Object vals = args.get("values");
            if (vals instanceof List && !((List<?>) vals).isEmpty()) {
                want = String.valueOf(((List<?>) vals).get(0));
            } else {
                want = str(args, "value");
            }
        }
        if (want.isEmpty()) {
            throw new ActionError("missing 'option': the label or value of the option to choose");
        }
        requireVisible(e, ref);
        requireEnabled(e, ref);
        String tag = Dom.tag(e);
        String role = Roles.role(e);
        String w = want;
        if (tag.equals("select")) {
            String[] picked = new String[1];
            Map<String, Object> r = observed(ref, e, () -> picked[0] = Act.selectNative(e, w), "");
            if (picked[0].isEmpty()) {
                throw new ActionError("no option " + Text.quote(want) + " in " + label(e, ref) + "; its options are: "
                        + Text.truncate(Act.optionLabels(e), 600));
            }
            r.put("message", "selected " + Text.quote(picked[0]) + " in " + label(e, ref) + r.get("message"));
            return r;
        }
        if (role.equals("option")) {
            return click(refArgs(ref));
        }
        if (role.equals("listbox") || role.equals("menu") || role.equals("radiogroup") || role.equals("tablist") || role.equals("tree")) {
            JSObject opt = findOption(e, want);
            if (opt == null) {
                throw new ActionError("no option " + Text.quote(want) + " in " + label(e, ref) + "; its options are: " + optionNames(e));
            }
            Map<String, Object> r = clickElement(opt);
            r.put("message", "selected " + Text.quote(AccName.name(opt, Roles.role(opt))) + " in " + label(e, ref) + "; " + r.get("message"));
            return r;
        }
        if (role.equals("combobox") || role.equals("button") || Dom.has(e, "aria-haspopup") || role.equals("textbox")) {
            State before = State.capture(e);
            JSObject popup = openPopup(e, ref);
            JSObject opt = popup == null ? null : findOption(popup, want);
            if (opt == null && textField(comboInput(e))) {
                JSObject input = comboInput(e);
                JSObject counter = Act.observe();
                typeInto(input, want, false);
                DomPromises.await(Act.settle(counter, 200, SETTLE_MAX_MS));
                popup = findPopup(e);
                opt = popup == null ? null : findOption(popup, want);
            }
            if (opt == null) {
                throw new ActionError("no option " + Text.quote(want) + " appeared for " + label(e, ref)
                        + (popup == null ? "; its list did not open (try click on it, then take a snapshot)"
                        : "; the options shown are: " + optionNames(popup)));
            }
            String optName = AccName.name(opt, Roles.role(opt));
            Act.scrollIntoView(opt);
            Act.Hit h = Act.hitTest(opt);
            JSObject counter = Act.observe();
            Act.pointerSequence(opt, h.getX(), h.getY(), true);
            Act.Waited wt = (Act.Waited) DomPromises.await(Act.settle(counter, SETTLE_QUIET_MS, SETTLE_MAX_MS));
            List<String> ch = changes(before, State.capture(e), ref, wt.getMutations());
            return result(true, "selected " + Text.quote(optName) + " in " + label(e, ref) + "; " + String.join("; ", ch), ch);
        }
        throw new ActionError(label(e, ref) + " is not a select, listbox or combobox; use click on the option instead");
    }

    private static Map<String, Object> refArgs(String ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", ref);
        return m;
    }

    private static Map<String, Object> clickElement(JSObject opt) {
        return click(refArgs(Refs.refFor(opt)));
    }

    private static JSObject comboInput(JSObject e) {
        if (textField(e)) {
            return e;
        }
        JSObject i = Dom.query(e, "input:not([type=hidden])");
        return i == null ? e : i;
    }

    private static JSObject findPopup(JSObject e) {
        JSArray<JSObject> c = Act.controlled(e, "");
        for (int i = 0; i < c.getLength(); i++) {
            JSObject x = c.get(i);
            if (Dom.facts(x).isRendered()) {
                String r = Roles.role(x);
                if (r.equals("listbox") || r.equals("menu") || r.equals("tree") || r.equals("grid") || r.equals("dialog")) {
                    return x;
                }
                JSObject inner = Dom.query(x, "[role=listbox],[role=menu],[role=tree],[role=grid]");
                return inner != null ? inner : x;
            }
        }
        JSArray<JSObject> v = Act.visiblePopups(e);
        return v.getLength() > 0 ? v.get(v.getLength() - 1) : null;
    }

    private static JSObject openPopup(JSObject e, String ref) {
        JSObject p = findPopup(e);
        if (p != null && Dom.facts(p).isRendered() && !Dom.attr(e, "aria-expanded").equals("false")) {
            return p;
        }
        Act.Hit h = reach(e, ref);
        JSObject counter = Act.observe();
        Act.pointerSequence(e, h.getX(), h.getY(), true);
        DomPromises.await(Act.settle(counter, SETTLE_QUIET_MS, SETTLE_MAX_MS));
        p = findPopup(e);
        if (p == null) {
            counter = Act.observe();
            keyWithDefaults(comboInput(e), "ArrowDown", "");
            DomPromises.await(Act.settle(counter, SETTLE_QUIET_MS, SETTLE_MAX_MS));
            p = findPopup(e);
        }
        return p;
    }

    private static JSObject findOption(JSObject container, String want) {
        JSArray<JSObject> opts = Dom.queryAll(container, "[role=option],[role=menuitem],[role=menuitemradio],[role=menuitemcheckbox],[role=radio],[role=tab],[role=treeitem],option");
        String lw = Text.collapse(want).toLowerCase();
        JSObject contains = null;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < opts.getLength(); i++) {
                JSObject o = opts.get(i);
                if (!Dom.facts(o).isRendered()) {
                    continue;
                }
                String name = AccName.name(o, Roles.role(o)).toLowerCase();
                String value = Dom.attr(o, "data-value").toLowerCase();
                if (pass == 0 && (name.equals(lw) || value.equals(lw) || Dom.attr(o, "id").toLowerCase().equals(lw))) {
                    return o;
                }
                if (pass == 1 && contains == null && name.contains(lw)) {
                    contains = o;
                }
            }
        }
        return contains;
    }

    private static String optionNames(JSObject container) {
        JSArray<JSObject> opts = Dom.queryAll(container, "[role=option],[role=menuitem],[role=menuitemradio],[role=menuitemcheckbox],[role=radio],[role=tab],[role=treeitem],option");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < opts.getLength() && i < 40; i++) {
            names.add(Text.quote(AccName.name(opts.get(i), Roles.role(opts.get(i)))));
        }
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    private static Map<String, Object> setChecked(Map<String, Object> args, boolean want) {
        String ref = requireRef(args, "ref");
        JSObject e = element(ref);
        String role = Roles.role(e);
        String tag = Dom.tag(e);
        String state = Snapshot.checkedState(e, role, tag);
        if (state == null) {
            JSObject inner = Dom.query(e, "input[type=checkbox],input[type=radio],[role=checkbox],[role=switch],[role=radio]");
            if (inner == null) {
                throw new ActionError(label(e, ref) + " is not a checkbox, switch or radio button; use click");
            }
            e = inner;
            role = Roles.role(e);
            tag = Dom.tag(e);
            state = Snapshot.checkedState(e, role, tag);
        }
        requireEnabled(e, ref);
        boolean isChecked = state.equals("checked");
        if (isChecked == want) {
            return result(true, label(e, ref) + " is already " + (want ? "checked" : "unchecked") + "; nothing to do", new ArrayList<>());
        }
        if (!want && role.equals("radio")) {
            throw new ActionError(label(e, ref) + " is a radio button: it cannot be unchecked; check another option of its group instead");
        }
        JSObject target = e;
        Act.Hit hit = Act.hitTest(e);
        if (tag.equals("input") && (!hit.getState().equals("ok") || !Dom.facts(e).isRendered())) {
            // a visually hidden native checkbox styled through its label: click the label, as a user would
            JSArray<JSObject> labels = Dom.labels(e);
            if (labels.getLength() > 0) {
                target = labels.get(0);
            }
        }
        JSObject t = target;
        JSObject el = e;
        Map<String, Object> r;
        if (Dom.same(t, e) && !tag.equals("input")) {
            r = click(refArgs(ref));
        } else {
            Act.scrollIntoView(t);
            Act.Hit h = Act.hitTest(t);
            if (h.getState().equals("covered") && !Dom.same(t, e)) {
                throw new ActionError(label(e, ref) + " is covered by " + Act.describe(h.getCover()) + "; close or dismiss that first");
            }
            r = observed(ref, el, () -> Act.pointerSequence(t, h.getX(), h.getY(), true), (want ? "checked " : "unchecked ") + label(e, ref));
        }
        String now = Snapshot.checkedState(el, role, tag);
        if (now != null && now.equals("checked") != want) {
            r.put("ok", false);
            r.put("message", label(el, ref) + " did not change (it is still " + now + "): the page ignored the click; take a snapshot");
        }
        return r;
    }

    // ---- scroll, navigate, read, wait ----------------------------------------------------------

    private static Map<String, Object> scroll(Map<String, Object> args) {
        String to = str(args, "to").trim();
        if (!to.isEmpty()) {
            String ref = requireRef(args, "to");
            JSObject e = element(ref);
            requireVisible(e, ref);
            return observed(null, null, () -> Act.scrollIntoView(e), "scrolled " + label(e, ref) + " into view");
        }
        String dir = str(args, "direction").trim().toLowerCase();
        if (dir.isEmpty()) {
            dir = "down";
        }
        int pages = integer(args, "pages", 1);
        if (pages <= 0) {
            pages = 1;
        }
        JSObject box = null;
        String where = "the page";
        String r = str(args, "ref").trim();
        if (!r.isEmpty()) {
            String ref = requireRef(args, "ref");
            box = element(ref);
            where = label(box, ref);
        }
        double h = Act.viewHeight(box) * 0.85 * pages;
        double w = Act.viewWidth(box) * 0.85 * pages;
        double dx = 0;
        double dy = 0;
        switch (dir) {
            case "down": dy = h; break;
            case "up": dy = -h; break;
            case "right": dx = w; break;
            case "left": dx = -w; break;
            default: throw new ActionError("direction must be up, down, left or right, got \"" + dir + "\"");
        }
        JSObject b = box;
        double fx = dx;
        double fy = dy;
        Act.Scrolled[] s = new Act.Scrolled[1];
        String d = dir;
        String wh = where;
        Map<String, Object> res = observed(null, null, () -> s[0] = Act.scrollBy(b, fx, fy), "scrolled " + wh + " " + d);
        Act.Scrolled sc = s[0];
        String pos = dx != 0 ? Math.round(sc.getX()) + " of " + Math.round(sc.getMaxX()) + " px"
                : Math.round(sc.getY()) + " of " + Math.round(sc.getMaxY()) + " px";
        String m = "scrolled " + wh + " " + d + " to " + pos;
        if (!sc.isMoved()) {
            m = wh + " did not move: it is already at the " + (dy > 0 ? "bottom" : dy < 0 ? "top" : dx > 0 ? "right end" : "left end")
                    + " or cannot scroll (" + pos + ")";
        } else if ((dy > 0 && sc.getY() >= sc.getMaxY() - 1) || (dx > 0 && sc.getX() >= sc.getMaxX() - 1)) {
            m += " (the end)";
        }
        res.put("message", m + "; take a snapshot to see what is in view");
        return res;
    }

    private static Map<String, Object> navigate(Map<String, Object> args) {
        String url = str(args, "url").trim();
        if (url.isEmpty()) {
            throw new ActionError("missing 'url': a URL on this site, or back, forward, reload");
        }
        State before = State.capture(null);
        JSObject counter = Act.observe();
        String r = Act.navigate(url);
        if (r.startsWith("bad:")) {
            throw new ActionError(Text.quote(url) + " is not a valid URL (" + r.substring(4) + ")");
        }
        if (r.startsWith("origin:")) {
            throw new ActionError("navigate stays on this site (" + before.url + "); " + r.substring(7)
                    + " is another origin. Follow a link on the page instead, if there is one");
        }
        if (r.startsWith("hash:")) {
            Act.Waited w = (Act.Waited) DomPromises.await(Act.settle(counter, SETTLE_QUIET_MS, SETTLE_MAX_MS));
            List<String> ch = changes(before, State.capture(null), null, w.getMutations());
            return result(true, "went to " + r.substring(5) + " on the same page; " + String.join("; ", ch), ch);
        }
        DomPromises.await(Act.settle(counter, 1, 1));
        List<String> ch = new ArrayList<>();
        ch.add("navigating to " + r);
        return result(true, "navigating to " + r + "; take a new snapshot once the page has loaded", ch);
    }

    private static Map<String, Object> read(Map<String, Object> args) {
        int max = integer(args, "max_chars", 4000);
        String ref = str(args, "ref").trim();
        String region = str(args, "region").trim();
        String text;
        String what;
        if (!ref.isEmpty()) {
            ref = requireRef(args, "ref");
            JSObject e = element(ref);
            what = label(e, ref);
            text = Dom.innerText(e);
            if (textField(e) || Dom.tag(e).equals("select")) {
                text = AccName.value(e, Roles.role(e));
            }
        } else if (!region.isEmpty()) {
            JSObject e = findRegion(region);
            if (e == null) {
                throw new ActionError("no region " + Text.quote(region) + " on the page; name a landmark (main, navigation, banner, "
                        + "contentinfo, complementary, form, dialog) or the name of a region, table, list or heading from the snapshot");
            }
            String role = Roles.role(e);
            what = role + " " + Text.quote(AccName.name(e, role));
            text = role.equals("heading") ? Act.sectionText(e) : Dom.innerText(e);
        } else {
            what = "the page";
            text = Dom.innerText(Dom.body());
        }
        String clean = cleanLines(text);
        boolean cut = clean.length() > max;
        if (cut) {
            clean = clean.substring(0, Math.max(0, max)) + "…";
        }
        Map<String, Object> r = result(true, "text of " + what + (cut ? " (cut at " + max + " characters)" : ""), null);
        r.put("text", clean);
        return r;
    }

    private static String cleanLines(String s) {
        StringBuilder b = new StringBuilder();
        int start = 0;
        while (start <= s.length()) {
            int nl = s.indexOf('\n', start);
            if (nl < 0) {
                nl = s.length();
            }
            String line = Text.collapse(s.substring(start, nl));
            if (!line.isEmpty()) {
                b.append(line).append('\n');
            }
            start = nl + 1;
        }
        return b.toString().trim();
    }

    private static JSObject findRegion(String region) {
        String want = Text.collapse(region).toLowerCase();
        JSArray<JSObject> c = Act.regionCandidates();
        JSObject partial = null;
        for (int i = 0; i < c.getLength(); i++) {
            JSObject e = c.get(i);
            Dom.Facts f = Dom.facts(e);
            if (!f.isRendered() || f.isAriaHidden()) {
                continue;
            }
            String role = Roles.role(e);
            if (role.equals(want) && (Roles.landmark(role) || role.equals("dialog") || role.equals("alertdialog"))) {
                return e;
            }
            String name = Text.collapse(AccName.name(e, role)).toLowerCase();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(want)) {
                return e;
            }
            if (partial == null && name.contains(want)) {
                partial = e;
            }
        }
        return partial;
    }

    private static Map<String, Object> waitFor(Map<String, Object> args) {
        String text = str(args, "text");
        String ref = str(args, "ref").trim();
        boolean gone = bool(args, "gone");
        int timeout = Math.min(Math.max(integer(args, "timeout_ms", 5000), 0), 30000);
        if (!ref.isEmpty()) {
            ref = requireRef(args, "ref");
            if (Refs.status(ref) == 0) {
                throw new ActionError("there is no element with ref " + ref + "; use a ref from the latest snapshot");
            }
        }
        if (text.isEmpty() && ref.isEmpty()) {
            State before = State.capture(null);
            JSObject counter = Act.observe();
            Act.Waited w = (Act.Waited) DomPromises.await(Act.settle(counter, 500, timeout));
            List<String> ch = changes(before, State.capture(null), null, w.getMutations());
            if (!w.isOk()) {
                return result(false, "the page was still changing after " + timeout + " ms; take a snapshot anyway, or wait again", ch);
            }
            return result(true, "the page is settled (waited " + w.getMs() + " ms); " + String.join("; ", ch), ch);
        }
        Act.Waited w = (Act.Waited) DomPromises.await(Act.waitFor(text, ref, gone, timeout));
        String what = (text.isEmpty() ? "" : "text " + Text.quote(text)) + (text.isEmpty() || ref.isEmpty() ? "" : " in ") + (ref.isEmpty() ? "" : ref);
        if (!w.isOk()) {
            return result(false, "timed out after " + timeout + " ms waiting for " + what + (gone ? " to disappear" : " to appear")
                    + "; take a snapshot to see what the page shows", null);
        }
        return result(true, what + (gone ? " is gone" : " is on the page") + " (after " + w.getMs() + " ms); take a snapshot to act on it", null);
    }
}
