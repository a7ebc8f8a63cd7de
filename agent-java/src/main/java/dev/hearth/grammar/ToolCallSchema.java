package dev.hearth.grammar;

import dev.hearth.json.Json;
import dev.hearth.tools.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of one tool call, {@code {"name": <tool>, "arguments": {...}}}: anyOf over the tools,
 * each with its name as a const and its parameters schema for the arguments. For the DOM tools, parameters
 * that take a ref ({@link #REF_PARAMS}) can be limited to the refs of the current page snapshot, so that
 * the model cannot name an element that is not there.
 */
public final class ToolCallSchema {
    /** DOM tool parameters whose value is a ref from the latest snapshot. */
    public static final List<String> REF_PARAMS = List.of("ref", "to");

    private ToolCallSchema() {}

    /**
     * The schema of a call to one of tools, given as function declarations {@code {name, parameters}}
     * (parameters may be absent: no arguments).
     */
    public static Map<String, Object> of(List<Map<String, Object>> functions) {
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
            alts.add(call((String) name, params == null ? emptyObject() : params));
        }
        if (alts.size() == 1) {
            return Json.asObject(alts.get(0));
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("anyOf", alts);
        return s;
    }

    /**
     * The schema of a call to one of tools, with every ref parameter an enum of refs (refs null: any string;
     * refs empty: tools that need a ref are left out, optional ref parameters dropped).
     */
    public static Map<String, Object> ofTools(List<ToolSpec> tools, List<String> refs) {
        List<Map<String, Object>> functions = new ArrayList<>();
        for (ToolSpec t : tools) {
            Map<String, Object> params = t.parametersSchema();
            if (refs != null && !restrictRefs(params, refs)) {
                continue;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", t.name());
            f.put("parameters", params);
            functions.add(f);
        }
        return of(functions);
    }

    /** Limits the ref parameters of a parameters schema to refs; false when a required one cannot be given. */
    private static boolean restrictRefs(Map<String, Object> params, List<String> refs) {
        Map<String, Object> props = Json.asObject(params.get("properties"));
        List<Object> required = Json.asArray(params.get("required"));
        for (String p : REF_PARAMS) {
            Object schema = props.get(p);
            if (schema == null) {
                continue;
            }
            if (refs.isEmpty()) {
                if (required.contains(p)) {
                    return false;
                }
                props.remove(p);
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>(Json.asObject(schema));
            s.put("enum", new ArrayList<Object>(refs));
            props.put(p, s);
        }
        return true;
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
