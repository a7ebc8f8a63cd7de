package dev.hearth.agent;

/**
 * A cancel flag shared by whoever may stop a run (a UI button, another thread) and the run itself: the
 * loop checks it between steps, and a model checks it between tokens.
 */
public final class Cancellation {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
