package dev.hearth.gpu.webgpu;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * Awaits a JS promise from Java on a Java thread, in both TeaVM targets.
 *
 * <p>Why not {@code JSPromise.await()}: on rejection the JS target loses the message and WASM-GC
 * hangs the thread (platform notes). So the promise is first settled on the JS side into a plain
 * {@code {ok, value, message}} object, only {@code complete()} is ever called on the callback, and the
 * Java exception is thrown from plain Java. Never call this from inside a JS callback: start a
 * {@code Thread} there instead.
 */
public final class JsPromises {
    private JsPromises() {}

    /** Waits for {@code promise}; returns its value, or throws {@link PromiseRejectedException}. */
    public static JSObject await(JSObject promise) {
        Settled s = awaitSettled(promise);
        if (!s.isOk()) {
            throw new PromiseRejectedException(s.getMessage());
        }
        return s.getValue();
    }

    @Async
    private static native Settled awaitSettled(JSObject promise);

    private static void awaitSettled(JSObject promise, AsyncCallback<Settled> callback) {
        settle(promise, callback::complete);
    }

    @JSFunctor
    interface SettledHandler extends JSObject {
        void accept(Settled s);
    }

    interface Settled extends JSObject {
        @JSProperty boolean isOk();
        @JSProperty JSObject getValue();
        @JSProperty String getMessage();
    }

    @JSBody(params = {"p", "handler"}, script = ""
            + "Promise.resolve(p).then("
            + "  function(v) { handler({ok: true, value: v === undefined ? null : v, message: null}); },"
            + "  function(e) {"
            + "    var m = (e && e.message) ? ((e.name && e.name !== 'Error' ? e.name + ': ' : '') + e.message) : String(e);"
            + "    handler({ok: false, value: null, message: m});"
            + "  });")
    private static native void settle(JSObject p, SettledHandler handler);
}
