package dev.hearth.grammar;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a JSON Schema (as the plain maps and lists {@link Json#parse} gives) into a {@link Grammar} for
 * constrained decoding.
 *
 * <p>What is generated is compact JSON: no whitespace, object keys in the schema's property order,
 * optional properties either written or skipped, never a property the schema does not declare (as if
 * additionalProperties were false), numbers without exponent (at most 15 integer and 9 fraction digits),
 * strings with raw UTF-8 and the short escapes only.
 *
 * <p>Keywords: {@code type} (a name or a list), {@code properties}, {@code required},
 * {@code additionalProperties} (used for values only when there are no properties), {@code maxProperties}
 * (free-key objects), {@code items}, {@code minItems}, {@code maxItems}, {@code minLength},
 * {@code maxLength}, {@code pattern} (see {@link StringPattern} for the subset), {@code enum}, {@code const},
 * {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum} (numbers, draft 6+
 * form), {@code anyOf}, {@code oneOf} (as anyOf), {@code $ref} to {@code #}, {@code #/$defs/...} or
 * {@code #/definitions/...}. Annotations (description, title, default, examples, format, $schema, $id,
 * $comment, deprecated, readOnly, writeOnly) are ignored. Anything else is a {@link SchemaException} naming
 * the keyword and its place. An empty schema (or {@code true}) is any JSON value, nested at most
 * {@link #ANY_DEPTH} levels.
 */
public final class JsonSchema {
    /** How deep arrays and objects may nest inside a schema-less ("any") value. */
    public static final int ANY_DEPTH = 4;

    private static final Set<String> ANNOTATIONS = Set.of("description", "title", "default", "examples", "format",
            "$schema", "$id", "$comment", "deprecated", "readOnly", "writeOnly", "$defs", "definitions");

    private final Object rootSchema;
    private final Map<String, Node> byRef = new HashMap<>();
    private final List<RefNode> refs = new ArrayList<>();

    private JsonSchema(Object rootSchema) {
        this.rootSchema = rootSchema;
    }

    /** The grammar of the JSON texts valid against schema (Map/List/String/Number/Boolean values). */
    public static Grammar compile(Object schema) {
        JsonSchema c = new JsonSchema(schema);
        Node root = c.node(schema, "#");
        c.resolveRefs();
        return new Grammar(root);
    }

    /** {@link #compile} of a schema given as JSON text. */
    public static Grammar compileJson(String schemaJson) {
        return compile(Json.parse(schemaJson));
    }

    private Node node(Object schema, String path) {
        if (Boolean.TRUE.equals(schema)) {
            return any(ANY_DEPTH);
        }
        if (Boolean.FALSE.equals(schema)) {
            throw new SchemaException("false", path, "the schema false allows no value");
        }
        if (!(schema instanceof Map)) {
            throw new SchemaException("", path, "a schema must be an object or a boolean");
        }
        Map<String, Object> s = Json.asObject(schema);
        if (s.containsKey("$ref")) {
            only(s, path, "$ref");
            String ref = string(s.get("$ref"), "$ref", path);
            RefNode r = new RefNode(ref);
            refs.add(r);
            return r;
        }
        if (s.containsKey("const")) {
            only(s, path, "const", "type");
            return literals(List.of(s.get("const")), path + "/const");
        }
        if (s.containsKey("enum")) {
            only(s, path, "enum", "type");
            List<Object> values = list(s.get("enum"), "enum", path);
            if (values.isEmpty()) {
                throw new SchemaException("enum", path, "enum is empty: no value is allowed");
            }
            return literals(values, path + "/enum");
        }
        for (String key : new String[] {"anyOf", "oneOf"}) {
            if (s.containsKey(key)) {
                only(s, path, key);
                List<Object> alts = list(s.get(key), key, path);
                if (alts.isEmpty()) {
                    throw new SchemaException(key, path, key + " is empty");
                }
                Node[] nodes = new Node[alts.size()];
                for (int k = 0; k < nodes.length; k++) {
                    nodes[k] = node(alts.get(k), path + "/" + key + "/" + k);
                }
                return nodes.length == 1 ? nodes[0] : new AnyOfNode(nodes);
            }
        }
        Object type = s.get("type");
        if (type instanceof List) {
            List<Object> types = Json.asArray(type);
            if (types.isEmpty()) {
                throw new SchemaException("type", path, "type is an empty list");
            }
            List<String> allowed = new ArrayList<>();
            for (Object t : types) {
                allowed.addAll(List.of(keywords(string(t, "type", path), path)));
            }
            only(s, path, allowed.toArray(new String[0]));
            Node[] nodes = new Node[types.size()];
            for (int k = 0; k < nodes.length; k++) {
                nodes[k] = typed(s, string(types.get(k), "type", path), path, false);
            }
            return nodes.length == 1 ? nodes[0] : new AnyOfNode(nodes);
        }
        if (type == null) {
            String inferred = inferType(s);
            if (inferred == null) {
                only(s, path);
                return any(ANY_DEPTH);
            }
            return typed(s, inferred, path, true);
        }
        return typed(s, string(type, "type", path), path, true);
    }

    private static String inferType(Map<String, Object> s) {
        if (s.containsKey("properties") || s.containsKey("required") || s.containsKey("additionalProperties")) {
            return "object";
        }
        if (s.containsKey("items") || s.containsKey("minItems") || s.containsKey("maxItems")) {
            return "array";
        }
        if (s.containsKey("minLength") || s.containsKey("maxLength") || s.containsKey("pattern")) {
            return "string";
        }
        if (s.containsKey("minimum") || s.containsKey("maximum") || s.containsKey("exclusiveMinimum")
                || s.containsKey("exclusiveMaximum")) {
            return "number";
        }
        return null;
    }

    /** The keywords a type takes. */
    private static String[] keywords(String type, String path) {
        switch (type) {
            case "object":
                return new String[] {"type", "properties", "required", "additionalProperties", "maxProperties"};
            case "array":
                return new String[] {"type", "items", "minItems", "maxItems"};
            case "string":
                return new String[] {"type", "minLength", "maxLength", "pattern"};
            case "number":
            case "integer":
                return new String[] {"type", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"};
            case "boolean":
            case "null":
                return new String[] {"type"};
            default:
                throw new SchemaException("type", path, "unknown type \"" + type
                        + "\" (object, array, string, number, integer, boolean, null)");
        }
    }

    /** The node of one type; strict: refuse keywords of other types (not for type lists). */
    private Node typed(Map<String, Object> s, String type, String path, boolean strict) {
        if (strict) {
            only(s, path, keywords(type, path));
        }
        switch (type) {
            case "object":
                return object(s, path);
            case "array":
                return array(s, path);
            case "string": {
                int min = count(s, "minLength", 0, path);
                int max = count(s, "maxLength", -1, path);
                if (max >= 0 && min > max) {
                    throw new SchemaException("minLength", path, "minLength " + min + " > maxLength " + max);
                }
                StringPattern p = s.containsKey("pattern")
                        ? StringPattern.compile(string(s.get("pattern"), "pattern", path), path + "/pattern") : null;
                return new StringNode(min, max, p);
            }
            case "number":
            case "integer":
                return number(s, type.equals("integer"), path);
            case "boolean":
                return new LiteralNode(new String[] {"true", "false"});
            case "null":
                return new LiteralNode(new String[] {"null"});
            default:
                throw new SchemaException("type", path, "unknown type \"" + type
                        + "\" (object, array, string, number, integer, boolean, null)");
        }
    }

    private Node object(Map<String, Object> s, String path) {
        Map<String, Object> props = s.containsKey("properties")
                ? map(s.get("properties"), "properties", path) : Map.of();
        List<Object> req = s.containsKey("required") ? list(s.get("required"), "required", path) : List.of();
        Object additional = s.get("additionalProperties");
        if (props.isEmpty() && req.isEmpty() && !Boolean.FALSE.equals(additional)) {
            Node value = additional == null || Boolean.TRUE.equals(additional)
                    ? any(ANY_DEPTH - 1) : node(additional, path + "/additionalProperties");
            return new MapNode(value, count(s, "maxProperties", -1, path));
        }
        if (s.containsKey("maxProperties")) {
            throw new SchemaException("maxProperties", path, "maxProperties is supported only on objects without properties");
        }
        if (props.size() > ObjectNode.MAX_PROPERTIES) {
            throw new SchemaException("properties", path, props.size() + " properties; at most "
                    + ObjectNode.MAX_PROPERTIES + " are supported");
        }
        Set<String> required = new HashSet<>();
        for (Object r : req) {
            String name = string(r, "required", path);
            if (!props.containsKey(name)) {
                throw new SchemaException("required", path, "required property \"" + name
                        + "\" is not declared in properties");
            }
            required.add(name);
        }
        int n = props.size();
        String[] keys = new String[n];
        Node[] values = new Node[n];
        boolean[] isRequired = new boolean[n];
        int k = 0;
        for (Map.Entry<String, Object> e : props.entrySet()) {
            keys[k] = e.getKey();
            values[k] = node(e.getValue(), path + "/properties/" + pointer(e.getKey()));
            isRequired[k] = required.contains(e.getKey());
            k++;
        }
        return new ObjectNode(keys, values, isRequired);
    }

    private Node array(Map<String, Object> s, String path) {
        int min = count(s, "minItems", 0, path);
        int max = count(s, "maxItems", -1, path);
        if (max >= 0 && min > max) {
            throw new SchemaException("minItems", path, "minItems " + min + " > maxItems " + max);
        }
        Node items = s.containsKey("items") ? node(s.get("items"), path + "/items") : any(ANY_DEPTH - 1);
        return new ArrayNode(items, min, max);
    }

    private Node number(Map<String, Object> s, boolean integer, String path) {
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        boolean minEx = false;
        boolean maxEx = false;
        if (s.containsKey("minimum")) {
            min = num(s.get("minimum"), "minimum", path);
        }
        if (s.containsKey("exclusiveMinimum")) {
            double v = num(s.get("exclusiveMinimum"), "exclusiveMinimum", path);
            if (v >= min) {
                min = v;
                minEx = true;
            }
        }
        if (s.containsKey("maximum")) {
            max = num(s.get("maximum"), "maximum", path);
        }
        if (s.containsKey("exclusiveMaximum")) {
            double v = num(s.get("exclusiveMaximum"), "exclusiveMaximum", path);
            if (v <= max) {
                max = v;
                maxEx = true;
            }
        }
        if (min > max || (min == max && (minEx || maxEx))) {
            throw new SchemaException("minimum", path, "no number lies between the minimum and the maximum");
        }
        double limit = Math.pow(10, NumberNode.MAX_INT_DIGITS);
        if (min >= limit || max <= -limit) {
            throw new SchemaException("minimum", path, "bounds beyond 1e15 are not supported");
        }
        if (integer && Math.floor(max) < Math.ceil(min)) {
            throw new SchemaException("minimum", path, "no integer lies between the minimum and the maximum");
        }
        return new NumberNode(integer, min, minEx, max, maxEx);
    }

    private Node literals(List<Object> values, String path) {
        List<String> texts = new ArrayList<>();
        for (Object v : values) {
            String t;
            try {
                t = Json.write(v);
            } catch (RuntimeException e) {
                throw new SchemaException(path.substring(path.lastIndexOf('/') + 1), path, e.getMessage());
            }
            if (!texts.contains(t)) {
                texts.add(t);
            }
        }
        return new LiteralNode(texts.toArray(new String[0]));
    }

    /** Any JSON value, with arrays and objects nested at most depth levels. */
    private static Node any(int depth) {
        List<Node> alts = new ArrayList<>();
        if (depth > 0) {
            Node inner = any(depth - 1);
            alts.add(new MapNode(inner, -1));
            alts.add(new ArrayNode(inner, 0, -1));
        }
        alts.add(new StringNode(0, -1, null));
        alts.add(new NumberNode(false, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false));
        alts.add(new LiteralNode(new String[] {"true", "false", "null"}));
        return new AnyOfNode(alts.toArray(new Node[0]));
    }

    private void resolveRefs() {
        for (int k = 0; k < refs.size(); k++) { // compiling a target may add refs
            RefNode r = refs.get(k);
            r.target = target(r.ref);
        }
        for (RefNode r : refs) {
            Set<Node> seen = new HashSet<>();
            Node n = r;
            checkNoLeftRecursion(n, seen, r.ref);
        }
    }

    /** A $ref that reaches itself without consuming a byte would push forever. */
    private static void checkNoLeftRecursion(Node n, Set<Node> onPath, String ref) {
        if (!onPath.add(n)) {
            throw new SchemaException("$ref", ref, "$ref refers to itself without any JSON in between");
        }
        if (n instanceof RefNode) {
            checkNoLeftRecursion(((RefNode) n).target, onPath, ref);
        } else if (n instanceof AnyOfNode) {
            for (Node a : ((AnyOfNode) n).alternatives) {
                checkNoLeftRecursion(a, onPath, ref);
            }
        }
        onPath.remove(n);
    }

    private Node target(String ref) {
        Node known = byRef.get(ref);
        if (known != null) {
            return known;
        }
        Object schema;
        if (ref.equals("#")) {
            schema = rootSchema;
        } else if (ref.startsWith("#/$defs/") || ref.startsWith("#/definitions/")) {
            String section = ref.startsWith("#/$defs/") ? "$defs" : "definitions";
            String name = unpointer(ref.substring(section.length() + 3));
            Object defs = rootSchema instanceof Map ? Json.asObject(rootSchema).get(section) : null;
            schema = defs instanceof Map ? Json.asObject(defs).get(name) : null;
            if (schema == null) {
                throw new SchemaException("$ref", ref, "$ref \"" + ref + "\" names no definition");
            }
        } else {
            throw new SchemaException("$ref", ref, "only local refs (#, #/$defs/NAME, #/definitions/NAME) are supported");
        }
        // placeholder first, so a definition that refers to itself finds it
        RefNode self = new RefNode(ref);
        byRef.put(ref, self);
        Node n = node(schema, ref);
        self.target = n;
        byRef.put(ref, n);
        return n;
    }

    private static void only(Map<String, Object> s, String path, String... allowed) {
        for (String key : s.keySet()) {
            if (ANNOTATIONS.contains(key)) {
                continue;
            }
            boolean ok = false;
            for (String a : allowed) {
                ok |= a.equals(key);
            }
            if (!ok) {
                throw new SchemaException(key, path, "keyword \"" + key + "\" is not supported here"
                        + (allowed.length == 0 ? "" : " (with " + allowed[0] + ")"));
            }
        }
    }

    private static String string(Object v, String keyword, String path) {
        if (v instanceof String) {
            return (String) v;
        }
        throw new SchemaException(keyword, path, keyword + " must be a string");
    }

    private static List<Object> list(Object v, String keyword, String path) {
        if (v instanceof List) {
            return Json.asArray(v);
        }
        throw new SchemaException(keyword, path, keyword + " must be an array");
    }

    private static Map<String, Object> map(Object v, String keyword, String path) {
        if (v instanceof Map) {
            return Json.asObject(v);
        }
        throw new SchemaException(keyword, path, keyword + " must be an object");
    }

    private static double num(Object v, String keyword, String path) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new SchemaException(keyword, path, keyword + " must be a number");
    }

    private static int count(Map<String, Object> s, String keyword, int dflt, String path) {
        Object v = s.get(keyword);
        if (v == null) {
            return dflt;
        }
        double d = num(v, keyword, path);
        if (d < 0 || d != Math.floor(d) || d > Integer.MAX_VALUE) {
            throw new SchemaException(keyword, path, keyword + " must be a non-negative integer");
        }
        return (int) d;
    }

    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String unpointer(String s) {
        return s.replace("~1", "/").replace("~0", "~");
    }
}
