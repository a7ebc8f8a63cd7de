package dev.hearth.agent;

import java.util.function.BooleanSupplier;

/**
 * A cancel flag shared by whoever may stop a run (a UI button, another thread) and the run itself: the
 * loop checks it between steps, and a model checks it between tokens. It can also follow another
 * signal (a bridge call's own cancel flag, say).
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final BooleanSupplier upstream;

    public Cancellation() {
        this(() -> false);
    }

    /** Cancelled when {@link #cancel} is called or when {@code upstream} says so. */
    public Cancellation(BooleanSupplier upstream) {
        this.upstream = upstream;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || upstream.getAsBoolean();
    }
}
