package dev.hearth.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The value model of the interpreter and Python's view of it. Values are plain Java types:
 * {@code Map} (insertion order), {@code List}, {@code String}, {@code Long}/{@code Double},
 * {@code Boolean}, {@code null} (Python's None), {@link Undefined} and {@link TemplateFunction}.
 * A tuple is a {@link Tuple}, a list that prints with parentheses.
 */
final class Values {
    private Values() {
    }

    /** A Python tuple: from {@code (a, b)} literals and {@code dict.items()} pairs. */
    static final class Tuple extends ArrayList<Object> {
        Tuple(Collection<?> items) {
            super(items);
        }
    }

    /** The object {@code namespace()} returns: the one value a loop body may assign attributes to. */
    static final class Namespace extends java.util.LinkedHashMap<String, Object> {
    }

    static boolean truthy(Object v) {
        if (v == null || v instanceof Undefined) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue() != 0;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Collection) {
            return !((Collection<?>) v).isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        return true;
    }

    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    static boolean isNumber(Object v) {
        return v instanceof Number;
    }

    /** Python's {@code ==}: numbers by value (1 == 1.0, True == 1), lists and maps element by element. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Boolean && isNumber(b)) {
            a = (Boolean) a ? 1L : 0L;
        }
        if (b instanceof Boolean && isNumber(a)) {
            b = (Boolean) b ? 1L : 0L;
        }
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return ((Number) a).longValue() == ((Number) b).longValue();
            }
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    static int compare(Object a, Object b) {
        if (isNumber(a) && isNumber(b)) {
            if (isInt(a) && isInt(b)) {
                return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
            }
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof String && b instanceof String) {
            return ((String) a).compareTo((String) b);
        }
        if (a instanceof Boolean && b instanceof Boolean) {
            return Boolean.compare((Boolean) a, (Boolean) b);
        }
        throw new ChatTemplateException("cannot compare " + typeName(a) + " with " + typeName(b));
    }

    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        }
        if (v instanceof Undefined) {
            return "Undefined";
        }
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (isInt(v)) {
            return "int";
        }
        if (v instanceof Number) {
            return "float";
        }
        if (v instanceof Tuple) {
            return "tuple";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Map) {
            return "dict";
        }
        return "function";
    }

    /** What {@code {{ v }}} prints: Python's {@code str(v)}, and nothing for undefined. */
    static String str(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof Undefined) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        repr(v, b, false);
        return b.toString();
    }

    /** Python's {@code repr}; {@code quoteStrings} false prints a top-level string bare (for {@code str}). */
    static void repr(Object v, StringBuilder b, boolean quoteStrings) {
        if (v == null) {
            b.append("None");
        } else if (v instanceof Boolean) {
            b.append((Boolean) v ? "True" : "False");
        } else if (isInt(v)) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Number) {
            b.append(pythonFloat(((Number) v).doubleValue()));
        } else if (v instanceof String) {
            if (!quoteStrings) {
                b.append((String) v);
                return;
            }
            String s = (String) v;
            char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
            b.append(q);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == q || c == '\\') {
                    b.append('\\').append(c);
                } else if (c == '\n') {
                    b.append("\\n");
                } else if (c == '\t') {
                    b.append("\\t");
                } else if (c == '\r') {
                    b.append("\\r");
                } else {
                    b.append(c);
                }
            }
            b.append(q);
        } else if (v instanceof List) {
            boolean tuple = v instanceof Tuple;
            b.append(tuple ? '(' : '[');
            List<?> l = (List<?>) v;
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                repr(l.get(i), b, true);
            }
            if (tuple && l.size() == 1) {
                b.append(',');
            }
            b.append(tuple ? ')' : ']');
        } else if (v instanceof Map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                repr(e.getKey(), b, true);
                b.append(": ");
                repr(e.getValue(), b, true);
            }
            b.append('}');
        } else if (v instanceof Undefined) {
            b.append("");
        } else {
            b.append("<function>");
        }
    }

    /** Python's float repr: {@code 1.0}, {@code 0.5}, {@code 1e-05}, {@code 1e+16}. */
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return Long.toString((long) d) + ".0";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mant = s.substring(0, e);
        int exp = Integer.parseInt(s.substring(e + 1));
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        if (exp >= -4 && exp < 16) {
            return new java.math.BigDecimal(s).toPlainString();
        }
        return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }

    /** Python's {@code json.dumps(v, ensure_ascii=False, indent=indent)}, as transformers' {@code tojson}. */
    static void json(Object v, StringBuilder b, int indent, int depth) {
        if (v instanceof Undefined) {
            throw new ChatTemplateException("tojson: '" + ((Undefined) v).name + "' is undefined");
        }
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean) {
            b.append((Boolean) v ? "true" : "false");
        } else if (isInt(v)) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            b.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : pythonFloat(d));
        } else if (v instanceof String) {
            jsonString((String) v, b);
        } else if (v instanceof List || v instanceof Map) {
            boolean isList = v instanceof List;
            Collection<?> items = isList ? (List<?>) v : ((Map<?, ?>) v).entrySet();
            b.append(isList ? '[' : '{');
            if (items.isEmpty()) {
                b.append(isList ? ']' : '}');
                return;
            }
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    b.append(indent >= 0 ? "," : ", ");
                }
                first = false;
                newline(b, indent, depth + 1);
                if (isList) {
                    json(item, b, indent, depth + 1);
                } else {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) item;
                    Object k = e.getKey();
                    jsonString(k instanceof String ? (String) k : str(k), b);
                    b.append(": ");
                    json(e.getValue(), b, indent, depth + 1);
                }
            }
            newline(b, indent, depth);
            b.append(isList ? ']' : '}');
        } else {
            throw new ChatTemplateException("tojson: cannot serialise a " + typeName(v));
        }
    }

    private static void newline(StringBuilder b, int indent, int depth) {
        if (indent >= 0) {
            b.append('\n');
            for (int i = 0; i < indent * depth; i++) {
                b.append(' ');
            }
        }
    }

    /** A JSON string literal: the same escaping as the JSON writer (non-ASCII kept, as HF's tojson does). */
    static void jsonString(String s, StringBuilder b) {
        dev.hearth.json.Json.quote(s, b);
    }
}
