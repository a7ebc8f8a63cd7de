package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.ByteSourceException;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.gpu.webgpu.PromiseRejectedException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * A model file read with HTTP range requests (see {@link ChunkedSource}). {@link #open} falls back to
 * one whole-file fetch when the server ignores ranges.
 */
public final class HttpRangeSource extends ChunkedSource {
    private final String url;

    private HttpRangeSource(String url, long size) {
        super(size);
        this.url = url;
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

    /** Opens {@code url}: a range source when the server honours ranges, else the whole file in memory. */
    public static ByteSource open(String url) {
        RangeResponse r = get(url, 0, CHUNK - 1);
        ArrayBuffer body = r.getBody();
        if (r.getStatus() != 206 || r.getTotal() < 0) {
            return new ArrayBufferSource(body); // the server sent the whole file
        }
        HttpRangeSource s = new HttpRangeSource(url, (long) r.getTotal());
        s.keepFirstChunk(bytes(body, 0, body.getByteLength()));
        return s;
    }

    @Override
    ArrayBuffer fetch(long offset, int length) {
        return get(url, offset, offset + length - 1).getBody();
    }

    @Override
    String describe() {
        return url;
    }
}
