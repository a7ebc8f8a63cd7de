package dev.hearth.dom;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * Awaits a JS promise from a Java thread, in both TeaVM targets: the promise is settled on the JS
 * side into a plain {ok, value, message} object and only {@code complete()} is called (see the
 * platform notes: rejections must never reach TeaVM's own await). Never call from a JS callback.
 */
final class DomPromises {
    private DomPromises() {}

    static JSObject await(JSObject promise) {
        Settled s = awaitSettled(promise);
        if (!s.isOk()) {
            throw new IllegalStateException(s.getMessage());
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
            + "  function(e) { handler({ok: false, value: null, message: (e && e.message) ? e.message : String(e)}); });")
    private static native void settle(JSObject p, SettledHandler handler);
}
