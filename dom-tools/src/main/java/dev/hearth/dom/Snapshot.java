package dev.hearth.dom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/**
 * Walks the rendered DOM (open shadow roots and same-origin frames included) into a tree of
 * accessibility nodes, and renders it as indented text. Roles and names come from {@link Roles}
 * and {@link AccName}; this class only decides what to show and how.
 */
public final class Snapshot {
    /** One rendered line of the snapshot. */
    static final class Line {
        final int depth;
        String text;
        final String ref;
        final boolean isText;

        Line(int depth, String text, String ref, boolean isText) {
            this.depth = depth;
            this.text = text;
            this.ref = ref;
            this.isText = isText;
        }
    }

    /** A node of the tree: an element with a role, or a run of text. */
    static final class Node {
        String role;
        String name = "";
        String ref;
        final List<String> attrs = new ArrayList<>();
        final List<Node> kids = new ArrayList<>();
        String text;
        boolean closed; // a text run that must not be extended (a block boundary came after it)
    }

    /** A ref the snapshot handed out. */
    public static final class RefInfo {
        public final String ref;
        public final String role;
        public final String name;

        RefInfo(String ref, String role, String name) {
            this.ref = ref;
            this.role = role;
            this.name = name;
        }
    }

    public static final int DEFAULT_MAX_CHARS = 12000;
    private static final int TEXT_RUN_MAX = 200;
    private static final int NAME_MAX = 100;
    private static final int SELECT_OPTIONS_MAX = 25;

    /** Lines of the previous snapshot (without markers), for diff mode. */
    private static Map<String, Integer> previous = new HashMap<>();

    private final List<RefInfo> refs = new ArrayList<>();
    private JSObject focused;
    private int labelDepth;
    private String text;
    private boolean truncated;

    private Snapshot() {}

    public String text() { return text; }
    public List<RefInfo> refs() { return refs; }
    public boolean truncated() { return truncated; }

    /** Takes a snapshot of the whole page. */
    public static Snapshot take(int maxChars, boolean diff) {
        return take(Dom.body(), maxChars, diff);
    }

    public static Snapshot take(JSObject root, int maxChars, boolean diff) {
        Snapshot s = new Snapshot();
        s.focused = Dom.activeElement();
        List<Node> top = new ArrayList<>();
        s.walkChildren(root, top, false);
        List<Line> lines = new ArrayList<>();
        for (Node n : top) {
            s.render(n, 0, lines);
        }
        s.truncated = fit(lines, maxChars <= 0 ? DEFAULT_MAX_CHARS : maxChars);
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            String key = l.text;
            Integer before = previous.get(key);
            int used = seen.containsKey(key) ? seen.get(key) : 0;
            seen.put(key, used + 1);
            boolean isNew = before == null || used >= before;
            for (int i = 0; i < l.depth; i++) {
                b.append("  ");
            }
            b.append(diff && isNew ? "+ " : "- ").append(l.text).append('\n');
        }
        previous = seen;
        s.text = b.toString();
        return s;
    }

    // ---- walking ---------------------------------------------------------------------------

    private void walkChildren(JSObject parent, List<Node> out, boolean textHidden) {
        JSArray<JSObject> kids = Dom.children(parent);
        for (int i = 0; i < kids.getLength(); i++) {
            walk(kids.get(i), out, textHidden);
        }
    }

    private static void addText(List<Node> out, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        Node last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && last.text != null && !last.closed) {
            last.text = last.text + raw;
            return;
        }
        if (Text.collapse(raw).isEmpty()) {
            return;
        }
        Node t = new Node();
        t.text = raw;
        out.add(t);
    }

    private static void closeText(List<Node> out) {
        if (!out.isEmpty()) {
            out.get(out.size() - 1).closed = true;
        }
    }

    private void walk(JSObject n, List<Node> out, boolean textHidden) {
        int type = Dom.nodeType(n);
        if (type == Dom.TEXT) {
            if (!textHidden && labelDepth == 0) {
                addText(out, Dom.nodeText(n));
            }
            return;
        }
        if (type != Dom.ELEMENT) {
            return;
        }
        String tag = Dom.tag(n);
        switch (tag) {
            case "script": case "style": case "noscript": case "template": case "head": case "meta": case "link":
            case "title": case "datalist":
                return;
            case "br":
                closeText(out);
                return;
            default:
                break;
        }
        Dom.Facts f = Dom.facts(n);
        if (!f.isRendered() || f.isAriaHidden() || f.isInert()) {
            return;
        }
        boolean visHidden = f.getVisibility().equals("hidden") || f.getVisibility().equals("collapse");
        if (visHidden) {
            // the element itself is invisible, but a child may set visibility: visible
            walkChildren(n, out, true);
            return;
        }
        String role = Roles.role(n);
        boolean editable = Dom.flag(n, "isContentEditable") && !editableParent(n);
        if (editable && (role.equals(Roles.GENERIC) || role.equals(Roles.NONE) || role.equals("paragraph"))) {
            role = "textbox";
        }
        boolean actionable = Roles.interactive(role) || editable;
        boolean clickable = false;
        if (!actionable && (role.equals(Roles.GENERIC) || role.equals(Roles.NONE)) && !tag.equals("label") && !tag.equals("body")
                && !tag.equals("html")) {
            boolean focusable = Dom.has(n, "tabindex") && Dom.intProp(n, "tabIndex") >= 0;
            boolean pointer = f.getCursor().equals("pointer") && !f.getParentCursor().equals("pointer");
            if ((focusable || pointer || Dom.has(n, "onclick"))
                    && Dom.query(n, "a[href],button,input,select,textarea,[role=button],[role=link],[tabindex]") == null) {
                clickable = true;
                actionable = true;
            }
        }
        if (tag.equals("iframe") || tag.equals("frame")) {
            Node node = new Node();
            node.role = "iframe";
            node.name = Text.collapse(AccName.name(n, "iframe"));
            if (f.isOffscreen()) {
                node.attrs.add("offscreen");
            }
            JSObject body = Dom.frameBody(n);
            if (body == null) {
                node.attrs.add("cross-origin, not readable");
            } else {
                walkChildren(body, node.kids, false);
            }
            closeText(out);
            out.add(node);
            return;
        }
        if (!actionable && !Roles.structural(role)) {
            boolean block = f.isBlock();
            if (block) {
                closeText(out);
            }
            // a label's text is already the name of its control
            boolean quiet = (tag.equals("label") && labelsVisibleControl(n)) || (tag.equals("legend") && Dom.parent(n) != null && Dom.tag(Dom.parent(n)).equals("fieldset"));
            if (quiet) {
                labelDepth++;
            }
            walkChildren(n, out, false);
            if (quiet) {
                labelDepth--;
            }
            if (block) {
                closeText(out);
            }
            return;
        }
        Node node = new Node();
        node.role = clickable ? Roles.GENERIC : role;
        node.name = clickable ? Text.truncate(AccName.contentText(n), 80) : AccName.name(n, role);
        if (actionable) {
            node.ref = Refs.refFor(n);
            refs.add(new RefInfo(node.ref, node.role, node.name));
        }
        states(n, node, role, tag, f);
        if (clickable) {
            node.attrs.add("clickable");
        }
        if (tag.equals("select")) {
            optionsOf(n, node);
        } else if (!editable && !tag.equals("input") && !tag.equals("textarea") && !tag.equals("img")) {
            walkChildren(n, node.kids, false);
            if (Roles.nameFromContent(role) || clickable) {
                // the text is already the name
                for (int i = node.kids.size() - 1; i >= 0; i--) {
                    if (node.kids.get(i).text != null) {
                        node.kids.remove(i);
                    }
                }
            }
        }
        closeText(out);
        if (node.ref == null && node.name.isEmpty() && node.kids.isEmpty() && node.attrs.isEmpty()
                && !role.equals("separator") && !role.equals("img") && !role.equals("progressbar") && !role.equals("meter")) {
            return; // an empty paragraph, status or list says nothing
        }
        out.add(node);
        closeText(out);
    }

    private static boolean labelsVisibleControl(JSObject label) {
        JSObject c = Dom.controlOf(label);
        return c != null && Dom.facts(c).isRendered();
    }

    private static boolean editableParent(JSObject n) {
        JSObject p = Dom.parent(n);
        return p != null && Dom.flag(p, "isContentEditable");
    }

    private void optionsOf(JSObject select, Node node) {
        JSArray<JSObject> opts = Dom.queryAll(select, "option");
        int shown = 0;
        for (int i = 0; i < opts.getLength(); i++) {
            JSObject o = opts.get(i);
            if (shown == SELECT_OPTIONS_MAX) {
                Node more = new Node();
                more.text = "… " + (opts.getLength() - shown) + " more options";
                node.kids.add(more);
                break;
            }
            Node on = new Node();
            on.role = "option";
            on.name = AccName.name(o, "option");
            if (Dom.flag(o, "selected")) {
                on.attrs.add("selected");
            }
            if (Dom.flag(o, "disabled")) {
                on.attrs.add("disabled");
            }
            node.kids.add(on);
            shown++;
        }
    }

    private void states(JSObject n, Node node, String role, String tag, Dom.Facts f) {
        if (role.equals("heading")) {
            String level = Dom.attr(n, "aria-level");
            if (level.isEmpty() && tag.length() == 2 && tag.charAt(0) == 'h') {
                level = tag.substring(1);
            }
            if (!level.isEmpty()) {
                node.attrs.add("level=" + level);
            }
        }
        String checked = checkedState(n, role, tag);
        if (checked != null) {
            node.attrs.add(checked);
        }
        if (role.equals("option") || role.equals("tab") || role.equals("treeitem") || role.equals("gridcell") || role.equals("row")) {
            if (tag.equals("option") ? Dom.flag(n, "selected") : Dom.attr(n, "aria-selected").equals("true")) {
                node.attrs.add("selected");
            }
        }
        String expanded = Dom.attr(n, "aria-expanded");
        if (tag.equals("summary")) {
            JSObject details = Dom.parent(n);
            if (details != null && Dom.tag(details).equals("details")) {
                expanded = Dom.flag(details, "open") ? "true" : "false";
            }
        }
        if (expanded.equals("true")) {
            node.attrs.add("expanded");
        } else if (expanded.equals("false")) {
            node.attrs.add("collapsed");
        }
        String pressed = Dom.attr(n, "aria-pressed");
        if (pressed.equals("true")) {
            node.attrs.add("pressed");
        } else if (pressed.equals("mixed")) {
            node.attrs.add("pressed=mixed");
        }
        String popup = Dom.attr(n, "aria-haspopup");
        if (!popup.isEmpty() && !popup.equals("false") && !role.equals("combobox")) {
            node.attrs.add(popup.equals("true") ? "haspopup" : "haspopup=" + popup);
        }
        if (disabled(n)) {
            node.attrs.add("disabled");
        }
        if (Dom.flag(n, "required") || Dom.attr(n, "aria-required").equals("true")) {
            node.attrs.add("required");
        }
        if ((Dom.flag(n, "readOnly") && (tag.equals("input") || tag.equals("textarea"))) || Dom.attr(n, "aria-readonly").equals("true")) {
            node.attrs.add("readonly");
        }
        String invalid = Dom.attr(n, "aria-invalid");
        if ((!invalid.isEmpty() && !invalid.equals("false")) || Dom.matches(n, ":user-invalid")) {
            node.attrs.add("invalid");
        }
        if (focused != null && Dom.same(n, focused)) {
            node.attrs.add("focused");
        }
        if (role.equals("dialog") || role.equals("alertdialog")) {
            if (Dom.matches(n, ":modal") || Dom.attr(n, "aria-modal").equals("true")) {
                node.attrs.add("modal");
            }
        }
        if (node.ref != null || role.equals("progressbar") || role.equals("meter")) {
            String v = AccName.value(n, role);
            if (!v.isEmpty() && !v.equals(node.name)) {
                node.attrs.add("value=" + Text.quote(Text.truncate(Text.collapse(v), NAME_MAX)));
            }
        }
        if (f.isOffscreen() && (node.ref != null || role.equals("heading"))) {
            node.attrs.add("offscreen");
        }
    }

    static String checkedState(JSObject n, String role, String tag) {
        boolean checkable = role.equals("checkbox") || role.equals("radio") || role.equals("switch")
                || role.equals("menuitemcheckbox") || role.equals("menuitemradio");
        if (!checkable) {
            return null;
        }
        if (tag.equals("input")) {
            if (Dom.flag(n, "indeterminate")) {
                return "checked=mixed";
            }
            return Dom.flag(n, "checked") ? "checked" : "unchecked";
        }
        String a = Dom.attr(n, "aria-checked");
        if (a.equals("true")) {
            return "checked";
        }
        if (a.equals("mixed")) {
            return "checked=mixed";
        }
        return "unchecked";
    }

    static boolean disabled(JSObject n) {
        return Dom.matches(n, ":disabled") || Dom.closest(n, "[aria-disabled=true]") != null;
    }

    // ---- rendering -------------------------------------------------------------------------

    private void render(Node n, int depth, List<Line> lines) {
        if (n.text != null) {
            String t = Text.collapse(n.text);
            if (!t.isEmpty()) {
                lines.add(new Line(depth, "text: " + Text.truncate(t, TEXT_RUN_MAX), null, true));
            }
            return;
        }
        StringBuilder b = new StringBuilder(n.role);
        if (!n.name.isEmpty()) {
            b.append(' ').append(Text.quote(Text.truncate(n.name, NAME_MAX)));
        }
        if (n.ref != null) {
            b.append(" [ref=").append(n.ref).append(']');
        }
        for (String a : n.attrs) {
            b.append(" [").append(a).append(']');
        }
        if (n.kids.size() == 1 && n.kids.get(0).text != null && n.name.isEmpty()) {
            String t = Text.collapse(n.kids.get(0).text);
            b.append(": ").append(Text.truncate(t, TEXT_RUN_MAX));
            lines.add(new Line(depth, b.toString(), n.ref, false));
            return;
        }
        boolean any = false;
        for (Node k : n.kids) {
            if (k.text == null || !Text.collapse(k.text).isEmpty()) {
                any = true;
                break;
            }
        }
        if (any) {
            b.append(':');
        }
        lines.add(new Line(depth, b.toString(), n.ref, false));
        for (Node k : n.kids) {
            render(k, depth + 1, lines);
        }
    }

    /** Fits the lines into the budget: text is cut, then left out; lines with refs always stay. */
    private static boolean fit(List<Line> lines, int max) {
        if (size(lines) <= max) {
            return false;
        }
        for (Line l : lines) {
            if (l.isText && l.text.length() > 86) {
                l.text = Text.truncate(l.text, 86);
            }
        }
        int dropped = 0;
        int total = size(lines);
        for (int pass = 0; pass < 2 && total > max; pass++) {
            for (int i = lines.size() - 1; i >= 0 && total > max; i--) {
                Line l = lines.get(i);
                if (l.ref == null && (pass == 1 || l.isText)) {
                    total -= l.text.length() + 3 + 2 * l.depth;
                    lines.remove(i);
                    dropped++;
                }
            }
        }
        if (dropped > 0) {
            lines.add(new Line(0, "note: " + dropped + " lines of text and structure left out to fit the size budget; use read for the text of a region", null, false));
        }
        return true;
    }

    private static int size(List<Line> lines) {
        int s = 0;
        for (Line l : lines) {
            s += l.text.length() + 3 + 2 * l.depth;
        }
        return s;
    }
}
