package dev.hearth.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Jinja2's built-in filters that chat templates use ({@code x | tojson}, {@code x | length}...). */
final class Filters {
    private Filters() {
    }

    @SuppressWarnings("unchecked")
    static Object apply(Evaluator ev, String name, Object v, List<Object> args, Map<String, Object> kw, Node at) {
        switch (name) {
            case "length": case "count":
                if (v instanceof String) {
                    return (long) ((String) v).codePointCount(0, ((String) v).length());
                }
                if (v instanceof List) {
                    return (long) ((List<?>) v).size();
                }
                if (v instanceof Map) {
                    return (long) ((Map<?, ?>) v).size();
                }
                if (v instanceof Undefined) {
                    return 0L;
                }
                throw Evaluator.error(at, "object of type '" + Values.typeName(v) + "' has no length");
            case "tojson": {
                Object indent = param(args, kw, 0, "indent", null);
                StringBuilder b = new StringBuilder();
                Values.json(v, b, indent == null ? -1 : (int) Methods.num(indent), 0);
                return b.toString();
            }
            case "trim": return Methods.strip(Values.str(v), (String) param(args, kw, 0, "chars", null), true, true);
            case "upper": return Values.str(v).toUpperCase();
            case "lower": return Values.str(v).toLowerCase();
            case "capitalize": return Methods.capitalize(Values.str(v));
            case "title": return Methods.title(Values.str(v));
            case "string": return Values.str(v);
            case "safe": return v;
            case "e": case "escape": return escape(Values.str(v));
            case "first": {
                List<Object> l = Evaluator.iterate(v, at);
                return l.isEmpty() ? new Undefined("first item") : l.get(0);
            }
            case "last": {
                List<Object> l = Evaluator.iterate(v, at);
                return l.isEmpty() ? new Undefined("last item") : l.get(l.size() - 1);
            }
            case "join": {
                String sep = Values.str(param(args, kw, 0, "d", ""));
                Object attr = param(args, kw, 1, "attribute", null);
                StringBuilder b = new StringBuilder();
                List<Object> l = Evaluator.iterate(v, at);
                for (int i = 0; i < l.size(); i++) {
                    Object item = attr == null ? l.get(i) : attr(l.get(i), (String) attr);
                    b.append(i > 0 ? sep : "").append(Values.str(item));
                }
                return b.toString();
            }
            case "default": case "d": {
                Object dflt = param(args, kw, 0, "default_value", "");
                boolean bool = Values.truthy(param(args, kw, 1, "boolean", false));
                return v instanceof Undefined || (bool && !Values.truthy(v)) ? dflt : v;
            }
            case "list": return Evaluator.iterate(v, at);
            case "int": {
                Object dflt = param(args, kw, 0, "default", 0L);
                if (Values.isInt(v)) {
                    return ((Number) v).longValue();
                }
                if (v instanceof Number) {
                    return (long) ((Number) v).doubleValue();
                }
                try {
                    return Long.parseLong(Values.str(v).trim());
                } catch (NumberFormatException ex) {
                    return dflt;
                }
            }
            case "float": {
                if (v instanceof Number) {
                    return ((Number) v).doubleValue();
                }
                try {
                    return Double.parseDouble(Values.str(v).trim());
                } catch (NumberFormatException ex) {
                    return param(args, kw, 0, "default", 0.0);
                }
            }
            case "abs":
                return Values.isInt(v) ? (Object) Math.abs(((Number) v).longValue()) : (Object) Math.abs(((Number) v).doubleValue());
            case "round": {
                long precision = Methods.num(param(args, kw, 0, "precision", 0L));
                String method = (String) param(args, kw, 1, "method", "common");
                double scale = Math.pow(10, precision);
                double x = ((Number) v).doubleValue() * scale;
                double r = method.equals("floor") ? Math.floor(x) : method.equals("ceil") ? Math.ceil(x)
                        : Math.rint(x); // Python's round(): halves go to the even neighbour
                return r / scale;
            }
            case "items": {
                if (v instanceof Undefined) {
                    return new ArrayList<>();
                }
                return Methods.call(v, "items", Collections.emptyList(), Collections.emptyMap(), at);
            }
            case "replace":
                return Methods.replace(Values.str(v), Values.str(args.get(0)), Values.str(args.get(1)),
                        args.size() > 2 ? Methods.num(args.get(2)) : -1);
            case "indent": return indent(Values.str(v), param(args, kw, 0, "width", 4L),
                    Values.truthy(param(args, kw, 1, "first", false)), Values.truthy(param(args, kw, 2, "blank", false)));
            case "map": {
                List<Object> out = new ArrayList<>();
                Object attribute = kw.get("attribute");
                for (Object item : Evaluator.iterate(v, at)) {
                    if (attribute != null) {
                        Object a = attr(item, (String) attribute);
                        out.add(a instanceof Undefined && kw.containsKey("default") ? kw.get("default") : a);
                    } else {
                        out.add(apply(ev, (String) args.get(0), item, args.subList(1, args.size()), kw, at));
                    }
                }
                return out;
            }
            case "select": case "reject": case "selectattr": case "rejectattr": {
                boolean byAttr = name.endsWith("attr");
                boolean keep = name.startsWith("select");
                List<Object> out = new ArrayList<>();
                int t = byAttr ? 1 : 0;
                for (Object item : Evaluator.iterate(v, at)) {
                    Object subject = byAttr ? attr(item, (String) args.get(0)) : item;
                    boolean ok = args.size() > t
                            ? Tests.apply((String) args.get(t), subject, args.subList(t + 1, args.size()), at)
                            : Values.truthy(subject);
                    if (ok == keep) {
                        out.add(item);
                    }
                }
                return out;
            }
            case "unique": {
                List<Object> out = new ArrayList<>();
                for (Object item : Evaluator.iterate(v, at)) {
                    boolean seen = false;
                    for (Object o : out) {
                        seen |= Values.equal(o, item);
                    }
                    if (!seen) {
                        out.add(item);
                    }
                }
                return out;
            }
            case "reverse": {
                if (v instanceof String) {
                    return new StringBuilder((String) v).reverse().toString();
                }
                List<Object> l = Evaluator.iterate(v, at);
                Collections.reverse(l);
                return l;
            }
            case "sort": {
                List<Object> l = Evaluator.iterate(v, at);
                Object attribute = kw.get("attribute");
                l.sort((a, b) -> attribute == null ? Values.compare(a, b)
                        : Values.compare(attr(a, (String) attribute), attr(b, (String) attribute)));
                if (Values.truthy(param(args, kw, 0, "reverse", false))) {
                    Collections.reverse(l);
                }
                return l;
            }
            case "dictsort": {
                List<Object> l = (List<Object>) Methods.call(v, "items", Collections.emptyList(), Collections.emptyMap(), at);
                l.sort((a, b) -> Values.compare(((List<?>) a).get(0), ((List<?>) b).get(0)));
                return l;
            }
            case "sum": {
                Object total = param(args, kw, 1, "start", 0L);
                Object attribute = param(args, kw, 0, "attribute", null);
                for (Object item : Evaluator.iterate(v, at)) {
                    Object x = attribute == null ? item : attr(item, (String) attribute);
                    total = Values.isInt(total) && Values.isInt(x) ? (Object) (((Number) total).longValue() + ((Number) x).longValue())
                            : (Object) (((Number) total).doubleValue() + ((Number) x).doubleValue());
                }
                return total;
            }
            case "min": case "max": {
                List<Object> l = Evaluator.iterate(v, at);
                if (l.isEmpty()) {
                    return new Undefined(name + " of an empty sequence");
                }
                Object best = l.get(0);
                for (Object o : l) {
                    int c = Values.compare(o, best);
                    if (name.equals("min") ? c < 0 : c > 0) {
                        best = o;
                    }
                }
                return best;
            }
            case "batch": {
                int size = (int) Methods.num(args.get(0));
                List<Object> out = new ArrayList<>();
                List<Object> cur = null;
                for (Object item : Evaluator.iterate(v, at)) {
                    if (cur == null || cur.size() == size) {
                        cur = new ArrayList<>();
                        out.add(cur);
                    }
                    cur.add(item);
                }
                return out;
            }
            case "wordcount": return (long) Methods.split(Values.str(v), null, -1).size();
            default: throw Evaluator.error(at, "unknown filter '" + name + "'");
        }
    }

    /** A filter argument given by position or by keyword, as Python binds it. */
    private static Object param(List<Object> args, Map<String, Object> kw, int pos, String key, Object dflt) {
        if (kw.containsKey(key)) {
            return kw.get(key);
        }
        return pos < args.size() ? args.get(pos) : dflt;
    }

    /** Jinja's attribute lookup for filters: dotted paths ("function.name") and integer steps. */
    private static Object attr(Object item, String path) {
        Object cur = item;
        for (Object part : Methods.split(path, ".", -1)) {
            if (cur instanceof Map && ((Map<?, ?>) cur).containsKey(part)) {
                cur = ((Map<?, ?>) cur).get(part);
            } else {
                return new Undefined((String) part);
            }
        }
        return cur;
    }

    private static String indent(String s, Object width, boolean first, boolean blank) {
        String pad = width instanceof String ? (String) width : " ".repeat((int) Methods.num(width));
        s = s + "\n";
        @SuppressWarnings("unchecked")
        List<Object> lines = (List<Object>) Methods.call(s, "splitlines", Collections.emptyList(), Collections.emptyMap(), null);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = (String) lines.get(i);
            if (i > 0) {
                b.append('\n');
                if (blank || !line.isEmpty()) {
                    b.append(pad);
                }
            }
            b.append(line);
        }
        return first ? pad + b : b.toString();
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '"': b.append("&#34;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
