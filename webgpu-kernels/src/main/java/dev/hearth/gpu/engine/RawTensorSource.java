package dev.hearth.gpu.engine;

import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * Where a model file's bytes can be had as JS ArrayBuffers, so tensors go from the network (or a
 * cache) to the GPU without passing through the Java heap. Implemented by the web module's sources.
 */
public interface RawTensorSource {
    /** {@code length} bytes from {@code offset}, padded with zeros to a multiple of 4 (waits for them). */
    ArrayBuffer range(long offset, int length);
}
