package dev.hearth.web.bridge;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The one door between the page's JS and Hearth's Java. JS calls
 * {@code HearthBridge.invoke(op, argsJson, done)}; Java runs the operation on a new Java thread
 * (so it may await promises, see platform notes) and answers {@code done(ok, json)}.
 * The loader (site/hearth-loader.js) wraps this into promise-returning functions.
 */
public final class JsBridge {
    private JsBridge() {}

    /** An operation: JSON arguments in, JSON result out; throwing answers {@code ok = false}. */
    public interface Operation {
        String run(String argsJson) throws Exception;
    }

    @JSFunctor
    public interface Done extends JSObject {
        void answer(boolean ok, String payload);
    }

    @JSFunctor
    interface Invoker extends JSObject {
        void invoke(String op, String argsJson, Done done);
    }

    /** Publishes {@code ops} to JS as {@code HearthBridge.invoke} and signals that Java is ready. */
    public static void install(String bundle, java.util.Map<String, Operation> ops) {
        publish(bundle, (op, argsJson, done) -> {
            Operation o = ops.get(op);
            if (o == null) {
                done.answer(false, "unknown operation '" + op + "'; known: " + String.join(", ", ops.keySet()));
                return;
            }
            // Never suspend inside a JS callback: hand the work to a Java thread.
            new Thread(() -> {
                String result;
                try {
                    result = o.run(argsJson);
                } catch (Throwable t) {
                    done.answer(false, describe(t));
                    return;
                }
                done.answer(true, result);
            }).start();
        });
    }

    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }

    @JSBody(params = {"bundle", "invoker"}, script = ""
            + "var b = (typeof self !== 'undefined' ? self : window).HearthBridge;"
            + "b.bundle = bundle; b.invoke = invoker; if (b.onReady) b.onReady();")
    private static native void publish(String bundle, Invoker invoker);
}
