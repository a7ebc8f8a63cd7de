package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSourceException;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.gpu.webgpu.PromiseRejectedException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.ArrayBuffer;

/**
 * A model file held by JS as a Blob: a File the user picked or dropped, or a model in the browser's
 * Cache Storage (whose blobs live on disk). Read slice by slice (see {@link ChunkedSource}), never whole.
 *
 * <p>The loader puts the Blob in {@code self.HearthFiles[handle]} (in the page, or in the worker
 * that runs Java) and names the handle in the operation's arguments.
 */
public final class BlobSource extends ChunkedSource {
    private final JSObject blob;
    private final String handle;

    private BlobSource(JSObject blob, String handle) {
        super((long) blobSize(blob));
        this.blob = blob;
        this.handle = handle;
    }

    /** The Blob registered under {@code handle}. */
    public static BlobSource open(String handle) {
        JSObject b = registered(handle);
        if (b == null) {
            throw new ByteSourceException("no file is registered as '" + handle + "' (the loader passes Blobs in HearthFiles)");
        }
        return new BlobSource(b, handle);
    }

    @JSBody(params = "handle", script = "var files = self.HearthFiles; return files && files[handle] ? files[handle] : null;")
    private static native JSObject registered(String handle);

    @JSBody(params = "b", script = "return b.size;")
    private static native double blobSize(JSObject b);

    @JSBody(params = {"b", "start", "end"}, script = "return b.slice(start, end).arrayBuffer();")
    private static native JSObject slice(JSObject b, double start, double end);

    @Override
    ArrayBuffer fetch(long offset, int length) {
        try {
            return (ArrayBuffer) JsPromises.await(slice(blob, offset, offset + length));
        } catch (PromiseRejectedException e) {
            throw new ByteSourceException("could not read bytes " + offset + "-" + (offset + length - 1) + " of "
                    + describe() + ": " + e.getMessage() + " (was the cached model deleted while loading?)");
        }
    }

    @Override
    String describe() {
        return "file " + handle;
    }
}
