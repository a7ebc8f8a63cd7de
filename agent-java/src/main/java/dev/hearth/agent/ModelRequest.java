package dev.hearth.agent;

import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the model is asked, once per step: the conversation so far (system prompt first, the latest
 * snapshot in the last message), the tools it may call, and the refs of the current snapshot (the only
 * values a ref argument may take).
 */
public final class ModelRequest {
    private final List<Message> messages;
    private final List<ToolSpec> tools;
    private final List<String> refs;
    private final int step;

    public ModelRequest(List<Message> messages, List<ToolSpec> tools, List<String> refs, int step) {
        this.messages = Collections.unmodifiableList(new ArrayList<>(messages));
        this.tools = Collections.unmodifiableList(new ArrayList<>(tools));
        this.refs = Collections.unmodifiableList(new ArrayList<>(refs));
        this.step = step;
    }

    public List<Message> messages() { return messages; }
    public List<ToolSpec> tools() { return tools; }
    public List<String> refs() { return refs; }
    /** 1 for the first call of a run. */
    public int step() { return step; }

    /** The JSON Schema a reply must satisfy: see {@link AgentTools#callSchema}. */
    public java.util.Map<String, Object> schema() {
        return AgentTools.callSchema(tools, refs);
    }
}
