package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.ByteSourceException;
import dev.hearth.gpu.engine.RawTensorSource;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/** A GGUF file held by JS as an ArrayBuffer; Java copies out only the ranges it reads. */
public final class ArrayBufferSource implements ByteSource, RawTensorSource {
    private final ArrayBuffer buffer;

    public ArrayBufferSource(ArrayBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    public long size() {
        return buffer.getByteLength();
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) {
        if (offset < 0 || len < 0 || offset + len > size() || dstOff < 0 || dstOff + len > dst.length) {
            throw new ByteSourceException("read of " + len + " bytes at " + offset + " is outside the "
                    + size() + "-byte model file");
        }
        if (len == 0) {
            return;
        }
        byte[] copy = new Int8Array(buffer, (int) offset, len).copyToJavaArray();
        System.arraycopy(copy, 0, dst, dstOff, len);
    }

    @Override
    public ArrayBuffer range(long offset, int length) {
        if (offset < 0 || length < 0 || offset + length > size()) {
            throw new ByteSourceException("range of " + length + " bytes at " + offset + " is outside the "
                    + size() + "-byte model file");
        }
        return padded(buffer, (int) offset, length);
    }

    /** A copy of {@code length} bytes from {@code offset}, zero-padded to a multiple of 4. */
    @org.teavm.jso.JSBody(params = {"b", "offset", "length"}, script = ""
            + "var out = new Uint8Array((length + 3) & ~3); out.set(new Uint8Array(b, offset, length)); return out.buffer;")
    static native ArrayBuffer padded(ArrayBuffer b, int offset, int length);
}
