package dev.hearth.agent;

import dev.hearth.grammar.ToolCallSchema;
import dev.hearth.tools.DomTools;
import dev.hearth.tools.ToolParam;
import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The tools the agent offers the model: the DOM tools, and {@code done} to finish with an answer. */
public final class AgentTools {
    private AgentTools() {}

    public static final ToolSpec DONE = new ToolSpec("done",
            "Finish the task: give the answer to the user (what you found, or what you did, or why it cannot be done).",
            ToolParam.string("answer", "The answer for the user.", true));

    /** Parameters whose value is a ref from the current snapshot. */
    public static boolean isRefParam(String name) {
        return ToolCallSchema.REF_PARAMS.contains(name);
    }

    public static List<ToolSpec> all() {
        List<ToolSpec> l = new ArrayList<>(DomTools.all());
        l.add(DONE);
        return Collections.unmodifiableList(l);
    }

    public static ToolSpec named(List<ToolSpec> tools, String name) {
        for (ToolSpec t : tools) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Characters of the free text of type and done, and of other strings (urls, keys, texts to wait for):
     * at most 4 bytes each, so even a byte-per-token vocabulary finishes any call within 512 tokens.
     */
    public static final int LONG_TEXT = 100;
    public static final int SHORT_TEXT = 60;

    /**
     * The JSON Schema of one tool call at one step, for constrained decoding ({@link ToolCallSchema}):
     * always an anyOf over the tools; every ref parameter ({@code ref}, {@code to}) an enum of the refs in
     * the current snapshot, so the model cannot name an element that is not on the page (with no refs, a
     * tool that needs one is left out and an optional ref parameter dropped); free text bounded, so a
     * generated call always ends within {@link CompletionAgentModel#CALL_TOKENS} (the grammar writes
     * integers with at most 15 digits). Integers get no minimum: with one, the grammar let a "-" through
     * that nothing could follow (seen with {"minimum": 0}).
     */
    public static Map<String, Object> callSchema(List<ToolSpec> tools, List<String> refs) {
        return ToolCallSchema.forTools(tools)
                .refs(refs)
                .refParams(ToolCallSchema.REF_PARAMS)
                .maxLength(SHORT_TEXT)
                .maxLength("text", LONG_TEXT)
                .maxLength("answer", LONG_TEXT)
                .alwaysAnyOf()
                .build();
    }

    /**
     * Checks a call against the tools (name known, required arguments present, no unknown ones, types
     * and enums respected, refs in the snapshot); null when it is valid, else what is wrong, worded for
     * the model. Constrained decoding makes this always null; a scripted or unconstrained model may not.
     */
    public static String problem(ToolCall call, List<ToolSpec> tools, List<String> refs) {
        ToolSpec t = named(tools, call.name());
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
            if (isRefParam(p.name()) && !refs.contains(String.valueOf(v))) {
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
