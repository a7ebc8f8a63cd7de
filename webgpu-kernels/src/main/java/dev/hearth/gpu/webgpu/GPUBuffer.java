package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.ArrayBuffer;

/** {@code GPUBuffer}. A mapped range becomes length 0 after {@link #unmap()}: copy out first. */
public interface GPUBuffer extends JSObject {
    @JSProperty double getSize();

    /** {@code mode}: {@link GPUMapMode}. Returns a promise. */
    JSObject mapAsync(int mode);

    ArrayBuffer getMappedRange();

    void unmap();

    void destroy();
}
