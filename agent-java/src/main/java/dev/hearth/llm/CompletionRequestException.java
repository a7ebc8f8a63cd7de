package dev.hearth.llm;

/** A chat completion request that cannot be served as given; the message says what to change. */
public final class CompletionRequestException extends RuntimeException {
    public CompletionRequestException(String message) {
        super(message);
    }
}
