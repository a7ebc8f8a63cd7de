package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.ByteSourceException;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/** A GGUF file held by JS as an ArrayBuffer; Java copies out only the ranges it reads. */
public final class ArrayBufferSource implements ByteSource {
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
}
