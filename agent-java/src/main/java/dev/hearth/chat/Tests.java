package dev.hearth.chat;

import java.util.List;
import java.util.Map;

/** Jinja2's tests, the right-hand side of {@code x is defined}, {@code x is not none}, {@code x is string}... */
final class Tests {
    private Tests() {
    }

    static boolean apply(String name, Object v, List<Object> args, Node at) {
        switch (name) {
            case "defined": return !(v instanceof Undefined);
            case "undefined": return v instanceof Undefined;
            case "none": return v == null;
            case "string": return v instanceof String;
            case "number": return v instanceof Number;
            case "integer": return Values.isInt(v);
            case "float": return v instanceof Double || v instanceof Float;
            case "boolean": return v instanceof Boolean;
            case "true": return Boolean.TRUE.equals(v);
            case "false": return Boolean.FALSE.equals(v);
            case "mapping": return v instanceof Map;
            case "sequence": return v instanceof List || v instanceof String || v instanceof Map;
            case "iterable": return v instanceof List || v instanceof String || v instanceof Map;
            case "callable": return v instanceof TemplateFunction;
            case "odd": return Values.isInt(v) && Math.floorMod(((Number) v).longValue(), 2) == 1;
            case "even": return Values.isInt(v) && Math.floorMod(((Number) v).longValue(), 2) == 0;
            case "divisibleby": return ((Number) v).longValue() % ((Number) arg(args, at)).longValue() == 0;
            case "lower": return v instanceof String && ((String) v).toLowerCase().equals(v);
            case "upper": return v instanceof String && ((String) v).toUpperCase().equals(v);
            case "eq": case "equalto": case "==": return Values.equal(v, arg(args, at));
            case "ne": case "!=": return !Values.equal(v, arg(args, at));
            case "lt": case "lessthan": return Values.compare(v, arg(args, at)) < 0;
            case "le": return Values.compare(v, arg(args, at)) <= 0;
            case "gt": case "greaterthan": return Values.compare(v, arg(args, at)) > 0;
            case "ge": return Values.compare(v, arg(args, at)) >= 0;
            case "in": return Evaluator.contains(arg(args, at), v, at);
            case "sameas": {
                Object o = arg(args, at);
                return v == o || (v == null && o == null) || (v instanceof Boolean && v.equals(o));
            }
            default: throw Evaluator.error(at, "unknown test '" + name + "'");
        }
    }

    private static Object arg(List<Object> args, Node at) {
        if (args.isEmpty()) {
            throw Evaluator.error(at, "this test needs an argument");
        }
        return args.get(0);
    }
}
