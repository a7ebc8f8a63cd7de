package dev.hearth.dom;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;

/**
 * Small JS helpers over the real DOM. Each does one lookup; the decisions (roles, names, what to
 * show, what an action means) are made in Java.
 */
final class Dom {
    private Dom() {}

    static final int ELEMENT = 1;
    static final int TEXT = 3;

    /** Layout and visibility facts of one element, read in one call. */
    interface Facts extends JSObject {
        @JSProperty String getDisplay();
        @JSProperty String getVisibility();
        @JSProperty String getCursor();
        @JSProperty String getParentCursor();
        @JSProperty boolean isRendered();
        @JSProperty boolean isOffscreen();
        @JSProperty boolean isAriaHidden();
        @JSProperty boolean isInert();
        @JSProperty boolean isBlock();
    }

    interface Rect extends JSObject {
        @JSProperty double getX();
        @JSProperty double getY();
        @JSProperty double getWidth();
        @JSProperty double getHeight();
    }

    @JSBody(params = "n", script = "return n.nodeType;")
    static native int nodeType(JSObject n);

    @JSBody(params = "n", script = "return n.nodeValue || '';")
    static native String nodeText(JSObject n);

    @JSBody(params = "e", script = "return (e.localName || '').toLowerCase();")
    static native String tag(JSObject e);

    @JSBody(params = {"e", "a"}, script = "return !!(e.hasAttribute && e.hasAttribute(a));")
    static native boolean has(JSObject e, String a);

    @JSBody(params = {"e", "a"}, script = "var v = e.getAttribute ? e.getAttribute(a) : null; return v == null ? '' : String(v);")
    static native String attr(JSObject e, String a);

    @JSBody(params = {"e", "p"}, script = "var v = e[p]; return v == null ? '' : String(v);")
    static native String prop(JSObject e, String p);

    @JSBody(params = {"e", "p"}, script = "return !!e[p];")
    static native boolean flag(JSObject e, String p);

    @JSBody(params = {"e", "p"}, script = "var v = e[p]; return typeof v === 'number' ? v : -1;")
    static native int intProp(JSObject e, String p);

    @JSBody(params = {"a", "b"}, script = "return a === b;")
    static native boolean same(JSObject a, JSObject b);

    @JSBody(params = "o", script = "return o == null;")
    static native boolean isNull(JSObject o);

    @JSBody(params = {"e", "sel"}, script = "try { return !!(e.matches && e.matches(sel)); } catch (x) { return false; }")
    static native boolean matches(JSObject e, String sel);

    @JSBody(params = {"e", "sel"}, script = "try { return (e.closest && e.closest(sel)) || null; } catch (x) { return null; }")
    static native JSObject closest(JSObject e, String sel);

    /** Children in the composed (rendered) tree: an open shadow root replaces the light children; a slot shows what is assigned to it. */
    @JSBody(params = "n", script = ""
            + "if (n.shadowRoot) return Array.prototype.slice.call(n.shadowRoot.childNodes);"
            + "if (n.localName === 'slot' && n.assignedNodes) { var a = n.assignedNodes({flatten: true});"
            + "  if (a.length) return Array.prototype.slice.call(a); }"
            + "if (n.localName === 'template') return [];"
            + "return Array.prototype.slice.call(n.childNodes);")
    static native JSArray<JSObject> children(JSObject n);

    /** The document inside a same-origin iframe, or null (cross-origin or not loaded). */
    @JSBody(params = "f", script = "try { var d = f.contentDocument; return d && d.body ? d.body : null; } catch (x) { return null; }")
    static native JSObject frameBody(JSObject f);

    @JSBody(params = "e", script = ""
            + "var w = (e.ownerDocument && e.ownerDocument.defaultView) || window;"
            + "var s = w.getComputedStyle(e);"
            + "var p = e.parentElement || (e.parentNode && e.parentNode.host) || null;"
            + "var rendered = s.display !== 'none';"
            + "if (rendered && s.display !== 'contents' && e.checkVisibility) rendered = e.checkVisibility();"
            + "var off = false;"
            + "if (rendered && s.display !== 'contents') { var r = e.getBoundingClientRect();"
            + "  off = r.bottom < 0 || r.right < 0 || r.top > w.innerHeight || r.left > w.innerWidth; }"
            + "var d = s.display;"
            + "return {display: d, visibility: s.visibility, cursor: s.cursor,"
            + "  parentCursor: p ? w.getComputedStyle(p).cursor : '', rendered: rendered, offscreen: off,"
            + "  ariaHidden: e.getAttribute('aria-hidden') === 'true', inert: e.hasAttribute('inert'),"
            + "  block: !(d === 'inline' || d === 'contents' || d.indexOf('inline') === 0 && d !== 'inline-block' && d !== 'inline-flex' && d !== 'inline-grid')};")
    static native Facts facts(JSObject e);

    @JSBody(params = "e", script = "var r = e.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height};")
    static native Rect rect(JSObject e);

    /** The element with this id in the element's tree (document or shadow root), or null. */
    @JSBody(params = {"e", "id"}, script = ""
            + "var r = e.getRootNode ? e.getRootNode() : document;"
            + "var f = r.getElementById ? r.getElementById(id) : null;"
            + "if (!f && r.querySelector) { try { f = r.querySelector('#' + CSS.escape(id)); } catch (x) {} }"
            + "return f || null;")
    static native JSObject byId(JSObject e, String id);

    @JSBody(params = "e", script = "return e.labels ? Array.prototype.slice.call(e.labels) : [];")
    static native JSArray<JSObject> labels(JSObject e);

    @JSBody(params = {"e", "sel"}, script = "try { var c = e.querySelector(sel); return c || null; } catch (x) { return null; }")
    static native JSObject query(JSObject e, String sel);

    @JSBody(params = {"e", "sel"}, script = "try { return Array.prototype.slice.call(e.querySelectorAll(sel)); } catch (x) { return []; }")
    static native JSArray<JSObject> queryAll(JSObject e, String sel);

    /** The focused element, looking into shadow roots and same-origin frames. */
    @JSBody(params = {}, script = ""
            + "var a = document.activeElement;"
            + "for (var i = 0; i < 20 && a; i++) {"
            + "  if (a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; continue; }"
            + "  if ((a.localName === 'iframe' || a.localName === 'frame')) { try { var d = a.contentDocument;"
            + "    if (d && d.activeElement && d.activeElement !== d.body) { a = d.activeElement; continue; } } catch (x) {} }"
            + "  break; }"
            + "return a || null;")
    static native JSObject activeElement();

    @JSBody(params = {}, script = "return document.body || document.documentElement;")
    static native JSObject body();

    @JSBody(params = {}, script = "return location.href;")
    static native String url();

    @JSBody(params = {}, script = "return document.title || '';")
    static native String title();

    @JSBody(params = "e", script = "return e.isConnected === true;")
    static native boolean connected(JSObject e);

    @JSBody(params = "e", script = "return (e.innerText != null ? e.innerText : e.textContent) || '';")
    static native String innerText(JSObject e);

    @JSBody(params = "e", script = "var p = e.parentElement || (e.parentNode && e.parentNode.host) || null;"
            + "if (!p && e.ownerDocument && e.ownerDocument.defaultView && e.ownerDocument.defaultView.frameElement) p = e.ownerDocument.defaultView.frameElement;"
            + "return p;")
    static native JSObject parent(JSObject e);

    @JSBody(params = "l", script = "return l.control || null;")
    static native JSObject controlOf(JSObject l);
}
