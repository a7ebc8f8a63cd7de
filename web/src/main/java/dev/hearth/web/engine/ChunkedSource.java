package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.ByteSourceException;
import dev.hearth.gpu.engine.RawTensorSource;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A model file whose bytes are fetched range by range from somewhere JS can reach (a server, a Blob),
 * so that neither the Java heap nor JS memory ever holds the whole file: small reads (the GGUF header
 * and metadata, norm vectors) go through a few cached 64 KiB chunks, large reads (one tensor) fetch
 * exactly their range. Reads run on a Java thread and await the fetch. Counts what it fetched, and
 * tells a {@link Progress} listener as bytes arrive (the engine's load progress).
 */
public abstract class ChunkedSource implements ByteSource, RawTensorSource {
    /** Small reads go through cached chunks of this size. */
    static final int CHUNK = 64 << 10;
    private static final int CACHED_CHUNKS = 8;

    /**
     * Told, after each fetch, how far into the file reading has got (the end of the furthest range read):
     * tensors load in file order, so this grows to the size as the load proceeds.
     */
    public interface Progress {
        void reached(long position, long size);
    }

    private final long size;
    private final long[] chunkIndex = new long[CACHED_CHUNKS];
    private final byte[][] chunkData = new byte[CACHED_CHUNKS][];
    private int nextSlot;
    private long fetched;
    private long furthest;
    private Progress progress;

    ChunkedSource(long size) {
        this.size = size;
        java.util.Arrays.fill(chunkIndex, -1);
    }

    /** Exactly {@code length} bytes from {@code offset} (already checked to lie inside the file). */
    abstract ArrayBuffer fetch(long offset, int length);

    /** Where the bytes come from, for error messages. */
    abstract String describe();

    public void onProgress(Progress p) {
        this.progress = p;
    }

    /** Adopts an already fetched first chunk (the bytes that told the size). */
    void keepFirstChunk(byte[] first) {
        chunkIndex[0] = 0;
        chunkData[0] = first;
        nextSlot = 1;
        count(0, first.length);
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes transferred so far. */
    public long fetched() {
        return fetched;
    }

    private void count(long offset, long n) {
        fetched += n;
        furthest = Math.max(furthest, offset + n);
        if (progress != null) {
            progress.reached(furthest, size);
        }
    }

    private ArrayBuffer exactly(long offset, int length) {
        ArrayBuffer b = fetch(offset, length);
        if (b.getByteLength() != length) {
            throw new ByteSourceException(describe() + " gave " + b.getByteLength() + " bytes for a range of " + length
                    + "; the file changed or the server is not serving ranges");
        }
        count(offset, length);
        return b;
    }

    static byte[] bytes(ArrayBuffer b, int offset, int len) {
        return new Int8Array(b, offset, len).copyToJavaArray();
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) {
        if (offset < 0 || len < 0 || offset + len > size) {
            throw new ByteSourceException("read of " + len + " bytes at " + offset + " is outside the " + size + "-byte model file");
        }
        // Kept as two plain calls: TeaVM 0.15's WASM-GC coroutine transformation crashed on a method
        // that awaited inside both branches of a conditional and a loop.
        if (len >= CHUNK) {
            readDirect(offset, dst, dstOff, len);
        } else {
            readCached(offset, dst, dstOff, len);
        }
    }

    private void readDirect(long offset, byte[] dst, int dstOff, int len) {
        ArrayBuffer b = exactly(offset, len);
        System.arraycopy(bytes(b, 0, len), 0, dst, dstOff, len);
    }

    private void readCached(long offset, byte[] dst, int dstOff, int len) {
        long end = offset + len;
        for (long at = offset; at < end; ) {
            long index = at / CHUNK;
            byte[] data = chunk(index);
            int within = (int) (at - index * CHUNK);
            int n = (int) Math.min(end - at, data.length - within);
            System.arraycopy(data, within, dst, dstOff + (int) (at - offset), n);
            at += n;
        }
    }

    private byte[] chunk(long index) {
        int slot = cachedSlot(index);
        return slot >= 0 ? chunkData[slot] : fetchChunk(index);
    }

    private int cachedSlot(long index) {
        for (int i = 0; i < CACHED_CHUNKS; i++) {
            if (chunkIndex[i] == index) {
                return i;
            }
        }
        return -1;
    }

    private byte[] fetchChunk(long index) {
        long start = index * CHUNK;
        int length = (int) (Math.min(size, start + CHUNK) - start);
        byte[] data = bytes(exactly(start, length), 0, length);
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % CACHED_CHUNKS;
        chunkIndex[slot] = index;
        chunkData[slot] = data;
        return data;
    }

    @Override
    public ArrayBuffer range(long offset, int length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new ByteSourceException("range of " + length + " bytes at " + offset + " is outside the "
                    + size + "-byte model file");
        }
        ArrayBuffer b = exactly(offset, length);
        return length % 4 == 0 ? b : ArrayBufferSource.padded(b, 0, length);
    }
}
