package dev.hearth.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of the conversation: {@code system}, {@code user} (the task, observations), or
 * {@code assistant} (a tool call the model made, kept as its JSON in {@link #call}).
 */
public final class Message {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    private final String role;
    private final String content;
    private final ToolCall call;

    private Message(String role, String content, ToolCall call) {
        this.role = role;
        this.content = content;
        this.call = call;
    }

    public static Message system(String content) {
        return new Message(SYSTEM, content, null);
    }

    public static Message user(String content) {
        return new Message(USER, content, null);
    }

    public static Message assistant(ToolCall call) {
        return new Message(ASSISTANT, call.json(), call);
    }

    /** An assistant reply that was not a usable call: its text is kept so the model sees what it wrote. */
    public static Message assistantText(String text) {
        return new Message(ASSISTANT, text, null);
    }

    public String role() { return role; }
    public String content() { return content; }
    /** The call of an assistant message, or null. */
    public ToolCall call() { return call; }

    Message withContent(String c) {
        return new Message(role, c, call);
    }

    /** {role, content}, as chat templates take messages. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }
}
