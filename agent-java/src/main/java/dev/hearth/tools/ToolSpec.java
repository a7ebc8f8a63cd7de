package dev.hearth.tools;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A tool the agent can call: a name, what it does, and its parameters (declared once, used everywhere). */
public final class ToolSpec {
    private final String name;
    private final String description;
    private final List<ToolParam> params;

    public ToolSpec(String name, String description, ToolParam... params) {
        this.name = name;
        this.description = description;
        List<ToolParam> p = new ArrayList<>();
        for (ToolParam x : params) {
            p.add(x);
        }
        this.params = Collections.unmodifiableList(p);
    }

    public String name() { return name; }
    public String description() { return description; }
    public List<ToolParam> params() { return params; }

    public ToolParam param(String n) {
        for (ToolParam p : params) {
            if (p.name().equals(n)) {
                return p;
            }
        }
        return null;
    }

    /** The JSON Schema of the arguments object. */
    public Map<String, Object> parametersSchema() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        Map<String, Object> props = new LinkedHashMap<>();
        List<Object> required = new ArrayList<>();
        for (ToolParam p : params) {
            props.put(p.name(), p.schema());
            if (p.required()) {
                required.add(p.name());
            }
        }
        s.put("properties", props);
        s.put("required", required);
        s.put("additionalProperties", Boolean.FALSE);
        return s;
    }

    /** {name, description, parameters}: the usual function-calling declaration. */
    public Map<String, Object> declaration() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("description", description);
        d.put("parameters", parametersSchema());
        return d;
    }

    public String declarationJson() {
        return Json.write(declaration());
    }
}
