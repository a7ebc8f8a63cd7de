package dev.hearth.web.chat;

/** The caller stopped the completion (an AbortSignal, stream.abort(), engine.interrupt()). JS: HearthAbortError. */
public final class CompletionCancelledException extends RuntimeException {
    public CompletionCancelledException() {
        super("the completion was stopped by the caller");
    }
}
