package dev.hearth.agent;

import dev.hearth.tools.ToolParam;
import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of one tool call at one step, for constrained decoding:
 * <pre>
 * {"anyOf": [{"type": "object",
 *             "properties": {"name": {"const": "click"},
 *                            "arguments": {"type": "object", "properties": {"ref": {"type": "string", "enum": ["e1", "e4"]}},
 *                                          "required": ["ref"], "additionalProperties": false}},
 *             "required": ["name", "arguments"], "additionalProperties": false}, ...]}
 * </pre>
 * Every ref parameter ({@code ref}, {@code to}) is an enum of the refs in the current snapshot, so the
 * model cannot name an element that is not on the page. With no refs at all, a tool that needs one is
 * left out and an optional ref parameter is dropped.
 */
public final class ToolCallSchema {
    private ToolCallSchema() {}

    public static Map<String, Object> of(List<ToolSpec> tools, List<String> refs) {
        List<Object> alternatives = new ArrayList<>();
        for (ToolSpec t : tools) {
            Map<String, Object> args = arguments(t, refs);
            if (args == null) {
                continue;
            }
            Map<String, Object> name = new LinkedHashMap<>();
            name.put("const", t.name());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("name", name);
            props.put("arguments", args);
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("type", "object");
            call.put("properties", props);
            List<Object> required = new ArrayList<>();
            required.add("name");
            required.add("arguments");
            call.put("required", required);
            call.put("additionalProperties", Boolean.FALSE);
            alternatives.add(call);
        }
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("no tool can be called: every tool needs a ref and the snapshot has none");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("anyOf", alternatives);
        return s;
    }

    /** The arguments schema of one tool with refs restricted, or null when the tool cannot be called. */
    static Map<String, Object> arguments(ToolSpec t, List<String> refs) {
        Map<String, Object> props = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        for (ToolParam p : t.params()) {
            Map<String, Object> ps = p.schema();
            if (AgentTools.isRefParam(p.name()) && p.type().equals("string")) {
                if (refs.isEmpty()) {
                    if (p.required()) {
                        return null;
                    }
                    continue;
                }
                ps.put("enum", new ArrayList<Object>(refs));
            }
            bound(p, ps);
            props.put(p.name(), ps);
            if (p.required()) {
                required.add(p.name());
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", props);
        s.put("required", required);
        s.put("additionalProperties", Boolean.FALSE);
        return s;
    }

    /**
     * Free text gets a length bound, so a generated call always ends within {@link CompletionAgentModel#CALL_TOKENS}
     * (the grammar writes integers with at most 15 digits). Integers get no minimum: with one, the grammar
     * let a "-" through that nothing could follow (seen with {"minimum": 0}).
     */
    private static void bound(ToolParam p, Map<String, Object> ps) {
        if (p.type().equals("string") && !ps.containsKey("enum")) {
            ps.put("maxLength", (long) (p.name().equals("text") || p.name().equals("answer") ? LONG_TEXT : SHORT_TEXT));
        }
    }

    /**
     * Characters of the free text of type and done, and of other strings (urls, keys, texts to wait for):
     * at most 4 bytes each, so even a byte-per-token vocabulary finishes any call within 512 tokens.
     */
    public static final int LONG_TEXT = 100;
    public static final int SHORT_TEXT = 60;

    /**
     * Checks a call against the tools (name known, required arguments present, no unknown ones, types
     * and enums respected, refs in the snapshot); null when it is valid, else what is wrong, worded for
     * the model. Constrained decoding makes this always null; a scripted or unconstrained model may not.
     */
    public static String problem(ToolCall call, List<ToolSpec> tools, List<String> refs) {
        ToolSpec t = AgentTools.named(tools, call.name());
        if (t == null) {
            List<String> names = new ArrayList<>();
            for (ToolSpec s : tools) {
                names.add(s.name());
            }
            return "there is no tool named '" + call.name() + "'; the tools are " + String.join(", ", names);
        }
        for (ToolParam p : t.params()) {
            if (p.required() && !call.arguments().containsKey(p.name())) {
                return call.name() + " needs the argument '" + p.name() + "' (" + p.description() + ")";
            }
        }
        for (Map.Entry<String, Object> e : call.arguments().entrySet()) {
            ToolParam p = t.param(e.getKey());
            if (p == null) {
                return call.name() + " has no argument '" + e.getKey() + "'";
            }
            Object v = e.getValue();
            String wrongType = typeProblem(p, v);
            if (wrongType != null) {
                return call.name() + ": " + wrongType;
            }
            if (AgentTools.isRefParam(p.name()) && !refs.contains(String.valueOf(v))) {
                return "ref " + v + " is not in the current snapshot; take a new snapshot";
            }
        }
        return null;
    }

    private static String typeProblem(ToolParam p, Object v) {
        switch (p.type()) {
            case "string":
                if (!(v instanceof String)) {
                    return "'" + p.name() + "' must be a string";
                }
                if (!p.allowed().isEmpty() && !p.allowed().contains(v)) {
                    return "'" + p.name() + "' must be one of " + String.join(", ", p.allowed());
                }
                return null;
            case "integer":
                return v instanceof Long || v instanceof Integer ? null : "'" + p.name() + "' must be a whole number";
            case "boolean":
                return v instanceof Boolean ? null : "'" + p.name() + "' must be true or false";
            case "array":
                return v instanceof List ? null : "'" + p.name() + "' must be a list";
            default:
                return null;
        }
    }
}
