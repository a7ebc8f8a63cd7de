package dev.hearth.chat;

import dev.hearth.chat.Values.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Python methods templates call on values: {@code str.strip()}, {@code dict.items()}, {@code list.append()}... */
final class Methods {
    private Methods() {
    }

    @SuppressWarnings("unchecked")
    static Object call(Object obj, String name, List<Object> args, Map<String, Object> kw, Node at) {
        if ((obj instanceof Map || obj instanceof List) && isMutator(name)) {
            // transformers renders in jinja2's ImmutableSandboxedEnvironment, where these are refused
            throw Evaluator.error(at, "'" + Values.typeName(obj) + "." + name + "' would modify a value; chat "
                    + "templates are rendered immutably (use namespace() for state)");
        }
        if (obj instanceof String) {
            return string((String) obj, name, args, at);
        }
        if (obj instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) obj;
            switch (name) {
                case "items": {
                    List<Object> out = new ArrayList<>();
                    for (Map.Entry<String, Object> e : m.entrySet()) {
                        out.add(new Tuple(Arrays.asList(e.getKey(), e.getValue())));
                    }
                    return out;
                }
                case "keys": return new ArrayList<Object>(m.keySet());
                case "values": return new ArrayList<Object>(m.values());
                case "get": {
                    Object k = arg(args, 0, at);
                    return m.containsKey(k) ? m.get(k) : (args.size() > 1 ? args.get(1) : null);
                }
                case "update":
                    if (!args.isEmpty()) {
                        m.putAll((Map<String, Object>) args.get(0));
                    }
                    m.putAll(kw);
                    return null;
                case "pop": {
                    Object k = arg(args, 0, at);
                    if (m.containsKey(k)) {
                        return m.remove(k);
                    }
                    if (args.size() > 1) {
                        return args.get(1);
                    }
                    throw Evaluator.error(at, "KeyError: " + Values.str(k));
                }
                case "copy": return new java.util.LinkedHashMap<>(m);
                default: break;
            }
        }
        if (obj instanceof List) {
            List<Object> l = (List<Object>) obj;
            switch (name) {
                case "append": l.add(arg(args, 0, at)); return null;
                case "extend": l.addAll((List<Object>) arg(args, 0, at)); return null;
                case "insert": l.add((int) num(arg(args, 0, at)), arg(args, 1, at)); return null;
                case "pop": {
                    if (l.isEmpty()) {
                        throw Evaluator.error(at, "pop from empty list");
                    }
                    int i = args.isEmpty() ? l.size() - 1 : (int) num(args.get(0));
                    return l.remove(i < 0 ? i + l.size() : i);
                }
                case "index":
                    for (int i = 0; i < l.size(); i++) {
                        if (Values.equal(l.get(i), arg(args, 0, at))) {
                            return (long) i;
                        }
                    }
                    throw Evaluator.error(at, "ValueError: " + Values.str(args.get(0)) + " is not in list");
                case "count": {
                    long c = 0;
                    for (Object o : l) {
                        c += Values.equal(o, arg(args, 0, at)) ? 1 : 0;
                    }
                    return c;
                }
                case "copy": return new ArrayList<>(l);
                default: break;
            }
        }
        throw Evaluator.error(at, "'" + Values.typeName(obj) + "' object has no method '" + name + "'");
    }

    private static boolean isMutator(String name) {
        switch (name) {
            case "append": case "extend": case "insert": case "pop": case "remove": case "clear":
            case "update": case "setdefault": case "popitem": case "sort": case "reverse":
                return true;
            default:
                return false;
        }
    }

    private static Object string(String s, String name, List<Object> args, Node at) {
        switch (name) {
            case "strip": return strip(s, args.isEmpty() ? null : (String) args.get(0), true, true);
            case "lstrip": return strip(s, args.isEmpty() ? null : (String) args.get(0), true, false);
            case "rstrip": return strip(s, args.isEmpty() ? null : (String) args.get(0), false, true);
            case "upper": return s.toUpperCase();
            case "lower": return s.toLowerCase();
            case "title": return title(s);
            case "capitalize": return capitalize(s);
            case "startswith": return affix(s, arg(args, 0, at), true);
            case "endswith": return affix(s, arg(args, 0, at), false);
            case "replace": return replace(s, (String) arg(args, 0, at), (String) arg(args, 1, at),
                    args.size() > 2 ? num(args.get(2)) : -1);
            case "split": return split(s, args.isEmpty() ? null : (String) args.get(0),
                    args.size() > 1 ? num(args.get(1)) : -1);
            case "splitlines": {
                List<Object> out = new ArrayList<>();
                for (Object piece : split(s, "\n", -1)) {
                    String line = (String) piece;
                    out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
                if (!out.isEmpty() && ((String) out.get(out.size() - 1)).isEmpty()) {
                    out.remove(out.size() - 1);
                }
                return out;
            }
            case "find": return (long) s.indexOf((String) arg(args, 0, at));
            case "count": {
                String sub = (String) arg(args, 0, at);
                long c = 0;
                for (int i = sub.isEmpty() ? -1 : s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
                    c++;
                }
                return c;
            }
            case "join": {
                StringBuilder b = new StringBuilder();
                List<Object> items = Evaluator.iterate(arg(args, 0, at), at);
                for (int i = 0; i < items.size(); i++) {
                    b.append(i > 0 ? s : "").append(Values.str(items.get(i)));
                }
                return b.toString();
            }
            case "format": return format(s, args);
            case "isdigit":
            case "isspace": {
                boolean all = !s.isEmpty();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    all &= name.equals("isdigit") ? Character.isDigit(c) : TemplateLexer.isSpace(c);
                }
                return all;
            }
            default: throw Evaluator.error(at, "'str' object has no method '" + name + "'");
        }
    }

    private static Object arg(List<Object> args, int i, Node at) {
        if (i >= args.size()) {
            throw Evaluator.error(at, "missing argument " + (i + 1));
        }
        return args.get(i);
    }

    static long num(Object v) {
        return ((Number) v).longValue();
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int a = 0;
        int b = s.length();
        while (left && a < b && (chars == null ? TemplateLexer.isSpace(s.charAt(a)) : chars.indexOf(s.charAt(a)) >= 0)) {
            a++;
        }
        while (right && b > a && (chars == null ? TemplateLexer.isSpace(s.charAt(b - 1)) : chars.indexOf(s.charAt(b - 1)) >= 0)) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean affix(String s, Object p, boolean prefix) {
        if (p instanceof List) {
            for (Object o : (List<?>) p) {
                if (affix(s, o, prefix)) {
                    return true;
                }
            }
            return false;
        }
        return prefix ? s.startsWith((String) p) : s.endsWith((String) p);
    }

    static String replace(String s, String from, String to, long count) {
        if (from.isEmpty()) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        long done = 0;
        while (count < 0 || done < count) {
            int j = s.indexOf(from, i);
            if (j < 0) {
                break;
            }
            b.append(s, i, j).append(to);
            i = j + from.length();
            done++;
        }
        return b.append(s.substring(i)).toString();
    }

    /** Python's {@code str.split}: on whitespace runs when {@code sep} is null, else on each {@code sep}. */
    static List<Object> split(String s, String sep, long maxSplit) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            while (true) {
                while (i < s.length() && TemplateLexer.isSpace(s.charAt(i))) {
                    i++;
                }
                if (i >= s.length()) {
                    break;
                }
                if (maxSplit >= 0 && out.size() == maxSplit) {
                    out.add(strip(s.substring(i), null, false, true));
                    break;
                }
                int j = i;
                while (j < s.length() && !TemplateLexer.isSpace(s.charAt(j))) {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
            return out;
        }
        int i = 0;
        while (maxSplit < 0 || out.size() < maxSplit) {
            int j = s.indexOf(sep, i);
            if (j < 0) {
                break;
            }
            out.add(s.substring(i, j));
            i = j + sep.length();
        }
        out.add(s.substring(i));
        return out;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }

    static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean prevLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return b.toString();
    }

    private static String format(String s, List<Object> args) {
        StringBuilder b = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                b.append('{');
                i++;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                b.append('}');
                i++;
            } else if (c == '{') {
                int j = s.indexOf('}', i);
                String field = s.substring(i + 1, j);
                int idx = field.isEmpty() ? auto++ : Integer.parseInt(field);
                b.append(Values.str(args.get(idx)));
                i = j;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
