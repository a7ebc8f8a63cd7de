package dev.hearth.agent;

import dev.hearth.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One tool call the model made: {"name": ..., "arguments": {...}}. Equal when their JSON is equal. */
public final class ToolCall {
    private final String name;
    private final Map<String, Object> arguments;

    public ToolCall(String name, Map<String, Object> arguments) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a tool call needs a tool name");
        }
        this.name = name;
        this.arguments = Collections.unmodifiableMap(arguments == null ? new LinkedHashMap<>() : new LinkedHashMap<>(arguments));
    }

    /** Reads {"name": ..., "arguments": {...}} (arguments may also be a JSON string, as OpenAI sends them). */
    public static ToolCall parse(String json) {
        Object v;
        try {
            v = Json.parse(json);
        } catch (RuntimeException e) {
            throw new ModelOutputException("the reply is not JSON (" + e.getMessage() + "); answer with one tool call "
                    + "{\"name\": ..., \"arguments\": {...}}", json);
        }
        if (!(v instanceof Map)) {
            throw new ModelOutputException("the reply is not a JSON object; answer with one tool call {\"name\": ..., \"arguments\": {...}}", json);
        }
        Map<String, Object> m = Json.asObject(v);
        Object name = m.get("name");
        if (!(name instanceof String) || ((String) name).isEmpty()) {
            throw new ModelOutputException("the tool call has no \"name\"; answer with {\"name\": ..., \"arguments\": {...}}", json);
        }
        Object args = m.get("arguments");
        if (args instanceof String) {
            try {
                args = Json.parse((String) args);
            } catch (RuntimeException e) {
                throw new ModelOutputException("the tool call's \"arguments\" is not a JSON object", json);
            }
        }
        if (args != null && !(args instanceof Map)) {
            throw new ModelOutputException("the tool call's \"arguments\" must be a JSON object", json);
        }
        return new ToolCall((String) name, args == null ? null : Json.asObject(args));
    }

    public String name() { return name; }
    public Map<String, Object> arguments() { return arguments; }

    /** The argument as text, or "" when absent. */
    public String text(String argument) {
        Object v = arguments.get(argument);
        return v == null ? "" : String.valueOf(v);
    }

    public boolean flag(String argument) {
        Object v = arguments.get(argument);
        return Boolean.TRUE.equals(v) || "true".equals(v);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("arguments", new LinkedHashMap<>(arguments));
        return m;
    }

    public String json() {
        return Json.write(toMap());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolCall && ((ToolCall) o).json().equals(json());
    }

    @Override
    public int hashCode() {
        return json().hashCode();
    }

    @Override
    public String toString() {
        return json();
    }
}
