package dev.hearth.dom;

import org.teavm.jso.JSObject;

/** ARIA roles: explicit (the role attribute) or implicit (HTML-AAM), and what each role means for the snapshot. */
final class Roles {
    private Roles() {}

    static final String GENERIC = "generic";
    static final String NONE = "none";

    private static final String KNOWN = " alert alertdialog application article banner blockquote button caption cell checkbox code "
            + "columnheader combobox complementary contentinfo definition deletion dialog directory document emphasis feed figure "
            + "form generic grid gridcell group heading img image insertion link list listbox listitem log main mark marquee math menu "
            + "menubar menuitem menuitemcheckbox menuitemradio meter navigation none note option paragraph presentation progressbar radio "
            + "radiogroup region row rowgroup rowheader scrollbar search searchbox separator slider spinbutton status strong subscript "
            + "superscript switch tab table tablist tabpanel term textbox time timer toolbar tooltip tree treegrid treeitem ";

    /** The element's role; GENERIC when it has none worth showing. */
    static String role(JSObject e) {
        String r = declared(e);
        if ((r.equals(GENERIC) || r.equals(NONE) || r.equals("paragraph")) && Dom.flag(e, "isContentEditable")) {
            JSObject p = Dom.parent(e);
            if (p == null || !Dom.flag(p, "isContentEditable")) {
                return "textbox"; // the root of an editing host
            }
        }
        return r;
    }

    private static String declared(JSObject e) {
        String explicit = Dom.attr(e, "role").trim();
        if (!explicit.isEmpty()) {
            int start = 0;
            while (start < explicit.length()) {
                int end = explicit.indexOf(' ', start);
                if (end < 0) {
                    end = explicit.length();
                }
                String r = explicit.substring(start, end).trim().toLowerCase();
                if (!r.isEmpty() && KNOWN.contains(" " + r + " ")) {
                    if (r.equals("presentation") || r.equals("none")) {
                        // presentational roles are ignored on focusable elements
                        return Dom.has(e, "tabindex") || isNativelyFocusable(e) ? implicit(e) : NONE;
                    }
                    return r.equals("image") ? "img" : r;
                }
                start = end + 1;
            }
        }
        return implicit(e);
    }

    static boolean isNativelyFocusable(JSObject e) {
        String t = Dom.tag(e);
        return t.equals("button") || t.equals("input") || t.equals("select") || t.equals("textarea")
                || (t.equals("a") && Dom.has(e, "href"));
    }

    static String implicit(JSObject e) {
        String t = Dom.tag(e);
        switch (t) {
            case "a":
            case "area":
                return Dom.has(e, "href") ? "link" : GENERIC;
            case "article": return "article";
            case "aside": return sectioningScoped(e) ? GENERIC : "complementary";
            case "button": return "button";
            case "summary": return "button";
            case "datalist": return "listbox";
            case "details": return "group";
            case "dialog": return "dialog";
            case "fieldset": return "group";
            case "figure": return "figure";
            case "footer": return sectioningScoped(e) ? GENERIC : "contentinfo";
            case "header": return sectioningScoped(e) ? GENERIC : "banner";
            case "form": return "form";
            case "h1": case "h2": case "h3": case "h4": case "h5": case "h6": return "heading";
            case "hr": return "separator";
            case "img": return Dom.has(e, "alt") && Dom.attr(e, "alt").isEmpty() ? NONE : "img";
            case "svg": return Dom.has(e, "aria-label") || Dom.has(e, "aria-labelledby") ? "img" : GENERIC;
            case "input": return inputRole(e);
            case "li": return "listitem";
            case "main": return "main";
            case "menu": case "ol": case "ul": return "list";
            case "nav": return "navigation";
            case "option": return "option";
            case "optgroup": return "group";
            case "output": return "status";
            case "p": return "paragraph";
            case "progress": return "progressbar";
            case "meter": return "meter";
            case "section": return Dom.has(e, "aria-label") || Dom.has(e, "aria-labelledby") || Dom.has(e, "title") ? "region" : GENERIC;
            case "search": return "search";
            case "select": return Dom.flag(e, "multiple") || Dom.intProp(e, "size") > 1 ? "listbox" : "combobox";
            case "table": return "table";
            case "caption": return "caption";
            case "thead": case "tbody": case "tfoot": return "rowgroup";
            case "tr": return "row";
            case "td": return Dom.closest(e, "[role=grid],[role=treegrid]") != null ? "gridcell" : "cell";
            case "th": return Dom.attr(e, "scope").equals("row") ? "rowheader" : "columnheader";
            case "textarea": return "textbox";
            case "dt": return "term";
            case "dd": return "definition";
            case "blockquote": return "blockquote";
            case "iframe": case "frame": return "iframe";
            case "label": case "legend": case "div": case "span": return GENERIC;
            default: return GENERIC;
        }
    }

    private static boolean sectioningScoped(JSObject e) {
        return Dom.parent(e) != null && Dom.closest(Dom.parent(e), "article,aside,main,nav,section,[role=article],[role=complementary],[role=main],[role=navigation],[role=region]") != null;
    }

    private static String inputRole(JSObject e) {
        String type = Dom.attr(e, "type").toLowerCase();
        boolean list = Dom.has(e, "list");
        switch (type) {
            case "hidden": return NONE;
            case "button": case "submit": case "reset": case "image": case "file": return "button";
            case "checkbox": return Dom.has(e, "switch") ? "switch" : "checkbox";
            case "radio": return "radio";
            case "range": return "slider";
            case "number": return "spinbutton";
            case "search": return list ? "combobox" : "searchbox";
            default: return list ? "combobox" : "textbox";
        }
    }

    /** Roles whose accessible name comes from their content (accname 2F). */
    static boolean nameFromContent(String role) {
        switch (role) {
            case "button": case "cell": case "checkbox": case "columnheader": case "gridcell": case "heading": case "link":
            case "menuitem": case "menuitemcheckbox": case "menuitemradio": case "option": case "radio": case "row":
            case "rowheader": case "switch": case "tab": case "tooltip": case "treeitem": case "caption": case "term":
                return true;
            default:
                return false;
        }
    }

    /** Roles of widgets one acts on: these get a ref. */
    static boolean interactive(String role) {
        switch (role) {
            case "button": case "checkbox": case "combobox": case "link": case "listbox": case "menuitem":
            case "menuitemcheckbox": case "menuitemradio": case "option": case "radio": case "scrollbar": case "searchbox":
            case "slider": case "spinbutton": case "switch": case "tab": case "textbox": case "treeitem": case "gridcell":
                return true;
            default:
                return false;
        }
    }

    /** Roles shown as structure even without a name. */
    static boolean structural(String role) {
        return !role.equals(GENERIC) && !role.equals(NONE);
    }

    static boolean landmark(String role) {
        switch (role) {
            case "banner": case "complementary": case "contentinfo": case "form": case "main": case "navigation":
            case "region": case "search":
                return true;
            default:
                return false;
        }
    }
}
