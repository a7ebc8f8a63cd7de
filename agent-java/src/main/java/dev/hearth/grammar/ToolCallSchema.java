package dev.hearth.grammar;

import dev.hearth.json.Json;
import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of one tool call, {@code {"name": <tool>, "arguments": {...}}}: anyOf over the tools,
 * each with its name as a const and its parameters schema for the arguments.
 * <pre>
 * {"anyOf": [{"type": "object",
 *             "properties": {"name": {"const": "click"},
 *                            "arguments": {"type": "object", "properties": {"ref": {"type": "string", "enum": ["e1", "e4"]}},
 *                                          "required": ["ref"], "additionalProperties": false}},
 *             "required": ["name", "arguments"], "additionalProperties": false}, ...]}
 * </pre>
 * Built from {@link ToolSpec}s ({@link #forTools}) or function declarations {@code {name, parameters}}
 * ({@link #forDeclarations}), with options: string parameters that take a ref ({@link #REF_PARAMS} unless
 * {@link #refParams} says otherwise) limited to the refs of the current page snapshot ({@link #refs}), so
 * that the model cannot name an element that is not there; a length bound on free strings ({@link
 * #maxLength}), so that a call always ends within a token budget; and the anyOf kept around a single tool
 * ({@link #alwaysAnyOf}). {@link #of} and {@link #ofTools} are the common cases.
 */
public final class ToolCallSchema {
    /** DOM tool parameters whose value is a ref from the latest snapshot. */
    public static final List<String> REF_PARAMS = List.of("ref", "to");

    private final List<Map<String, Object>> functions;
    private List<String> refs;
    private List<String> refParams = REF_PARAMS;
    private int maxLength = -1;
    private final Map<String, Integer> maxLengthOf = new LinkedHashMap<>();
    private boolean alwaysAnyOf;

    private ToolCallSchema(List<Map<String, Object>> functions) {
        this.functions = functions;
    }

    /**
     * The schema of a call to one of tools, given as function declarations {@code {name, parameters}}
     * (parameters may be absent: no arguments). A single tool gives its call schema without anyOf.
     */
    public static Map<String, Object> of(List<Map<String, Object>> functions) {
        return forDeclarations(functions).build();
    }

    /**
     * The schema of a call to one of tools, with every ref parameter an enum of refs (refs null: any string;
     * refs empty: tools that need a ref are left out, optional ref parameters dropped).
     */
    public static Map<String, Object> ofTools(List<ToolSpec> tools, List<String> refs) {
        return forTools(tools).refs(refs).build();
    }

    /** A builder over function declarations {@code {name, parameters}} (parameters may be absent). */
    public static ToolCallSchema forDeclarations(List<Map<String, Object>> functions) {
        return new ToolCallSchema(new ArrayList<>(functions));
    }

    /** A builder over tools, in their order. */
    public static ToolCallSchema forTools(List<ToolSpec> tools) {
        List<Map<String, Object>> functions = new ArrayList<>();
        for (ToolSpec t : tools) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", t.name());
            f.put("parameters", t.parametersSchema());
            functions.add(f);
        }
        return new ToolCallSchema(functions);
    }

    /**
     * Limits every string ref parameter to refs (null, the default: any string; empty: tools that need a
     * ref are left out and optional ref parameters dropped).
     */
    public ToolCallSchema refs(List<String> refs) {
        this.refs = refs == null ? null : new ArrayList<>(refs);
        return this;
    }

    /** Which parameter names take a ref; {@link #REF_PARAMS} unless set. */
    public ToolCallSchema refParams(List<String> names) {
        this.refParams = new ArrayList<>(names);
        return this;
    }

    /** A {@code maxLength} for every string parameter without an enum (after refs), unless named in {@link #maxLength(String, int)}. */
    public ToolCallSchema maxLength(int characters) {
        if (characters < 0) {
            throw new IllegalArgumentException("maxLength must be at least 0, got " + characters);
        }
        this.maxLength = characters;
        return this;
    }

    /** A {@code maxLength} for the string parameter named param (of any tool), when it has no enum. */
    public ToolCallSchema maxLength(String param, int characters) {
        if (characters < 0) {
            throw new IllegalArgumentException("maxLength of " + param + " must be at least 0, got " + characters);
        }
        maxLengthOf.put(param, characters);
        return this;
    }

    /** Keeps the anyOf even when only one tool can be called (by default a single tool's call schema stands alone). */
    public ToolCallSchema alwaysAnyOf() {
        this.alwaysAnyOf = true;
        return this;
    }

    /**
     * The schema. Throws {@link SchemaException} when there are no tools or a declaration has no name, and
     * {@link IllegalArgumentException} when refs leave no tool that can be called.
     */
    public Map<String, Object> build() {
        if (functions.isEmpty()) {
            throw new SchemaException("anyOf", "#", "no tools to call");
        }
        List<Object> alts = new ArrayList<>();
        for (Map<String, Object> f : functions) {
            Object name = f.get("name");
            if (!(name instanceof String)) {
                throw new SchemaException("name", "#", "a tool declaration has no name");
            }
            Object params = f.get("parameters");
            Map<String, Object> arguments = params == null ? emptyObject() : restrict(Json.asObject(params));
            if (arguments == null) {
                continue;
            }
            alts.add(call((String) name, arguments));
        }
        if (alts.isEmpty()) {
            throw new IllegalArgumentException("no tool can be called: every tool needs a ref and the snapshot has none");
        }
        if (alts.size() == 1 && !alwaysAnyOf) {
            return Json.asObject(alts.get(0));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("anyOf", alts);
        return s;
    }

    /**
     * The parameters schema with refs and length bounds applied (a copy where anything changes), or null
     * when a required ref parameter cannot be given.
     */
    private Map<String, Object> restrict(Map<String, Object> params) {
        if (refs == null && maxLength < 0 && maxLengthOf.isEmpty()) {
            return params;
        }
        Object declared = params.get("properties");
        if (declared == null) {
            return params;
        }
        Map<String, Object> props = new LinkedHashMap<>();
        Object requiredValue = params.get("required");
        List<Object> required = requiredValue == null ? new ArrayList<>() : Json.asArray(requiredValue);
        for (Map.Entry<String, Object> e : Json.asObject(declared).entrySet()) {
            String p = e.getKey();
            Map<String, Object> s = Json.asObject(e.getValue());
            boolean isString = "string".equals(s.get("type"));
            if (refs != null && isString && refParams.contains(p)) {
                if (refs.isEmpty()) {
                    if (required.contains(p)) {
                        return null;
                    }
                    continue;
                }
                s = new LinkedHashMap<>(s);
                s.put("enum", new ArrayList<Object>(refs));
            }
            int cap = maxLengthOf.containsKey(p) ? maxLengthOf.get(p) : maxLength;
            if (isString && cap >= 0 && !s.containsKey("enum")) {
                s = new LinkedHashMap<>(s);
                s.put("maxLength", (long) cap);
            }
            props.put(p, s);
        }
        Map<String, Object> copy = new LinkedHashMap<>(params);
        copy.put("properties", props);
        return copy;
    }

    private static Map<String, Object> call(String name, Object parameters) {
        Map<String, Object> nameSchema = new LinkedHashMap<>();
        nameSchema.put("const", name);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("name", nameSchema);
        props.put("arguments", parameters);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", props);
        s.put("required", new ArrayList<Object>(List.of("name", "arguments")));
        s.put("additionalProperties", Boolean.FALSE);
        return s;
    }

    private static Map<String, Object> emptyObject() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", new LinkedHashMap<String, Object>());
        s.put("additionalProperties", Boolean.FALSE);
        return s;
    }
}
