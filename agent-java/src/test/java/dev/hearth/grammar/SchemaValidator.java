package dev.hearth.grammar;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An independent JSON Schema checker for tests (it shares no code with the grammar; patterns go through
 * java.util.regex with JSON Schema's search semantics). Covers the keywords {@link JsonSchema} supports;
 * returns the problems found, empty when the value is valid.
 */
public final class SchemaValidator {
    private final Object root;

    private SchemaValidator(Object root) {
        this.root = root;
    }

    /** The problems of value against schema (empty when valid). */
    public static List<String> problems(Object schema, Object value) {
        List<String> out = new ArrayList<>();
        new SchemaValidator(schema).check(schema, value, "$", out);
        return out;
    }

    private void check(Object schema, Object v, String at, List<String> out) {
        if (Boolean.TRUE.equals(schema)) {
            return;
        }
        Map<String, Object> s = Json.asObject(schema);
        if (s.containsKey("$ref")) {
            String ref = (String) s.get("$ref");
            Object target;
            if (ref.equals("#")) {
                target = root;
            } else {
                String[] parts = ref.split("/");
                target = Json.asObject(Json.asObject(root).get(parts[1])).get(parts[2]);
            }
            check(target, v, at, out);
            return;
        }
        if (s.containsKey("const") && !same(s.get("const"), v)) {
            out.add(at + ": " + Json.write(v) + " is not the const " + Json.write(s.get("const")));
        }
        if (s.containsKey("enum")) {
            boolean found = false;
            for (Object e : Json.asArray(s.get("enum"))) {
                found |= same(e, v);
            }
            if (!found) {
                out.add(at + ": " + Json.write(v) + " is not in the enum");
            }
        }
        for (String key : new String[] {"anyOf", "oneOf"}) {
            if (s.containsKey(key)) {
                int matches = 0;
                for (Object alt : Json.asArray(s.get(key))) {
                    List<String> p = new ArrayList<>();
                    check(alt, v, at, p);
                    if (p.isEmpty()) {
                        matches++;
                    }
                }
                if (matches == 0 || key.equals("oneOf") && matches > 1) {
                    out.add(at + ": " + matches + " alternatives of " + key + " match");
                }
            }
        }
        Object type = s.get("type");
        if (type != null) {
            List<Object> types = type instanceof List ? Json.asArray(type) : List.of(type);
            boolean ok = false;
            for (Object t : types) {
                ok |= hasType(v, (String) t);
            }
            if (!ok) {
                out.add(at + ": " + Json.write(v) + " is not of type " + Json.write(type));
                return;
            }
        }
        if (v instanceof Map) {
            Map<String, Object> o = Json.asObject(v);
            Map<String, Object> props = s.containsKey("properties") ? Json.asObject(s.get("properties")) : Map.of();
            if (s.containsKey("required")) {
                for (Object r : Json.asArray(s.get("required"))) {
                    if (!o.containsKey((String) r)) {
                        out.add(at + ": missing required " + r);
                    }
                }
            }
            for (Map.Entry<String, Object> e : o.entrySet()) {
                if (props.containsKey(e.getKey())) {
                    check(props.get(e.getKey()), e.getValue(), at + "." + e.getKey(), out);
                } else if (Boolean.FALSE.equals(s.get("additionalProperties"))) {
                    out.add(at + ": property " + e.getKey() + " is not allowed");
                } else if (s.get("additionalProperties") instanceof Map) {
                    check(s.get("additionalProperties"), e.getValue(), at + "." + e.getKey(), out);
                }
            }
            if (s.containsKey("maxProperties") && o.size() > ((Number) s.get("maxProperties")).intValue()) {
                out.add(at + ": more than maxProperties");
            }
        }
        if (v instanceof List) {
            List<Object> a = Json.asArray(v);
            if (s.containsKey("minItems") && a.size() < ((Number) s.get("minItems")).intValue()) {
                out.add(at + ": fewer than minItems");
            }
            if (s.containsKey("maxItems") && a.size() > ((Number) s.get("maxItems")).intValue()) {
                out.add(at + ": more than maxItems");
            }
            if (s.containsKey("items")) {
                for (int i = 0; i < a.size(); i++) {
                    check(s.get("items"), a.get(i), at + "[" + i + "]", out);
                }
            }
        }
        if (v instanceof String) {
            String str = (String) v;
            int len = str.codePointCount(0, str.length());
            if (s.containsKey("minLength") && len < ((Number) s.get("minLength")).intValue()) {
                out.add(at + ": shorter than minLength");
            }
            if (s.containsKey("maxLength") && len > ((Number) s.get("maxLength")).intValue()) {
                out.add(at + ": longer than maxLength");
            }
            if (s.containsKey("pattern") && !Pattern.compile((String) s.get("pattern")).matcher(str).find()) {
                out.add(at + ": " + Json.write(str) + " does not match " + s.get("pattern"));
            }
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (s.containsKey("minimum") && d < ((Number) s.get("minimum")).doubleValue()) {
                out.add(at + ": " + d + " below minimum");
            }
            if (s.containsKey("maximum") && d > ((Number) s.get("maximum")).doubleValue()) {
                out.add(at + ": " + d + " above maximum");
            }
            if (s.containsKey("exclusiveMinimum") && d <= ((Number) s.get("exclusiveMinimum")).doubleValue()) {
                out.add(at + ": " + d + " not above exclusiveMinimum");
            }
            if (s.containsKey("exclusiveMaximum") && d >= ((Number) s.get("exclusiveMaximum")).doubleValue()) {
                out.add(at + ": " + d + " not below exclusiveMaximum");
            }
        }
    }

    private static boolean hasType(Object v, String t) {
        switch (t) {
            case "object": return v instanceof Map;
            case "array": return v instanceof List;
            case "string": return v instanceof String;
            case "number": return v instanceof Number;
            case "integer": return v instanceof Long || v instanceof Double && (Double) v == Math.rint((Double) v);
            case "boolean": return v instanceof Boolean;
            case "null": return v == null;
            default: throw new AssertionError("unknown type " + t);
        }
    }

    /** JSON equality: numbers by value, objects by entries, arrays by elements. */
    private static boolean same(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (a instanceof Map && b instanceof Map) {
            Map<String, Object> x = Json.asObject(a);
            Map<String, Object> y = Json.asObject(b);
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<String, Object> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List && b instanceof List) {
            List<Object> x = Json.asArray(a);
            List<Object> y = Json.asArray(b);
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }
}
