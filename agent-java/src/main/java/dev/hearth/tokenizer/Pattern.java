package dev.hearth.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * A small backtracking regular-expression engine over Unicode code points, for the pre-tokenizer
 * patterns that GGUF vocabularies name (llama.cpp keeps them per {@code tokenizer.ggml.pre}). It
 * supports what those patterns use: alternation, (?:...), (?i:...), (?!...), (?=...), classes with
 * ranges and negation, \s \S \d \w \p{L} \p{N} \p{P} \p{S} \p{M} (and \P), quantifiers * + ? {n,m}
 * (lazy forms too), ^ and $. Written here because TeaVM's java.util.regex is partial and the
 * categories must be llama.cpp's (its \s is a fixed set, see {@link #isSpace}).
 */
final class Pattern {
    private final Node root;

    private Pattern(Node root) {
        this.root = root;
    }

    static Pattern compile(String regex) {
        Parser p = new Parser(regex);
        Node n = p.alternation(false);
        if (p.pos != p.cps.length) {
            throw new IllegalArgumentException("unexpected ')' at " + p.pos + " in " + regex);
        }
        return new Pattern(n);
    }

    /** End of the longest-preferred (leftmost, backtracking-order) match starting at {@code start}, or -1. */
    int matchAt(int[] text, int start) {
        int[] end = {-1};
        root.match(text, start, (t, pos) -> {
            end[0] = pos;
            return true;
        });
        return end[0];
    }

    /**
     * Splits a fragment as llama.cpp does: every match is a piece, and so is the text between matches
     * (empty matches are skipped). The fragment is matched on its own: {@code $} and lookaheads see
     * its end. Returns (start, end) pairs.
     */
    List<int[]> split(int[] fragment) {
        List<int[]> out = new ArrayList<>();
        int last = 0;
        int pos = 0;
        while (pos < fragment.length) {
            int end = matchAt(fragment, pos);
            if (end > pos) {
                if (pos > last) {
                    out.add(new int[] {last, pos});
                }
                out.add(new int[] {pos, end});
                pos = end;
                last = end;
            } else {
                pos++;
            }
        }
        if (fragment.length > last) {
            out.add(new int[] {last, fragment.length});
        }
        return out;
    }

    // ---- Unicode categories, as llama.cpp's unicode tables define them ----

    /** llama.cpp's whitespace: \t \n \v \f \r, space, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000. */
    static boolean isSpace(int c) {
        return c >= 9 && c <= 13 || c == 32 || c == 0x85 || c == 0xA0 || c == 0x1680 || c >= 0x2000 && c <= 0x200A
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    static boolean isLetter(int c) {
        switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER: case Character.LOWERCASE_LETTER: case Character.TITLECASE_LETTER:
            case Character.MODIFIER_LETTER: case Character.OTHER_LETTER:
                return true;
            default:
                return false;
        }
    }

    static boolean isNumber(int c) {
        switch (Character.getType(c)) {
            case Character.DECIMAL_DIGIT_NUMBER: case Character.LETTER_NUMBER: case Character.OTHER_NUMBER:
                return true;
            default:
                return false;
        }
    }

    static boolean isPunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    static boolean isSymbol(int c) {
        switch (Character.getType(c)) {
            case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL: case Character.MODIFIER_SYMBOL:
            case Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    static boolean isMark(int c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK: case Character.ENCLOSING_MARK: case Character.COMBINING_SPACING_MARK:
                return true;
            default:
                return false;
        }
    }

    // ---- the matcher: nodes with continuations ----

    interface Cont {
        boolean next(int[] text, int pos);
    }

    interface CharTest {
        boolean test(int c);
    }

    abstract static class Node {
        abstract boolean match(int[] t, int pos, Cont k);
    }

    static final class Chars extends Node {
        final CharTest test;

        Chars(CharTest test) {
            this.test = test;
        }

        @Override
        boolean match(int[] t, int pos, Cont k) {
            return pos < t.length && test.test(t[pos]) && k.next(t, pos + 1);
        }
    }

    static final class Seq extends Node {
        final Node[] parts;

        Seq(List<Node> parts) {
            this.parts = parts.toArray(new Node[0]);
        }

        @Override
        boolean match(int[] t, int pos, Cont k) {
            return from(0, t, pos, k);
        }

        private boolean from(int i, int[] t, int pos, Cont k) {
            if (i == parts.length) {
                return k.next(t, pos);
            }
            return parts[i].match(t, pos, (t2, p2) -> from(i + 1, t2, p2, k));
        }
    }

    static final class Alt extends Node {
        final Node[] options;

        Alt(List<Node> options) {
            this.options = options.toArray(new Node[0]);
        }

        @Override
        boolean match(int[] t, int pos, Cont k) {
            for (Node o : options) {
                if (o.match(t, pos, k)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Repeat extends Node {
        final Node body;
        final int min;
        final int max;
        final boolean lazy;

        Repeat(Node body, int min, int max, boolean lazy) {
            this.body = body;
            this.min = min;
            this.max = max;
            this.lazy = lazy;
        }

        @Override
        boolean match(int[] t, int pos, Cont k) {
            return rep(0, t, pos, k);
        }

        private boolean rep(int count, int[] t, int pos, Cont k) {
            if (count < min) {
                return body.match(t, pos, (t2, p2) -> p2 > pos && rep(count + 1, t2, p2, k));
            }
            if (lazy) {
                return k.next(t, pos) || count < max && body.match(t, pos, (t2, p2) -> p2 > pos && rep(count + 1, t2, p2, k));
            }
            if (count < max && body.match(t, pos, (t2, p2) -> p2 > pos && rep(count + 1, t2, p2, k))) {
                return true;
            }
            return k.next(t, pos);
        }
    }

    static final class Look extends Node {
        final Node body;
        final boolean negate;

        Look(Node body, boolean negate) {
            this.body = body;
            this.negate = negate;
        }

        @Override
        boolean match(int[] t, int pos, Cont k) {
            boolean found = body.match(t, pos, (t2, p2) -> true);
            return found != negate && k.next(t, pos);
        }
    }

    static final class Anchor extends Node {
        final boolean end;

        Anchor(boolean end) {
            this.end = end;
        }

        @Override
        boolean match(int[] t, int pos, Cont k) {
            return (end ? pos == t.length : pos == 0) && k.next(t, pos);
        }
    }

    // ---- the parser ----

    static final class Parser {
        final int[] cps;
        int pos;
        boolean ignoreCase;

        Parser(String s) {
            cps = s.codePoints().toArray();
        }

        Node alternation(boolean inGroup) {
            List<Node> options = new ArrayList<>();
            options.add(sequence());
            while (pos < cps.length && cps[pos] == '|') {
                pos++;
                options.add(sequence());
            }
            if (inGroup) {
                if (pos >= cps.length || cps[pos] != ')') {
                    throw new IllegalArgumentException("missing ')' in pattern");
                }
                pos++;
            }
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        Node sequence() {
            List<Node> parts = new ArrayList<>();
            while (pos < cps.length && cps[pos] != '|' && cps[pos] != ')') {
                Node atom = atom();
                parts.add(quantified(atom));
            }
            return parts.size() == 1 ? parts.get(0) : new Seq(parts);
        }

        Node quantified(Node atom) {
            if (pos >= cps.length) {
                return atom;
            }
            int c = cps[pos];
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = Integer.MAX_VALUE;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = Integer.MAX_VALUE;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{' && pos + 1 < cps.length && Character.isDigit(cps[pos + 1])) {
                pos++;
                min = number();
                max = min;
                if (cps[pos] == ',') {
                    pos++;
                    max = cps[pos] == '}' ? Integer.MAX_VALUE : number();
                }
                expect('}');
            } else {
                return atom;
            }
            boolean lazy = false;
            if (pos < cps.length && cps[pos] == '?') {
                lazy = true;
                pos++;
            } else if (pos < cps.length && cps[pos] == '+') {
                pos++; // possessive: treated as greedy (no pattern here relies on the difference)
            }
            return new Repeat(atom, min, max, lazy);
        }

        int number() {
            int n = 0;
            while (Character.isDigit(cps[pos])) {
                n = n * 10 + (cps[pos++] - '0');
            }
            return n;
        }

        void expect(int c) {
            if (pos >= cps.length || cps[pos] != c) {
                throw new IllegalArgumentException("expected '" + (char) c + "' at " + pos);
            }
            pos++;
        }

        Node atom() {
            int c = cps[pos++];
            switch (c) {
                case '(':
                    return group();
                case '[':
                    return new Chars(charClass());
                case '.':
                    return new Chars(x -> x != '\n');
                case '^':
                    return new Anchor(false);
                case '$':
                    return new Anchor(true);
                case '\\':
                    return new Chars(escape());
                default:
                    return new Chars(literal(c));
            }
        }

        CharTest literal(int c) {
            if (ignoreCase) {
                int lc = Character.toLowerCase(c);
                return x -> Character.toLowerCase(x) == lc;
            }
            return x -> x == c;
        }

        Node group() {
            if (pos < cps.length && cps[pos] == '?') {
                pos++;
                int kind = cps[pos++];
                if (kind == ':') {
                    return alternation(true);
                }
                if (kind == '!' || kind == '=') {
                    return new Look(alternation(true), kind == '!');
                }
                if (kind == 'i' && cps[pos] == ':') {
                    pos++;
                    boolean was = ignoreCase;
                    ignoreCase = true;
                    Node n = alternation(true);
                    ignoreCase = was;
                    return n;
                }
                throw new IllegalArgumentException("unsupported group (?" + (char) kind + " at " + pos);
            }
            return alternation(true);
        }

        CharTest escape() {
            int c = cps[pos++];
            switch (c) {
                case 's': return Pattern::isSpace;
                case 'S': return x -> !isSpace(x);
                case 'd': return x -> x >= '0' && x <= '9';
                case 'D': return x -> !(x >= '0' && x <= '9');
                case 'w': return x -> isLetter(x) || isNumber(x) || x == '_';
                case 'W': return x -> !(isLetter(x) || isNumber(x) || x == '_');
                case 'n': return x -> x == '\n';
                case 'r': return x -> x == '\r';
                case 't': return x -> x == '\t';
                case 'f': return x -> x == '\f';
                case 'v': return x -> x == 0x0B;
                case 'p': case 'P': {
                    expect('{');
                    StringBuilder name = new StringBuilder();
                    while (cps[pos] != '}') {
                        name.appendCodePoint(cps[pos++]);
                    }
                    pos++;
                    CharTest t = category(name.toString());
                    return c == 'p' ? t : x -> !t.test(x);
                }
                default:
                    return literal(c);
            }
        }

        static CharTest category(String name) {
            switch (name) {
                case "L": return Pattern::isLetter;
                case "N": return Pattern::isNumber;
                case "P": return Pattern::isPunctuation;
                case "S": return Pattern::isSymbol;
                case "M": return Pattern::isMark;
                case "Lu": return x -> Character.getType(x) == Character.UPPERCASE_LETTER;
                case "Ll": return x -> Character.getType(x) == Character.LOWERCASE_LETTER;
                case "Lt": return x -> Character.getType(x) == Character.TITLECASE_LETTER;
                case "Lm": return x -> Character.getType(x) == Character.MODIFIER_LETTER;
                case "Lo": return x -> Character.getType(x) == Character.OTHER_LETTER;
                case "Nd": return x -> Character.getType(x) == Character.DECIMAL_DIGIT_NUMBER;
                default: throw new IllegalArgumentException("unsupported category \\p{" + name + "}");
            }
        }

        CharTest charClass() {
            boolean negate = false;
            if (cps[pos] == '^') {
                negate = true;
                pos++;
            }
            List<CharTest> tests = new ArrayList<>();
            boolean first = true;
            while (pos < cps.length && (cps[pos] != ']' || first)) {
                first = false;
                int c = cps[pos++];
                CharTest t;
                int lo;
                if (c == '\\') {
                    int e = cps[pos];
                    if ("sSdDwWpP".indexOf(e) >= 0) {
                        tests.add(escape());
                        continue;
                    }
                    CharTest lit = escape();
                    lo = escapedCodePoint(e);
                    t = lit;
                } else {
                    lo = c;
                    t = literal(c);
                }
                if (pos + 1 < cps.length && cps[pos] == '-' && cps[pos + 1] != ']') {
                    pos++;
                    int hi = cps[pos++];
                    if (hi == '\\') {
                        hi = escapedCodePoint(cps[pos++]);
                    }
                    int from = lo;
                    int to = hi;
                    if (ignoreCase) {
                        t = x -> x >= from && x <= to || Character.toLowerCase(x) >= from && Character.toLowerCase(x) <= to
                                || Character.toUpperCase(x) >= from && Character.toUpperCase(x) <= to;
                    } else {
                        t = x -> x >= from && x <= to;
                    }
                }
                tests.add(t);
            }
            expect(']');
            CharTest[] all = tests.toArray(new CharTest[0]);
            boolean neg = negate;
            return x -> {
                boolean in = false;
                for (CharTest t : all) {
                    if (t.test(x)) {
                        in = true;
                        break;
                    }
                }
                return in != neg;
            };
        }

        static int escapedCodePoint(int e) {
            switch (e) {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'f': return '\f';
                case 'v': return 0x0B;
                default: return e;
            }
        }
    }
}
