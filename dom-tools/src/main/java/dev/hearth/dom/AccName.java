package dev.hearth.dom;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;

/**
 * Accessible names by the rules of accname 1.2, in the order they apply: aria-labelledby,
 * aria-label, the host language's label (label[for], a wrapping label, alt, legend, caption,
 * button values), the content for roles named from content, then title and placeholder.
 */
final class AccName {
    private AccName() {}

    private static final int MAX_DEPTH = 30;
    /** An element left out of content text (the control whose label is being read). */
    private static JSObject skip;

    static String name(JSObject e, String role) {
        return Text.collapse(compute(e, role, false, false, 0));
    }

    /** The text of an element as a name source (used for labels, aria-labelledby targets, read). */
    static String contentText(JSObject e) {
        return Text.collapse(content(e, true, 0));
    }

    private static String compute(JSObject e, String role, boolean inLabelledBy, boolean inContent, int depth) {
        if (depth > MAX_DEPTH) {
            return "";
        }
        if (!inLabelledBy) {
            String ids = Dom.attr(e, "aria-labelledby").trim();
            if (!ids.isEmpty()) {
                StringBuilder b = new StringBuilder();
                for (String id : Text.words(ids)) {
                    JSObject t = Dom.byId(e, id);
                    if (t != null) {
                        String part = Text.collapse(compute(t, Roles.role(t), true, true, depth + 1));
                        if (!part.isEmpty()) {
                            if (b.length() > 0) {
                                b.append(' ');
                            }
                            b.append(part);
                        }
                    }
                }
                if (!Text.collapse(b.toString()).isEmpty()) {
                    return b.toString();
                }
            }
        }
        if (inContent && embeddedControl(role)) {
            String v = value(e, role);
            if (!v.isEmpty() || !role.equals("button")) {
                return v;
            }
        }
        String label = Dom.attr(e, "aria-label").trim();
        if (!label.isEmpty()) {
            return label;
        }
        String tag = Dom.tag(e);
        String type = Dom.attr(e, "type").toLowerCase();
        if (tag.equals("input") && (type.equals("button") || type.equals("submit") || type.equals("reset"))) {
            String v = Dom.attr(e, "value");
            if (!v.trim().isEmpty()) {
                return v;
            }
            if (type.equals("submit")) {
                return "Submit";
            }
            if (type.equals("reset")) {
                return "Reset";
            }
        }
        if (tag.equals("input") && type.equals("image")) {
            String alt = Dom.attr(e, "alt");
            return !alt.trim().isEmpty() ? alt : Dom.has(e, "value") ? Dom.attr(e, "value") : "Submit";
        }
        if (!inContent && labelable(tag) && !(tag.equals("input") && (type.equals("button") || type.equals("submit") || type.equals("reset")))) {
            JSArray<JSObject> labels = Dom.labels(e);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < labels.getLength(); i++) {
                JSObject was = skip;
                skip = e; // the control inside its own label does not name itself
                String part = Text.collapse(content(labels.get(i), false, depth + 1));
                skip = was;
                if (!part.isEmpty()) {
                    if (b.length() > 0) {
                        b.append(' ');
                    }
                    b.append(part);
                }
            }
            if (b.length() > 0) {
                return b.toString();
            }
        }
        if (tag.equals("img") || tag.equals("area")) {
            String alt = Dom.attr(e, "alt");
            if (!alt.trim().isEmpty()) {
                return alt;
            }
        }
        if (tag.equals("fieldset")) {
            String s = childText(e, "legend", depth);
            if (!s.isEmpty()) {
                return s;
            }
        }
        if (tag.equals("figure")) {
            String s = childText(e, "figcaption", depth);
            if (!s.isEmpty()) {
                return s;
            }
        }
        if (tag.equals("table")) {
            String s = childText(e, "caption", depth);
            if (!s.isEmpty()) {
                return s;
            }
        }
        if (tag.equals("svg")) {
            String s = childText(e, "title", depth);
            if (!s.isEmpty()) {
                return s;
            }
        }
        if ((Roles.nameFromContent(role) && !role.equals("row")) || inContent || inLabelledBy || tag.equals("label") || tag.equals("legend")) {
            String c = content(e, inLabelledBy, depth + 1);
            if (!Text.collapse(c).isEmpty()) {
                return c;
            }
        }
        String title = Dom.attr(e, "title").trim();
        if (!title.isEmpty()) {
            return title;
        }
        String ph = Dom.attr(e, "placeholder").trim();
        if (ph.isEmpty()) {
            ph = Dom.attr(e, "aria-placeholder").trim();
        }
        if (!ph.isEmpty() && (tag.equals("input") || tag.equals("textarea") || role.equals("textbox") || role.equals("searchbox") || role.equals("combobox"))) {
            return ph;
        }
        if (tag.equals("a") && role.equals("link") && !inContent) {
            // an empty link: its image (via content) had nothing; fall back to where it goes
            String href = Dom.attr(e, "href");
            return href.length() > 60 ? href.substring(0, 60) : href;
        }
        return "";
    }

    private static String childText(JSObject e, String childTag, int depth) {
        JSArray<JSObject> kids = Dom.children(e);
        for (int i = 0; i < kids.getLength(); i++) {
            JSObject k = kids.get(i);
            if (Dom.nodeType(k) == Dom.ELEMENT && Dom.tag(k).equals(childTag)) {
                return Text.collapse(content(k, false, depth + 1));
            }
        }
        return "";
    }

    private static boolean labelable(String tag) {
        return tag.equals("input") || tag.equals("select") || tag.equals("textarea") || tag.equals("meter")
                || tag.equals("progress") || tag.equals("output") || tag.equals("button");
    }

    private static boolean embeddedControl(String role) {
        return role.equals("textbox") || role.equals("searchbox") || role.equals("combobox") || role.equals("listbox")
                || role.equals("slider") || role.equals("spinbutton");
    }

    /** Text from the children (accname step 2F), hidden children left out. */
    private static String content(JSObject e, boolean includeHidden, int depth) {
        if (depth > MAX_DEPTH) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        JSArray<JSObject> kids = Dom.children(e);
        for (int i = 0; i < kids.getLength(); i++) {
            JSObject k = kids.get(i);
            int type = Dom.nodeType(k);
            if (type == Dom.TEXT) {
                b.append(Dom.nodeText(k));
            } else if (type == Dom.ELEMENT) {
                if (skip != null && Dom.same(k, skip)) {
                    continue;
                }
                int f = nameFacts(k);
                if (f == 0 && !includeHidden) {
                    continue;
                }
                String t = Dom.tag(k);
                if (t.equals("script") || t.equals("style") || t.equals("noscript") || t.equals("template")) {
                    continue;
                }
                if (t.equals("br")) {
                    b.append(' ');
                    continue;
                }
                String part = compute(k, Roles.role(k), false, true, depth + 1);
                if (f == 2) {
                    b.append(' ').append(part).append(' ');
                } else {
                    b.append(part);
                }
            }
        }
        return b.toString();
    }

    /** 0: hidden from the accessibility tree, 1: inline, 2: block (its text is set apart by spaces). */
    @JSBody(params = "e", script = ""
            + "if (e.getAttribute('aria-hidden') === 'true' || e.hasAttribute('hidden') && !e.hasAttribute('hidden-until-found')) return 0;"
            + "var w = (e.ownerDocument && e.ownerDocument.defaultView) || window;"
            + "var s = w.getComputedStyle(e);"
            + "if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse') return 0;"
            + "return s.display.indexOf('inline') === 0 || s.display === 'contents' ? 1 : 2;")
    static native int nameFacts(JSObject e);

    /** The value a control shows: the text of a field, the chosen option, the position of a slider. */
    static String value(JSObject e, String role) {
        String tag = Dom.tag(e);
        if (tag.equals("select")) {
            return selectedText(e);
        }
        if (tag.equals("input") || tag.equals("textarea")) {
            String type = Dom.attr(e, "type").toLowerCase();
            if (type.equals("checkbox") || type.equals("radio") || type.equals("button") || type.equals("submit")
                    || type.equals("reset") || type.equals("image") || type.equals("hidden")) {
                return "";
            }
            String v = Dom.prop(e, "value");
            if (type.equals("password") && !v.isEmpty()) {
                return "••••••••";
            }
            return v;
        }
        if (role.equals("slider") || role.equals("spinbutton") || role.equals("progressbar") || role.equals("scrollbar") || role.equals("meter")) {
            String t = Dom.attr(e, "aria-valuetext");
            return !t.isEmpty() ? t : Dom.attr(e, "aria-valuenow");
        }
        if ((role.equals("textbox") || role.equals("searchbox") || role.equals("combobox")) && Dom.flag(e, "isContentEditable")) {
            return Text.collapse(Dom.innerText(e));
        }
        if (role.equals("combobox")) {
            String v = Dom.prop(e, "value");
            if (!v.isEmpty()) {
                return v;
            }
            return Text.collapse(content(e, false, 1));
        }
        return "";
    }

    @JSBody(params = "e", script = "var o = e.selectedOptions ? Array.prototype.slice.call(e.selectedOptions) : [];"
            + "return o.map(function(x) { return (x.label || x.text || '').trim(); }).join(', ');")
    static native String selectedText(JSObject e);
}
