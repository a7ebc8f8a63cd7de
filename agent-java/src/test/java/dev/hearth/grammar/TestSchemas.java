package dev.hearth.grammar;

import dev.hearth.json.Json;
import dev.hearth.tools.DomTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The schemas of the sampling tests. */
final class TestSchemas {
    private TestSchemas() {}

    /** n distinct refs like the snapshot's (e3, e17, ...), in random order. */
    static List<String> refs(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String ref = "e" + (1 + r.nextInt(n * 4));
            if (!out.contains(ref)) {
                out.add(ref);
            }
        }
        return out;
    }

    static Map<String, Object> domToolCall(List<String> refs) {
        return ToolCallSchema.ofTools(DomTools.all(), refs);
    }

    /** The DOM tools without free-text parameters (for models whose strings would run long). */
    static Map<String, Object> domToolCallNoText(List<String> refs) {
        return ToolCallSchema.ofTools(List.of(DomTools.SNAPSHOT, DomTools.CLICK, DomTools.CHECK, DomTools.UNCHECK,
                DomTools.HOVER, DomTools.SCROLL), refs);
    }

    static final String NESTED = "{\"type\":\"object\",\"properties\":{"
            + "\"title\":{\"type\":\"string\",\"maxLength\":40},"
            + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"pattern\":\"^[a-z][a-z0-9_-]{0,11}$\"},\"maxItems\":4},"
            + "\"points\":{\"type\":\"array\",\"minItems\":1,\"maxItems\":3,\"items\":{\"type\":\"object\",\"properties\":{"
            + "\"x\":{\"type\":\"number\"},\"y\":{\"type\":\"integer\",\"minimum\":-10,\"maximum\":10}},\"required\":[\"x\",\"y\"]}},"
            + "\"meta\":{\"type\":\"object\",\"additionalProperties\":{\"type\":[\"string\",\"null\"],\"maxLength\":6},\"maxProperties\":3},"
            + "\"tree\":{\"$ref\":\"#/$defs/node\"}},"
            + "\"required\":[\"title\",\"points\"],\"additionalProperties\":false,"
            + "\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":99},"
            + "\"kids\":{\"type\":\"array\",\"maxItems\":2,\"items\":{\"$ref\":\"#/$defs/leaf\"}}},\"required\":[\"v\"]},"
            + "\"leaf\":{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":99}},\"required\":[\"v\"]}}}";

    static final String SCALARS = "{\"type\":\"object\",\"properties\":{"
            + "\"i\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":1000},"
            + "\"n\":{\"type\":\"number\",\"minimum\":-1.5,\"maximum\":2.75},"
            + "\"b\":{\"type\":\"boolean\"},"
            + "\"z\":{\"type\":\"null\"},"
            + "\"e\":{\"enum\":[1,\"two\",3.5,true,null,12]},"
            + "\"c\":{\"const\":\"fixed\"},"
            + "\"ni\":{\"type\":[\"integer\",\"null\"]},"
            + "\"ex\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1},"
            + "\"free\":{\"type\":\"number\"}},"
            + "\"required\":[\"i\",\"n\",\"b\",\"z\",\"e\",\"c\"]}";

    static final String STRINGS = "{\"type\":\"object\",\"properties\":{"
            + "\"id\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}-\\\\d{3,5}$\"},"
            + "\"word\":{\"type\":\"string\",\"minLength\":3,\"maxLength\":8},"
            + "\"email\":{\"type\":\"string\",\"pattern\":\"^[\\\\w.]{1,12}@[a-z]{2,8}\\\\.(com|org)$\"},"
            + "\"short\":{\"type\":\"string\",\"maxLength\":30},"
            + "\"text\":{\"type\":\"string\"},"
            + "\"alt\":{\"type\":\"string\",\"pattern\":\"^(ab|cd)+x?$\"},"
            + "\"accented\":{\"type\":\"string\",\"pattern\":\"^[a-zé😀]{1,4}$\"}},"
            + "\"required\":[\"id\",\"word\",\"email\",\"short\",\"text\",\"alt\",\"accented\"]}";

    static Object parse(String json) {
        return Json.parse(json);
    }
}
