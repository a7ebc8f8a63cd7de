package dev.hearth.agent;

/** The model's answer to one request: the tool call, and the text it generated (for the trace). */
public final class ModelTurn {
    private final ToolCall call;
    private final String raw;

    public ModelTurn(ToolCall call, String raw) {
        this.call = call;
        this.raw = raw == null ? call.json() : raw;
    }

    public ToolCall call() { return call; }
    public String raw() { return raw; }
}
