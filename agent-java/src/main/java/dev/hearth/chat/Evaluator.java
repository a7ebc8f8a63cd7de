package dev.hearth.chat;

import dev.hearth.chat.Values.Namespace;
import dev.hearth.chat.Values.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks the syntax tree: statements append to the output, expressions return values (see {@link Values}). */
final class Evaluator {
    /** Variables of one block: the template, a loop iteration, a macro call. Lookups walk outwards. */
    static final class Scope {
        final Map<String, Object> vars = new HashMap<>();
        final Scope parent;

        Scope(Scope parent) {
            this.parent = parent;
        }

        Object get(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.vars.containsKey(name)) {
                    return s.vars.get(name);
                }
            }
            return new Undefined(name);
        }
    }

    private static final class LoopSignal extends RuntimeException {
        final boolean isBreak;

        LoopSignal(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    private static final LoopSignal BREAK = new LoopSignal(true);
    private static final LoopSignal CONTINUE = new LoopSignal(false);

    // ---------------------------------------------------------------- statements

    void render(Node n, Scope scope, StringBuilder out) {
        if (n instanceof Node.Text) {
            out.append(((Node.Text) n).text);
        } else if (n instanceof Node.Output) {
            out.append(Values.str(eval(((Node.Output) n).expr, scope)));
        } else if (n instanceof Node.Block) {
            for (Node c : ((Node.Block) n).body) {
                render(c, scope, out);
            }
        } else if (n instanceof Node.If) {
            Node.If f = (Node.If) n;
            if (Values.truthy(eval(f.cond, scope))) {
                render(f.then, scope, out);
            } else if (f.orElse != null) {
                render(f.orElse, scope, out);
            }
        } else if (n instanceof Node.For) {
            renderFor((Node.For) n, scope, out);
        } else if (n instanceof Node.Set) {
            Node.Set s = (Node.Set) n;
            Object v;
            if (s.body != null) {
                StringBuilder b = new StringBuilder();
                render(s.body, scope, b);
                v = b.toString();
            } else {
                v = eval(s.value, scope);
            }
            if (s.attr != null) {
                Object target = scope.get(s.targets.get(0));
                if (!(target instanceof Namespace)) {
                    throw error(n, "cannot assign attribute '" + s.attr + "' of '" + s.targets.get(0)
                            + "': only a namespace() object accepts 'set x.attr = ...'");
                }
                ((Namespace) target).put(s.attr, v);
            } else {
                assign(s.targets, v, scope, n);
            }
        } else if (n instanceof Node.Macro) {
            Node.Macro m = (Node.Macro) n;
            scope.vars.put(m.name, macro(m, scope));
        } else if (n instanceof Node.CallBlock) {
            Node.CallBlock c = (Node.CallBlock) n;
            TemplateFunction caller = (args, kw) -> {
                Scope inner = new Scope(scope);
                for (int i = 0; i < c.params.size(); i++) {
                    inner.vars.put(c.params.get(i), i < args.size() ? args.get(i) : new Undefined(c.params.get(i)));
                }
                StringBuilder b = new StringBuilder();
                render(c.body, inner, b);
                return b.toString();
            };
            Object fn = eval(c.call.fn, scope);
            if (!(fn instanceof TemplateFunction)) {
                throw error(n, "'{% call %}' needs a macro, got " + Values.typeName(fn));
            }
            List<Object> args = new ArrayList<>();
            for (Node a : c.call.args) {
                args.add(eval(a, scope));
            }
            Map<String, Object> kw = new LinkedHashMap<>();
            for (int i = 0; i < c.call.kwNames.size(); i++) {
                kw.put(c.call.kwNames.get(i), eval(c.call.kwValues.get(i), scope));
            }
            kw.put("caller", caller);
            out.append(Values.str(((TemplateFunction) fn).call(args, kw)));
        } else if (n instanceof Node.FilterBlock) {
            Node.FilterBlock f = (Node.FilterBlock) n;
            StringBuilder b = new StringBuilder();
            render(f.body, scope, b);
            out.append(Values.str(filter(f.filter, b.toString(), scope)));
        } else if (n instanceof Node.Break) {
            throw BREAK;
        } else if (n instanceof Node.Continue) {
            throw CONTINUE;
        } else {
            throw error(n, "cannot render " + n.getClass().getSimpleName());
        }
    }

    private void assign(List<String> targets, Object v, Scope scope, Node at) {
        if (targets.size() == 1) {
            scope.vars.put(targets.get(0), v);
            return;
        }
        List<Object> items = iterate(v, at);
        if (items.size() != targets.size()) {
            throw error(at, "cannot unpack " + items.size() + " values into " + targets.size() + " names");
        }
        for (int i = 0; i < targets.size(); i++) {
            scope.vars.put(targets.get(i), items.get(i));
        }
    }

    private void renderFor(Node.For f, Scope scope, StringBuilder out) {
        List<Object> items = iterate(eval(f.iter, scope), f);
        if (f.filter != null) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Scope s = new Scope(scope);
                assign(f.targets, item, s, f);
                if (Values.truthy(eval(f.filter, s))) {
                    kept.add(item);
                }
            }
            items = kept;
        }
        int n = items.size();
        for (int i = 0; i < n; i++) {
            Map<String, Object> loop = new LinkedHashMap<>();
            loop.put("index", (long) i + 1);
            loop.put("index0", (long) i);
            loop.put("revindex", (long) (n - i));
            loop.put("revindex0", (long) (n - i - 1));
            loop.put("first", i == 0);
            loop.put("last", i == n - 1);
            loop.put("length", (long) n);
            loop.put("depth", 1L);
            loop.put("depth0", 0L);
            loop.put("previtem", i > 0 ? items.get(i - 1) : new Undefined("loop.previtem"));
            loop.put("nextitem", i < n - 1 ? items.get(i + 1) : new Undefined("loop.nextitem"));
            final int index = i;
            loop.put("cycle", (TemplateFunction) (args, kw) -> args.isEmpty() ? null : args.get(index % args.size()));
            Scope s = new Scope(scope);
            s.vars.put("loop", loop);
            assign(f.targets, items.get(i), s, f);
            try {
                render(f.body, s, out);
            } catch (LoopSignal signal) {
                if (signal.isBreak) {
                    break;
                }
            }
        }
        if (n == 0 && f.orElse != null) {
            render(f.orElse, scope, out);
        }
    }

    private TemplateFunction macro(Node.Macro m, Scope defined) {
        return (args, kw) -> {
            Scope s = new Scope(defined);
            List<Object> varargs = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (i < m.params.size()) {
                    s.vars.put(m.params.get(i), args.get(i));
                } else {
                    varargs.add(args.get(i));
                }
            }
            Map<String, Object> extraKw = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : kw.entrySet()) {
                if (m.params.contains(e.getKey()) || e.getKey().equals("caller")) {
                    s.vars.put(e.getKey(), e.getValue());
                } else {
                    extraKw.put(e.getKey(), e.getValue());
                }
            }
            for (int i = 0; i < m.params.size(); i++) {
                String p = m.params.get(i);
                if (!s.vars.containsKey(p)) {
                    s.vars.put(p, m.defaults.get(i) != null ? eval(m.defaults.get(i), s) : new Undefined(p));
                }
            }
            s.vars.put("varargs", varargs);
            s.vars.put("kwargs", extraKw);
            StringBuilder b = new StringBuilder();
            render(m.body, s, b);
            return b.toString();
        };
    }

    // ---------------------------------------------------------------- expressions

    Object eval(Node n, Scope scope) {
        if (n instanceof Node.Const) {
            return ((Node.Const) n).value;
        }
        if (n instanceof Node.Name) {
            return scope.get(((Node.Name) n).name);
        }
        if (n instanceof Node.Attr) {
            Node.Attr a = (Node.Attr) n;
            return attribute(eval(a.obj, scope), a.name, a);
        }
        if (n instanceof Node.Item) {
            Node.Item it = (Node.Item) n;
            return item(eval(it.obj, scope), eval(it.index, scope), it);
        }
        if (n instanceof Node.Slice) {
            Node.Slice s = (Node.Slice) n;
            return slice(eval(s.obj, scope), s.start == null ? null : eval(s.start, scope),
                    s.stop == null ? null : eval(s.stop, scope), s.step == null ? null : eval(s.step, scope), s);
        }
        if (n instanceof Node.Call) {
            return call((Node.Call) n, scope);
        }
        if (n instanceof Node.Filter) {
            Node.Filter f = (Node.Filter) n;
            return filter(f, eval(f.arg, scope), scope);
        }
        if (n instanceof Node.Test) {
            Node.Test t = (Node.Test) n;
            List<Object> args = new ArrayList<>();
            for (Node a : t.args) {
                args.add(eval(a, scope));
            }
            boolean r = Tests.apply(t.name, eval(t.arg, scope), args, t);
            return t.negated != r;
        }
        if (n instanceof Node.Unary) {
            Node.Unary u = (Node.Unary) n;
            Object v = eval(u.arg, scope);
            if (u.op.equals("not")) {
                return !Values.truthy(v);
            }
            if (u.op.equals("-")) {
                if (Values.isInt(v)) {
                    return -((Number) v).longValue();
                }
                if (v instanceof Number) {
                    return -((Number) v).doubleValue();
                }
                throw error(n, "bad operand type for unary -: " + Values.typeName(v));
            }
            return v;
        }
        if (n instanceof Node.Binary) {
            return binary((Node.Binary) n, scope);
        }
        if (n instanceof Node.Cond) {
            Node.Cond c = (Node.Cond) n;
            if (Values.truthy(eval(c.cond, scope))) {
                return eval(c.then, scope);
            }
            return c.orElse == null ? new Undefined("else branch") : eval(c.orElse, scope);
        }
        if (n instanceof Node.ListLit) {
            Node.ListLit l = (Node.ListLit) n;
            List<Object> items = new ArrayList<>();
            for (Node i : l.items) {
                items.add(eval(i, scope));
            }
            return l.tuple ? new Tuple(items) : items;
        }
        if (n instanceof Node.DictLit) {
            Node.DictLit d = (Node.DictLit) n;
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < d.keys.size(); i++) {
                m.put(Values.str(eval(d.keys.get(i), scope)), eval(d.values.get(i), scope));
            }
            return m;
        }
        throw error(n, "cannot evaluate " + n.getClass().getSimpleName());
    }

    private Object attribute(Object obj, String name, Node at) {
        if (obj instanceof Undefined) {
            throw error(at, "'" + ((Undefined) obj).name + "' is undefined (while reading attribute '" + name + "')");
        }
        if (obj instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) obj;
            if (m.containsKey(name)) {
                return m.get(name);
            }
        }
        return new Undefined(describe(obj) + "." + name);
    }

    private Object item(Object obj, Object key, Node at) {
        if (obj instanceof Undefined) {
            throw error(at, "'" + ((Undefined) obj).name + "' is undefined (while reading an item)");
        }
        if (obj instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) obj;
            Object k = key instanceof String ? key : Values.str(key);
            return m.containsKey(k) ? m.get(k) : new Undefined(describe(obj) + "[" + Values.str(key) + "]");
        }
        if ((obj instanceof List || obj instanceof String) && Values.isInt(key)) {
            int size = obj instanceof List ? ((List<?>) obj).size() : ((String) obj).length();
            long i = ((Number) key).longValue();
            if (i < 0) {
                i += size;
            }
            if (i < 0 || i >= size) {
                return new Undefined(describe(obj) + "[" + key + "]");
            }
            return obj instanceof List ? ((List<?>) obj).get((int) i) : String.valueOf(((String) obj).charAt((int) i));
        }
        if (key instanceof String) {
            return attribute(obj, (String) key, at);
        }
        return new Undefined(describe(obj) + "[" + Values.str(key) + "]");
    }

    private static String describe(Object obj) {
        return obj instanceof Map ? "dict object" : Values.typeName(obj) + " object";
    }

    private Object slice(Object obj, Object start, Object stop, Object step, Node at) {
        boolean isString = obj instanceof String;
        List<Object> src = isString ? null : iterate(obj, at);
        int size = isString ? ((String) obj).length() : src.size();
        long st = step == null ? 1 : ((Number) step).longValue();
        if (st == 0) {
            throw error(at, "slice step cannot be zero");
        }
        long lo;
        long hi;
        if (st > 0) {
            lo = clampIndex(start, 0, size, false);
            hi = clampIndex(stop, size, size, false);
        } else {
            lo = clampIndex(start, size - 1, size, true);
            hi = stop == null ? -1 : clampIndex(stop, -1, size, true);
        }
        StringBuilder sb = new StringBuilder();
        List<Object> out = new ArrayList<>();
        for (long i = lo; st > 0 ? i < hi : i > hi; i += st) {
            if (isString) {
                sb.append(((String) obj).charAt((int) i));
            } else {
                out.add(src.get((int) i));
            }
        }
        if (isString) {
            return sb.toString();
        }
        return obj instanceof Tuple ? new Tuple(out) : out;
    }

    /** Python's slice index normalisation: negatives count from the end, then clamp. */
    private static long clampIndex(Object v, long dflt, int size, boolean negativeStep) {
        if (v == null) {
            return dflt;
        }
        long i = ((Number) v).longValue();
        if (i < 0) {
            i += size;
        }
        if (negativeStep) {
            return Math.max(-1, Math.min(i, size - 1));
        }
        return Math.max(0, Math.min(i, size));
    }

    private Object call(Node.Call c, Scope scope) {
        List<Object> args = new ArrayList<>();
        for (Node a : c.args) {
            args.add(eval(a, scope));
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < c.kwNames.size(); i++) {
            kw.put(c.kwNames.get(i), eval(c.kwValues.get(i), scope));
        }
        if (c.fn instanceof Node.Attr) {
            Node.Attr a = (Node.Attr) c.fn;
            Object obj = eval(a.obj, scope);
            Object member = obj instanceof Map && ((Map<?, ?>) obj).containsKey(a.name) ? ((Map<?, ?>) obj).get(a.name) : null;
            if (member instanceof TemplateFunction) {
                return ((TemplateFunction) member).call(args, kw);
            }
            if (obj instanceof Undefined) {
                throw error(c, "'" + ((Undefined) obj).name + "' is undefined (while calling '" + a.name + "')");
            }
            return Methods.call(obj, a.name, args, kw, c);
        }
        Object fn = eval(c.fn, scope);
        if (fn instanceof TemplateFunction) {
            return ((TemplateFunction) fn).call(args, kw);
        }
        if (fn instanceof Undefined) {
            throw error(c, "'" + ((Undefined) fn).name + "' is undefined and cannot be called");
        }
        throw error(c, "a " + Values.typeName(fn) + " cannot be called");
    }

    private Object binary(Node.Binary b, Scope scope) {
        Object l = eval(b.left, scope);
        switch (b.op) {
            case "and": return Values.truthy(l) ? eval(b.right, scope) : l;
            case "or": return Values.truthy(l) ? l : eval(b.right, scope);
            default: break;
        }
        Object r = eval(b.right, scope);
        switch (b.op) {
            case "==": return Values.equal(l, r);
            case "!=": return !Values.equal(l, r);
            case "<": return Values.compare(l, r) < 0;
            case ">": return Values.compare(l, r) > 0;
            case "<=": return Values.compare(l, r) <= 0;
            case ">=": return Values.compare(l, r) >= 0;
            case "in": return contains(r, l, b);
            case "not in": return !contains(r, l, b);
            case "~": return Values.str(l) + Values.str(r);
            default: return arithmetic(b.op, l, r, b);
        }
    }

    static boolean contains(Object container, Object x, Node at) {
        if (container instanceof String) {
            if (!(x instanceof String)) {
                throw error(at, "'in <string>' requires a string on the left, not " + Values.typeName(x));
            }
            return ((String) container).contains((String) x);
        }
        if (container instanceof Map) {
            return ((Map<?, ?>) container).containsKey(x);
        }
        if (container instanceof List) {
            for (Object o : (List<?>) container) {
                if (Values.equal(o, x)) {
                    return true;
                }
            }
            return false;
        }
        if (container instanceof Undefined) {
            return false;
        }
        throw error(at, "argument of type '" + Values.typeName(container) + "' is not iterable");
    }

    private Object arithmetic(String op, Object l, Object r, Node at) {
        if (op.equals("+")) {
            if (l instanceof String && r instanceof String) {
                return (String) l + r;
            }
            if (l instanceof List && r instanceof List) {
                List<Object> out = new ArrayList<>((List<?>) l);
                out.addAll((List<?>) r);
                return out;
            }
        }
        if (op.equals("*") && l instanceof String && Values.isInt(r)) {
            StringBuilder b = new StringBuilder();
            for (long i = 0; i < ((Number) r).longValue(); i++) {
                b.append((String) l);
            }
            return b.toString();
        }
        if (l instanceof Boolean) {
            l = (Boolean) l ? 1L : 0L;
        }
        if (r instanceof Boolean) {
            r = (Boolean) r ? 1L : 0L;
        }
        if (!(l instanceof Number) || !(r instanceof Number)) {
            throw error(at, "unsupported operand types for " + op + ": '" + Values.typeName(l) + "' and '"
                    + Values.typeName(r) + "'");
        }
        boolean ints = Values.isInt(l) && Values.isInt(r);
        long a = ((Number) l).longValue();
        long c = ((Number) r).longValue();
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        switch (op) {
            case "+": return ints ? (Object) (a + c) : (Object) (x + y);
            case "-": return ints ? (Object) (a - c) : (Object) (x - y);
            case "*": return ints ? (Object) (a * c) : (Object) (x * y);
            case "/":
                if (y == 0) {
                    throw error(at, "division by zero");
                }
                return x / y;
            case "//":
                if (y == 0) {
                    throw error(at, "division by zero");
                }
                return ints ? (Object) Math.floorDiv(a, c) : (Object) Math.floor(x / y);
            case "%":
                if (y == 0) {
                    throw error(at, "modulo by zero");
                }
                return ints ? (Object) Math.floorMod(a, c) : (Object) (x - y * Math.floor(x / y));
            case "**":
                if (ints && c >= 0) {
                    long p = 1;
                    for (long i = 0; i < c; i++) {
                        p *= a;
                    }
                    return p;
                }
                return Math.pow(x, y);
            default:
                throw error(at, "unknown operator " + op);
        }
    }

    /** Python iteration: a list's items, a dict's keys, a string's characters; undefined is empty. */
    static List<Object> iterate(Object v, Node at) {
        if (v instanceof List) {
            return new ArrayList<>((List<?>) v);
        }
        if (v instanceof Map) {
            return new ArrayList<>(((Map<?, ?>) v).keySet());
        }
        if (v instanceof String) {
            List<Object> out = new ArrayList<>();
            String s = (String) v;
            for (int i = 0; i < s.length(); i++) {
                out.add(String.valueOf(s.charAt(i)));
            }
            return out;
        }
        if (v instanceof Undefined) {
            return Collections.emptyList();
        }
        throw error(at, "'" + Values.typeName(v) + "' object is not iterable");
    }

    // ---------------------------------------------------------------- filters

    private Object filter(Node.Filter f, Object value, Scope scope) {
        List<Object> args = new ArrayList<>();
        for (Node a : f.args) {
            args.add(eval(a, scope));
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        for (int i = 0; i < f.kwNames.size(); i++) {
            kw.put(f.kwNames.get(i), eval(f.kwValues.get(i), scope));
        }
        return Filters.apply(this, f.name, value, args, kw, f);
    }

    static ChatTemplateException error(Node at, String msg) {
        return new ChatTemplateException((at != null && at.line > 0 ? "line " + at.line + ": " : "") + msg);
    }
}
