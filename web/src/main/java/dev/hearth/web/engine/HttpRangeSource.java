package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.ByteSourceException;
import dev.hearth.gpu.engine.RawTensorSource;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.gpu.webgpu.PromiseRejectedException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A model file read with HTTP range requests, so that neither the Java heap nor JS memory ever holds
 * the whole file: small reads (the GGUF header and metadata) go through a few cached 64 KiB chunks,
 * large reads (one tensor) fetch exactly their range. Reads run on a Java thread and await the fetch.
 * {@link #open} falls back to one whole-file fetch when the server ignores ranges.
 */
public final class HttpRangeSource implements ByteSource, RawTensorSource {
    /** Small reads (header, metadata, norm vectors) go through cached chunks of this size. */
    private static final int CHUNK = 64 << 10;
    private static final int CACHED_CHUNKS = 8;

    private final String url;
    private final long size;
    private final long[] chunkIndex = new long[CACHED_CHUNKS];
    private final byte[][] chunkData = new byte[CACHED_CHUNKS][];
    private int nextSlot;
    private long fetched;

    private HttpRangeSource(String url, long size, byte[] first) {
        this.url = url;
        this.size = size;
        java.util.Arrays.fill(chunkIndex, -1);
        chunkIndex[0] = 0;
        chunkData[0] = first;
        nextSlot = 1;
        fetched = first.length;
    }

    interface RangeResponse extends JSObject {
        @JSProperty int getStatus();

        /** total size from Content-Range, or -1 when absent */
        @JSProperty double getTotal();

        @JSProperty ArrayBuffer getBody();
    }

    @JSBody(params = {"url", "start", "end"}, script = ""
            + "return fetch(url, {headers: {Range: 'bytes=' + start + '-' + end}}).then(function(r) {"
            + "  if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + url);"
            + "  var cr = r.headers.get('Content-Range'); var m = cr ? /\\/(\\d+)$/.exec(cr) : null;"
            + "  return r.arrayBuffer().then(function(b) { return {status: r.status, total: m ? Number(m[1]) : -1, body: b}; });"
            + "});")
    private static native JSObject fetchRange(String url, double start, double end);

    private static RangeResponse get(String url, long start, long end) {
        try {
            return (RangeResponse) JsPromises.await(fetchRange(url, start, end));
        } catch (PromiseRejectedException e) {
            throw new ByteSourceException("could not read " + url + " bytes " + start + "-" + end + ": " + e.getMessage());
        }
    }

    private static byte[] bytes(ArrayBuffer b, int offset, int len) {
        return new Int8Array(b, offset, len).copyToJavaArray();
    }

    /** Opens {@code url}: a range source when the server honours ranges, else the whole file in memory. */
    public static ByteSource open(String url) {
        RangeResponse r = get(url, 0, CHUNK - 1);
        ArrayBuffer body = r.getBody();
        if (r.getStatus() != 206 || r.getTotal() < 0) {
            return new ArrayBufferSource(body); // the server sent the whole file
        }
        return new HttpRangeSource(url, (long) r.getTotal(), bytes(body, 0, body.getByteLength()));
    }

    @Override
    public long size() {
        return size;
    }

    /** Bytes transferred so far (the first chunk included). */
    public long fetched() {
        return fetched;
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
        RangeResponse r = get(url, offset, offset + len - 1);
        ArrayBuffer b = r.getBody();
        if (b.getByteLength() != len) {
            throw new ByteSourceException(url + " answered " + b.getByteLength() + " bytes for a range of " + len
                    + "; the file changed or the server is not serving ranges");
        }
        fetched += len;
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
        long end = Math.min(size, start + CHUNK) - 1;
        ArrayBuffer b = get(url, start, end).getBody();
        byte[] data = bytes(b, 0, b.getByteLength());
        fetched += data.length;
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
        ArrayBuffer b = get(url, offset, offset + length - 1).getBody();
        if (b.getByteLength() != length) {
            throw new ByteSourceException(url + " answered " + b.getByteLength() + " bytes for a range of " + length
                    + "; the file changed or the server is not serving ranges");
        }
        fetched += length;
        return length % 4 == 0 ? b : ArrayBufferSource.padded(b, 0, length);
    }
}
