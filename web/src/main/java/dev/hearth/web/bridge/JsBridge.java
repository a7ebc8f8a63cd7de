package dev.hearth.web.bridge;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/**
 * The one door between the page's JS and Hearth's Java. JS calls
 * {@code HearthBridge.invoke(op, argsJson, done)}; Java runs the operation on a new Java thread
 * (so it may await promises, see platform notes) and answers {@code done(ok, json)}.
 * {@code HearthBridge.call(op, argsJson, id, done, emit)} does the same for operations that report
 * events first: a {@link StreamingOperation} calls {@code emit(json)} any number of times before its
 * result, and {@code HearthBridge.cancel(id)} asks the call with that id to stop (it notices between steps).
 * The loader (site/hearth-loader.js) wraps this into promise-returning functions.
 */
public final class JsBridge {
    private JsBridge() {}

    /** An operation: JSON arguments in, JSON result out; throwing answers {@code ok = false}. */
    public interface Operation {
        String run(String argsJson) throws Exception;
    }

    /**
     * An operation that may report events (progress, streamed chunks) before its result and can be
     * cancelled. Called without a JS caller that listens (plain {@code invoke}), its events go nowhere.
     */
    public interface StreamingOperation extends Operation {
        String run(String argsJson, Call call) throws Exception;

        @Override
        default String run(String argsJson) throws Exception {
            return run(argsJson, new Call(0, null));
        }
    }

    /** One running call: where its events go, and whether JS asked it to stop. */
    public static final class Call {
        private final int id;
        private final Emit emit;
        private volatile boolean cancelled;

        Call(int id, Emit emit) {
            this.id = id;
            this.emit = emit;
        }

        /** Sends one event (JSON) to the caller, before the result. */
        public void emit(String json) {
            if (emit != null) {
                emit.event(json);
            }
        }

        /** Whether anyone listens to events (streaming callers do). */
        public boolean hasListener() {
            return emit != null;
        }

        /** Set by {@code HearthBridge.cancel(id)}; long operations check it between steps. */
        public boolean cancelled() {
            return cancelled;
        }

        public void cancel() {
            cancelled = true;
        }

        public int id() {
            return id;
        }
    }

    @JSFunctor
    public interface Emit extends JSObject {
        void event(String payload);
    }

    @JSFunctor
    interface StreamingInvoker extends JSObject {
        void call(String op, String argsJson, int id, Done done, Emit emit);
    }

    @JSFunctor
    interface Canceller extends JSObject {
        void cancel(int id);
    }

    /** Calls now running, by the id JS gave them. */
    private static final java.util.Map<Integer, Call> running = new java.util.HashMap<>();

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
        publishStreaming((op, argsJson, id, done, emit) -> {
            Operation o = ops.get(op);
            if (o == null) {
                done.answer(false, "unknown operation '" + op + "'; known: " + String.join(", ", ops.keySet()));
                return;
            }
            Call call = new Call(id, emit);
            running.put(id, call);
            new Thread(() -> {
                String result;
                try {
                    result = o instanceof StreamingOperation ? ((StreamingOperation) o).run(argsJson, call) : o.run(argsJson);
                } catch (Throwable t) {
                    running.remove(id);
                    done.answer(false, describe(t));
                    return;
                }
                running.remove(id);
                done.answer(true, result);
            }).start();
        }, id -> {
            Call c = running.get(id);
            if (c != null) {
                c.cancel();
            }
        });
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

    // No single-letter locals in these scripts: the JS target renames parameters to single letters and
    // inlines the script, so a local `b` overwrote the invoker (HearthBridge.call was the bridge itself).
    @JSBody(params = {"invoker", "canceller"}, script = ""
            + "var hearthBridge = (typeof self !== 'undefined' ? self : window).HearthBridge;"
            + "hearthBridge.call = invoker; hearthBridge.cancel = canceller;")
    private static native void publishStreaming(StreamingInvoker invoker, Canceller canceller);

    @JSBody(params = {"bundle", "invoker"}, script = ""
            + "var hearthBridge = (typeof self !== 'undefined' ? self : window).HearthBridge;"
            + "hearthBridge.bundle = bundle; hearthBridge.invoke = invoker; if (hearthBridge.onReady) hearthBridge.onReady();")
    private static native void publish(String bundle, Invoker invoker);
}
