package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Plain JS objects and arrays for WebGPU descriptors, built from Java. */
public final class Js {
    private Js() {}

    @JSBody(script = "return {};")
    public static native JSObject object();

    @JSBody(script = "return [];")
    public static native JSObject array();

    @JSBody(params = {"array", "value"}, script = "array.push(value); return array;")
    public static native JSObject push(JSObject array, JSObject value);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value; return o;")
    public static native JSObject set(JSObject o, String key, JSObject value);

    /** A JS string as a value (e.g. to push into an array). */
    @JSBody(params = {"s"}, script = "return s;")
    public static native JSObject string(String s);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value; return o;")
    public static native JSObject set(JSObject o, String key, String value);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value; return o;")
    public static native JSObject set(JSObject o, String key, double value);

    @JSBody(params = {"o", "key", "value"}, script = "o[key] = value; return o;")
    public static native JSObject set(JSObject o, String key, boolean value);

    @JSBody(params = {"o", "key"}, script = "var v = o[key]; return v === undefined || v === null ? null : String(v);")
    public static native String getString(JSObject o, String key);

    @JSBody(params = {"o", "key"}, script = "var v = o[key]; return typeof v === 'number' ? v : -1;")
    public static native double getNumber(JSObject o, String key);

    @JSBody(params = {"o"}, script = "return o === undefined || o === null;")
    public static native boolean isNull(JSObject o);

    /** JSON text of a JS value (for passing structured results back to Java callers). */
    @JSBody(params = {"o"}, script = "return JSON.stringify(o);")
    public static native String stringify(JSObject o);
}
