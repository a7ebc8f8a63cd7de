package dev.hearth.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parameter of a tool: a JSON Schema property with a description the model reads. */
public final class ToolParam {
    private final String name;
    private final String type;
    private final String description;
    private final boolean required;
    private final List<String> allowed;
    private final String itemType;

    private ToolParam(String name, String type, String description, boolean required, List<String> allowed, String itemType) {
        this.name = name;
        this.type = type;
        this.description = description;
        this.required = required;
        this.allowed = allowed;
        this.itemType = itemType;
    }

    public static ToolParam string(String name, String description, boolean required) {
        return new ToolParam(name, "string", description, required, Collections.emptyList(), null);
    }

    public static ToolParam oneOf(String name, String description, boolean required, String... values) {
        List<String> v = new ArrayList<>();
        for (String s : values) {
            v.add(s);
        }
        return new ToolParam(name, "string", description, required, Collections.unmodifiableList(v), null);
    }

    public static ToolParam integer(String name, String description, boolean required) {
        return new ToolParam(name, "integer", description, required, Collections.emptyList(), null);
    }

    public static ToolParam bool(String name, String description, boolean required) {
        return new ToolParam(name, "boolean", description, required, Collections.emptyList(), null);
    }

    public static ToolParam strings(String name, String description, boolean required) {
        return new ToolParam(name, "array", description, required, Collections.emptyList(), "string");
    }

    public String name() { return name; }
    public String type() { return type; }
    public String description() { return description; }
    public boolean required() { return required; }
    public List<String> allowed() { return allowed; }

    /** The JSON Schema of this property, as plain maps for {@link dev.hearth.json.Json#write}. */
    public Map<String, Object> schema() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("description", description);
        if (!allowed.isEmpty()) {
            m.put("enum", new ArrayList<Object>(allowed));
        }
        if (itemType != null) {
            Map<String, Object> items = new LinkedHashMap<>();
            items.put("type", itemType);
            m.put("items", items);
        }
        return m;
    }
}
