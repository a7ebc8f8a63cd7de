package dev.hearth.dom;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Refs (e1, e2, ...) for the elements one can act on. The element-to-ref map is a JS WeakMap kept on
 * the page, so an element keeps its ref across snapshots for as long as it lives, and a removed
 * element's ref never points at anything else.
 */
final class Refs {
    private Refs() {}

    private static final String REG = "(window.__hearthRefs || (window.__hearthRefs = {map: new WeakMap(), byRef: new Map(), next: 1}))";

    @JSBody(params = "e", script = "var g = " + REG + "; var r = g.map.get(e);"
            + "if (!r) { r = 'e' + (g.next++); g.map.set(e, r); g.byRef.set(r, new WeakRef(e)); }"
            + "return r;")
    static native String refFor(JSObject e);

    /** 0: no such ref was ever given; 1: live; 2: given once, element gone (removed or re-rendered). */
    @JSBody(params = "r", script = "var g = " + REG + "; var w = g.byRef.get(r); if (!w) return 0;"
            + "var e = w.deref(); return e && e.isConnected ? 1 : 2;")
    static native int status(String r);

    @JSBody(params = "r", script = "var g = " + REG + "; var w = g.byRef.get(r); var e = w && w.deref();"
            + "return e && e.isConnected ? e : null;")
    static native JSObject lookup(String r);

    /** The element's ref if it has one already (does not create one), else "". */
    @JSBody(params = "e", script = "var g = " + REG + "; return g.map.get(e) || '';")
    static native String existing(JSObject e);
}
