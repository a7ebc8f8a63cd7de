package dev.hearth.agent;

/**
 * The model's reply is not a usable tool call (only an unconstrained model can produce one). The loop
 * shows the message to the model, which tries again; {@link #raw} keeps what it wrote, for the trace.
 */
public final class ModelOutputException extends RuntimeException {
    private final String raw;

    public ModelOutputException(String message, String raw) {
        super(message);
        this.raw = raw == null ? "" : raw;
    }

    public String raw() { return raw; }
}
