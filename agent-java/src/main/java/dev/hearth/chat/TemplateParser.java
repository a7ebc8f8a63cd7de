package dev.hearth.chat;

import dev.hearth.chat.TemplateLexer.Kind;
import dev.hearth.chat.TemplateLexer.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for the Jinja2 subset chat templates use. Expression precedence follows
 * Jinja2: ternary, or, and, not, comparisons ({@code == != < > <= >= in, not in}), {@code + -},
 * {@code ~}, {@code * / // %}, {@code **}, unary minus, then primary with postfix
 * ({@code .attr [i] [a:b:c] (args)}) and filters / tests ({@code | f}, {@code is t}).
 */
final class TemplateParser {
    private final List<Token> toks;
    private int p;

    private TemplateParser(List<Token> toks) {
        this.toks = toks;
    }

    static Node parse(String source) {
        // Jinja2's default keep_trailing_newline=False, which transformers keeps: one final newline is dropped
        if (source.endsWith("\r\n")) {
            source = source.substring(0, source.length() - 2);
        } else if (source.endsWith("\n")) {
            source = source.substring(0, source.length() - 1);
        }
        TemplateParser parser = new TemplateParser(TemplateLexer.tokenize(source));
        Node body = parser.body();
        Token t = parser.peek();
        if (t.kind != Kind.EOF) {
            throw parser.error(t, "unexpected '{% " + parser.peekAt(1).text + " %}' with no block to close");
        }
        return body;
    }

    // ---------------------------------------------------------------- statements

    /** Parses statements until EOF or a block tag whose keyword is one of {@code stops}. */
    private Node body(String... stops) {
        List<Node> list = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind == Kind.EOF) {
                if (stops.length > 0) {
                    throw error(t, "missing '{% " + stops[stops.length - 1] + " %}'");
                }
                break;
            }
            if (t.kind == Kind.TEXT) {
                p++;
                list.add(at(new Node.Text(t.text), t));
            } else if (t.kind == Kind.VAR_BEGIN) {
                p++;
                Node e = expression();
                expect(Kind.VAR_END, "}}");
                list.add(at(new Node.Output(e), t));
            } else {
                Token kw = peekAt(1);
                boolean stop = false;
                for (String s : stops) {
                    stop |= kw.kind == Kind.NAME && kw.text.equals(s);
                }
                if (stop) {
                    break;
                }
                p += 2;
                list.add(statement(kw));
            }
        }
        return new Node.Block(list);
    }

    private Node statement(Token kw) {
        if (kw.kind != Kind.NAME) {
            throw error(kw, "expected a statement keyword after '{%'");
        }
        switch (kw.text) {
            case "if": return ifStatement(kw);
            case "for": return forStatement(kw);
            case "set": return setStatement(kw);
            case "macro": return macroStatement(kw);
            case "call": return callStatement(kw);
            case "filter": {
                Node.FilterBlock f = at(new Node.FilterBlock(), kw);
                f.filter = filterTail(new Node.Const(null));
                endTag();
                f.body = body("endfilter");
                closeBlock("endfilter");
                return f;
            }
            case "generation": {
                // transformers' {% generation %} marks assistant tokens for training masks: render its body as is
                endTag();
                Node b = body("endgeneration");
                closeBlock("endgeneration");
                return b;
            }
            case "break": endTag(); return at(new Node.Break(), kw);
            case "continue": endTag(); return at(new Node.Continue(), kw);
            default: throw error(kw, "unknown statement '{% " + kw.text + " %}'");
        }
    }

    private Node ifStatement(Token kw) {
        Node.If n = at(new Node.If(), kw);
        n.cond = expression();
        endTag();
        n.then = body("elif", "else", "endif");
        Token k = peekAt(1);
        p += 2;
        if (k.text.equals("elif")) {
            n.orElse = ifStatement(k);
            return n;
        }
        if (k.text.equals("else")) {
            endTag();
            n.orElse = body("endif");
            p += 2;
        }
        endTag();
        return n;
    }

    private Node forStatement(Token kw) {
        Node.For n = at(new Node.For(), kw);
        n.targets = new ArrayList<>();
        boolean paren = accept(Kind.OP, "(");
        do {
            n.targets.add(name());
        } while (accept(Kind.OP, ","));
        if (paren) {
            expect(Kind.OP, ")");
        }
        expectName("in");
        n.iter = ternaryFree();
        if (acceptName("if")) {
            n.filter = ternaryFree();
        }
        acceptName("recursive");
        endTag();
        n.body = body("else", "endfor");
        Token k = peekAt(1);
        p += 2;
        if (k.text.equals("else")) {
            endTag();
            n.orElse = body("endfor");
            p += 2;
        }
        endTag();
        return n;
    }

    private Node setStatement(Token kw) {
        Node.Set n = at(new Node.Set(), kw);
        n.targets = new ArrayList<>();
        n.targets.add(name());
        if (accept(Kind.OP, ".")) {
            n.attr = name();
        }
        while (accept(Kind.OP, ",")) {
            n.targets.add(name());
        }
        if (accept(Kind.OP, "=")) {
            tupleAllowed = true;
            n.value = expression();
            tupleAllowed = false;
            endTag();
            return n;
        }
        endTag();
        n.body = body("endset");
        closeBlock("endset");
        return n;
    }

    private Node macroStatement(Token kw) {
        Node.Macro m = at(new Node.Macro(), kw);
        m.name = name();
        m.params = new ArrayList<>();
        m.defaults = new ArrayList<>();
        expect(Kind.OP, "(");
        if (!accept(Kind.OP, ")")) {
            do {
                m.params.add(name());
                m.defaults.add(accept(Kind.OP, "=") ? expression() : null);
            } while (accept(Kind.OP, ","));
            expect(Kind.OP, ")");
        }
        endTag();
        m.body = body("endmacro");
        closeBlock("endmacro");
        return m;
    }

    private Node callStatement(Token kw) {
        Node.CallBlock c = at(new Node.CallBlock(), kw);
        c.params = new ArrayList<>();
        if (accept(Kind.OP, "(")) {
            if (!accept(Kind.OP, ")")) {
                do {
                    c.params.add(name());
                } while (accept(Kind.OP, ","));
                expect(Kind.OP, ")");
            }
        }
        Node e = primaryWithPostfix();
        if (!(e instanceof Node.Call)) {
            throw error(peek(), "'{% call %}' needs a macro call such as 'm(x)'");
        }
        c.call = (Node.Call) e;
        endTag();
        c.body = body("endcall");
        closeBlock("endcall");
        return c;
    }

    private void closeBlock(String keyword) {
        p++;
        expectName(keyword);
        endTag();
    }

    private void endTag() {
        expect(Kind.BLOCK_END, "%}");
    }

    // ---------------------------------------------------------------- expressions

    /**
     * A full expression. Inside parentheses and on the right of {@code set}, a comma list is a tuple
     * ({@code (1, 'a')}, {@code set a, b = 1, 2}); elsewhere a comma ends the expression.
     */
    private Node expression() {
        Node first = ternary();
        if (!tupleAllowed || !peek().is(Kind.OP, ",")) {
            return first;
        }
        Node.ListLit t = at(new Node.ListLit(), peek());
        t.tuple = true;
        t.items = new ArrayList<>();
        t.items.add(first);
        while (accept(Kind.OP, ",")) {
            if (peek().kind == Kind.BLOCK_END || peek().kind == Kind.VAR_END || peek().is(Kind.OP, ")")) {
                break;
            }
            t.items.add(ternary());
        }
        return t;
    }

    private boolean tupleAllowed;

    private Node ternary() {
        Node e = or();
        while (peek().is(Kind.NAME, "if")) {
            Token t = next();
            Node.Cond c = at(new Node.Cond(), t);
            c.then = e;
            c.cond = or();
            if (acceptName("else")) {
                c.orElse = ternary();
            }
            e = c;
        }
        return e;
    }

    /** For-loop iterables and filters: {@code if} there starts the loop filter, not a ternary. */
    private Node ternaryFree() {
        return or();
    }

    private Node or() {
        Node e = and();
        while (peek().is(Kind.NAME, "or")) {
            e = binary(next(), "or", e, and());
        }
        return e;
    }

    private Node and() {
        Node e = not();
        while (peek().is(Kind.NAME, "and")) {
            e = binary(next(), "and", e, not());
        }
        return e;
    }

    private Node not() {
        if (peek().is(Kind.NAME, "not")) {
            Token t = next();
            Node.Unary u = at(new Node.Unary(), t);
            u.op = "not";
            u.arg = not();
            return u;
        }
        return compare();
    }

    private Node compare() {
        Node e = math1();
        while (true) {
            Token t = peek();
            String op = null;
            if (t.kind == Kind.OP && (t.text.equals("==") || t.text.equals("!=") || t.text.equals("<")
                    || t.text.equals(">") || t.text.equals("<=") || t.text.equals(">="))) {
                op = t.text;
                p++;
            } else if (t.is(Kind.NAME, "in")) {
                op = "in";
                p++;
            } else if (t.is(Kind.NAME, "not") && peekAt(1).is(Kind.NAME, "in")) {
                op = "not in";
                p += 2;
            } else {
                return e;
            }
            e = binary(t, op, e, math1());
        }
    }

    private Node math1() {
        Node e = concat();
        while (peek().is(Kind.OP, "+") || peek().is(Kind.OP, "-")) {
            Token t = next();
            e = binary(t, t.text, e, concat());
        }
        return e;
    }

    private Node concat() {
        Node e = math2();
        while (peek().is(Kind.OP, "~")) {
            e = binary(next(), "~", e, math2());
        }
        return e;
    }

    private Node math2() {
        Node e = pow();
        while (peek().is(Kind.OP, "*") || peek().is(Kind.OP, "/") || peek().is(Kind.OP, "//")
                || peek().is(Kind.OP, "%")) {
            Token t = next();
            e = binary(t, t.text, e, pow());
        }
        return e;
    }

    private Node pow() {
        Node e = unary();
        while (peek().is(Kind.OP, "**")) {
            e = binary(next(), "**", e, unary());
        }
        return e;
    }

    private Node unary() {
        return unary(true);
    }

    /** As in Jinja2, {@code -3 | abs} is {@code (-3) | abs}: filters and tests apply after the sign. */
    private Node unary(boolean withFilters) {
        Node e;
        if (peek().is(Kind.OP, "-") || peek().is(Kind.OP, "+")) {
            Token t = next();
            Node.Unary u = at(new Node.Unary(), t);
            u.op = t.text;
            u.arg = unary(false);
            e = u;
        } else {
            e = primaryWithPostfix();
        }
        while (withFilters) {
            if (peek().is(Kind.OP, "|")) {
                p++;
                e = filterTail(e);
            } else if (peek().is(Kind.NAME, "is")) {
                Token t = next();
                Node.Test test = at(new Node.Test(), t);
                test.arg = e;
                test.negated = acceptName("not");
                Token nameTok = next();
                if (nameTok.kind != Kind.NAME) {
                    throw error(nameTok, "expected a test name after 'is'");
                }
                test.name = nameTok.text;
                test.args = new ArrayList<>();
                if (accept(Kind.OP, "(")) {
                    if (!accept(Kind.OP, ")")) {
                        do {
                            test.args.add(ternary());
                        } while (accept(Kind.OP, ","));
                        expect(Kind.OP, ")");
                    }
                } else if (startsPrimary(peek())) {
                    // `x is divisibleby 3`, `x is sameas none`: one argument without parentheses
                    test.args.add(primaryWithPostfix());
                }
                e = test;
            } else {
                return e;
            }
        }
        return e;
    }

    private boolean startsPrimary(Token t) {
        if (t.kind == Kind.STRING || t.kind == Kind.INT || t.kind == Kind.FLOAT || t.is(Kind.OP, "[")
                || t.is(Kind.OP, "{")) {
            return true;
        }
        if (t.kind == Kind.NAME) {
            String s = t.text;
            return !(s.equals("and") || s.equals("or") || s.equals("else") || s.equals("if") || s.equals("in")
                    || s.equals("is") || s.equals("not"));
        }
        return false;
    }

    private Node.Filter filterTail(Node arg) {
        Token nameTok = next();
        if (nameTok.kind != Kind.NAME) {
            throw error(nameTok, "expected a filter name after '|'");
        }
        Node.Filter f = at(new Node.Filter(), nameTok);
        f.arg = arg;
        f.name = nameTok.text;
        f.args = new ArrayList<>();
        f.kwNames = new ArrayList<>();
        f.kwValues = new ArrayList<>();
        if (accept(Kind.OP, "(")) {
            arguments(f.args, f.kwNames, f.kwValues);
        }
        return f;
    }

    /** Reads call arguments after '(' up to and including ')'. */
    private void arguments(List<Node> args, List<String> kwNames, List<Node> kwValues) {
        if (accept(Kind.OP, ")")) {
            return;
        }
        do {
            if (peek().is(Kind.OP, ")")) {
                break; // trailing comma
            }
            if (peek().kind == Kind.NAME && peekAt(1).is(Kind.OP, "=")) {
                kwNames.add(next().text);
                p++;
                kwValues.add(ternary());
            } else {
                args.add(ternary());
            }
        } while (accept(Kind.OP, ","));
        expect(Kind.OP, ")");
    }

    private Node primaryWithPostfix() {
        Node e = primary();
        while (true) {
            Token t = peek();
            if (t.is(Kind.OP, ".")) {
                p++;
                Token n = next();
                if (n.kind == Kind.INT) {
                    Node.Item it = at(new Node.Item(), n);
                    it.obj = e;
                    it.index = new Node.Const(n.value);
                    e = it;
                    continue;
                }
                if (n.kind != Kind.NAME) {
                    throw error(n, "expected an attribute name after '.'");
                }
                Node.Attr a = at(new Node.Attr(), n);
                a.obj = e;
                a.name = n.text;
                e = a;
            } else if (t.is(Kind.OP, "[")) {
                p++;
                e = subscript(e, t);
            } else if (t.is(Kind.OP, "(")) {
                p++;
                Node.Call c = at(new Node.Call(), t);
                c.fn = e;
                c.args = new ArrayList<>();
                c.kwNames = new ArrayList<>();
                c.kwValues = new ArrayList<>();
                arguments(c.args, c.kwNames, c.kwValues);
                e = c;
            } else {
                return e;
            }
        }
    }

    private Node subscript(Node obj, Token t) {
        Node start = null;
        if (!peek().is(Kind.OP, ":")) {
            start = ternary();
            if (accept(Kind.OP, "]")) {
                Node.Item it = at(new Node.Item(), t);
                it.obj = obj;
                it.index = start;
                return it;
            }
        }
        Node.Slice s = at(new Node.Slice(), t);
        s.obj = obj;
        s.start = start;
        expect(Kind.OP, ":");
        if (!peek().is(Kind.OP, ":") && !peek().is(Kind.OP, "]")) {
            s.stop = ternary();
        }
        if (accept(Kind.OP, ":") && !peek().is(Kind.OP, "]")) {
            s.step = ternary();
        }
        expect(Kind.OP, "]");
        return s;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind) {
            case STRING: {
                StringBuilder b = new StringBuilder((String) t.value);
                while (peek().kind == Kind.STRING) {
                    b.append((String) next().value);
                }
                return at(new Node.Const(b.toString()), t);
            }
            case INT:
            case FLOAT:
                return at(new Node.Const(t.value), t);
            case NAME:
                switch (t.text) {
                    case "true": case "True": return at(new Node.Const(Boolean.TRUE), t);
                    case "false": case "False": return at(new Node.Const(Boolean.FALSE), t);
                    case "none": case "None": return at(new Node.Const(null), t);
                    default: return at(new Node.Name(t.text), t);
                }
            case OP:
                if (t.text.equals("(")) {
                    boolean saved = tupleAllowed;
                    tupleAllowed = true;
                    if (accept(Kind.OP, ")")) {
                        tupleAllowed = saved;
                        Node.ListLit empty = at(new Node.ListLit(), t);
                        empty.items = new ArrayList<>();
                        empty.tuple = true;
                        return empty;
                    }
                    Node e = expression();
                    tupleAllowed = saved;
                    expect(Kind.OP, ")");
                    return e;
                }
                if (t.text.equals("[")) {
                    Node.ListLit l = at(new Node.ListLit(), t);
                    l.items = new ArrayList<>();
                    if (!accept(Kind.OP, "]")) {
                        do {
                            if (peek().is(Kind.OP, "]")) {
                                break;
                            }
                            l.items.add(ternary());
                        } while (accept(Kind.OP, ","));
                        expect(Kind.OP, "]");
                    }
                    return l;
                }
                if (t.text.equals("{")) {
                    Node.DictLit d = at(new Node.DictLit(), t);
                    d.keys = new ArrayList<>();
                    d.values = new ArrayList<>();
                    if (!accept(Kind.OP, "}")) {
                        do {
                            if (peek().is(Kind.OP, "}")) {
                                break;
                            }
                            d.keys.add(ternary());
                            expect(Kind.OP, ":");
                            d.values.add(ternary());
                        } while (accept(Kind.OP, ","));
                        expect(Kind.OP, "}");
                    }
                    return d;
                }
                break;
            default:
                break;
        }
        throw error(t, "unexpected " + t + " in an expression");
    }

    // ---------------------------------------------------------------- token helpers

    private Node binary(Token t, String op, Node left, Node right) {
        Node.Binary b = at(new Node.Binary(), t);
        b.op = op;
        b.left = left;
        b.right = right;
        return b;
    }

    private static <T extends Node> T at(T n, Token t) {
        n.line = t.line;
        return n;
    }

    private Token peek() {
        return toks.get(p);
    }

    private Token peekAt(int k) {
        return toks.get(Math.min(p + k, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.kind != Kind.EOF) {
            p++;
        }
        return t;
    }

    private boolean accept(Kind k, String text) {
        if (peek().is(k, text)) {
            p++;
            return true;
        }
        return false;
    }

    private boolean acceptName(String name) {
        return accept(Kind.NAME, name);
    }

    private void expect(Kind k, String text) {
        Token t = peek();
        if (!t.is(k, text)) {
            throw error(t, "expected '" + text + "' but found " + t);
        }
        p++;
    }

    private void expectName(String name) {
        expect(Kind.NAME, name);
    }

    private String name() {
        Token t = next();
        if (t.kind != Kind.NAME) {
            throw error(t, "expected a name but found " + t);
        }
        return t.text;
    }

    private ChatTemplateException error(Token t, String msg) {
        return new ChatTemplateException("template syntax error at line " + t.line + ": " + msg);
    }
}
