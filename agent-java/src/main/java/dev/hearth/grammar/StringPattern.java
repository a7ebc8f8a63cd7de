package dev.hearth.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of ECMAScript regular expressions that JSON Schema's {@code pattern} uses in practice, compiled
 * to a DFA over code points (no java.util.regex: this runs under TeaVM). Supported: literal characters and
 * escapes ({@code \. \\ \/ \n \t} ...), {@code .}, classes {@code [a-z0-9_-]} and {@code [^...]}, {@code \d \w
 * \s \D \W \S}, groups {@code (...)} and {@code (?:...)}, alternation {@code |}, quantifiers {@code ? * +
 * {m} {m,} {m,n}} (a lazy {@code ?} after them changes nothing for matching), and {@code ^}/{@code $} at the
 * very start/end. As in JSON Schema the pattern may match anywhere: without {@code ^} any prefix is
 * allowed, without {@code $} any suffix.
 *
 * <p>States that can no longer reach acceptance are dropped ({@link #next} answers -1), so a string that
 * follows the DFA can always be completed.
 */
final class StringPattern {
    static final int MAX_CP = 0x10ffff;
    private static final int MAX_STATES = 4000;
    private static final int MAX_REPEAT = 1000;

    final String source;
    /** Symbol k covers code points [starts[k], starts[k + 1]). */
    private final int[] starts;
    private final int symbols;
    /** (state, symbol) to state or -1 (dead). */
    private final int[] trans;
    private final boolean[] accepting;
    final int start;

    private StringPattern(String source, int[] starts, int[] trans, boolean[] accepting, int start) {
        this.source = source;
        this.starts = starts;
        this.symbols = starts.length;
        this.trans = trans;
        this.accepting = accepting;
        this.start = start;
    }

    boolean accepting(int state) {
        return accepting[state];
    }

    /** The state after code point cp, or -1 when no match can follow. */
    int next(int state, int cp) {
        return trans[state * symbols + symbolOf(cp)];
    }

    /** Whether some code point in [lo, hi] leads to a live state. */
    boolean anyLive(int state, int lo, int hi) {
        int a = symbolOf(lo);
        int b = symbolOf(hi);
        for (int s = a; s <= b; s++) {
            if (trans[state * symbols + s] >= 0) {
                return true;
            }
        }
        return false;
    }

    private int symbolOf(int cp) {
        int lo = 0;
        int hi = symbols - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= cp) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Whether the whole of s matches (for tests and error messages). */
    boolean matches(String s) {
        int st = start;
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            st = next(st, cp);
            if (st < 0) {
                return false;
            }
        }
        return accepting[st];
    }

    // ---- parsing: pattern text to a small syntax tree ----

    /** A syntax tree node: CHARS (sorted, merged ranges), CAT, ALT, REP (min, max; max -1 = unbounded). */
    private static final class Rx {
        static final int CHARS = 0;
        static final int CAT = 1;
        static final int ALT = 2;
        static final int REP = 3;
        final int kind;
        final int[] ranges;
        final List<Rx> parts;
        final int min;
        final int max;

        Rx(int kind, int[] ranges, List<Rx> parts, int min, int max) {
            this.kind = kind;
            this.ranges = ranges;
            this.parts = parts;
            this.min = min;
            this.max = max;
        }

        static Rx chars(int[] ranges) {
            return new Rx(CHARS, ranges, null, 0, 0);
        }

        static Rx cat(List<Rx> parts) {
            return new Rx(CAT, null, parts, 0, 0);
        }
    }

    private static final class Parser {
        final String p;
        int pos;
        final String path;

        Parser(String p, String path) {
            this.p = p;
            this.path = path;
        }

        SchemaException error(String what) {
            return new SchemaException("pattern", path, "pattern \"" + p + "\": " + what + " at offset " + pos);
        }

        boolean more() {
            return pos < p.length();
        }

        int peek() {
            return p.charAt(pos);
        }

        Rx alternation() {
            List<Rx> alts = new ArrayList<>();
            alts.add(concat());
            while (more() && peek() == '|') {
                pos++;
                alts.add(concat());
            }
            return alts.size() == 1 ? alts.get(0) : new Rx(Rx.ALT, null, alts, 0, 0);
        }

        Rx concat() {
            List<Rx> parts = new ArrayList<>();
            while (more() && peek() != '|' && peek() != ')') {
                parts.add(repeat());
            }
            return Rx.cat(parts);
        }

        Rx repeat() {
            Rx a = atom();
            while (more()) {
                int c = peek();
                int min;
                int max;
                if (c == '?') {
                    min = 0;
                    max = 1;
                    pos++;
                } else if (c == '*') {
                    min = 0;
                    max = -1;
                    pos++;
                } else if (c == '+') {
                    min = 1;
                    max = -1;
                    pos++;
                } else if (c == '{' && isCount()) {
                    pos++;
                    min = number();
                    max = min;
                    if (peek() == ',') {
                        pos++;
                        max = peek() == '}' ? -1 : number();
                    }
                    pos++; // '}'
                    if (max >= 0 && max < min) {
                        throw error("{" + min + "," + max + "} has max < min");
                    }
                    if (min > MAX_REPEAT || max > MAX_REPEAT) {
                        throw error("repeat counts above " + MAX_REPEAT + " are not supported");
                    }
                } else {
                    break;
                }
                if (more() && peek() == '?') {
                    pos++; // lazy: same language
                }
                a = new Rx(Rx.REP, null, List.of(a), min, max);
            }
            return a;
        }

        /** Whether a '{' at pos starts {m}, {m,} or {m,n} (otherwise it is a literal brace, as in ECMAScript). */
        boolean isCount() {
            int k = pos + 1;
            int digits = 0;
            while (k < p.length() && Character.isDigit(p.charAt(k))) {
                k++;
                digits++;
            }
            if (digits == 0 || k >= p.length()) {
                return false;
            }
            if (p.charAt(k) == '}') {
                return true;
            }
            if (p.charAt(k) != ',') {
                return false;
            }
            k++;
            while (k < p.length() && Character.isDigit(p.charAt(k))) {
                k++;
            }
            return k < p.length() && p.charAt(k) == '}';
        }

        int number() {
            int v = 0;
            while (more() && Character.isDigit(peek())) {
                v = Math.min(v * 10 + (peek() - '0'), 1_000_000);
                pos++;
            }
            return v;
        }

        Rx atom() {
            int c = p.codePointAt(pos);
            switch (c) {
                case '(': {
                    pos++;
                    if (p.startsWith("?:", pos)) {
                        pos += 2;
                    } else if (more() && peek() == '?') {
                        throw error("lookaround and named groups are not supported");
                    }
                    Rx inner = alternation();
                    if (!more() || peek() != ')') {
                        throw error("unclosed group");
                    }
                    pos++;
                    return inner;
                }
                case '[':
                    return Rx.chars(charClass());
                case '.':
                    pos++;
                    return Rx.chars(negate(new int[] {'\n', '\n', '\r', '\r', 0x2028, 0x2029}));
                case '\\':
                    return Rx.chars(escape(false));
                case '^':
                case '$':
                    throw error("anchors are supported only at the very start (^) and end ($)");
                case '*':
                case '+':
                case '?':
                    throw error("nothing to repeat");
                default:
                    pos += Character.charCount(c);
                    return Rx.chars(new int[] {c, c});
            }
        }

        int[] charClass() {
            pos++; // '['
            boolean negated = more() && peek() == '^';
            if (negated) {
                pos++;
            }
            List<int[]> parts = new ArrayList<>();
            boolean first = true;
            while (true) {
                if (!more()) {
                    throw error("unclosed character class");
                }
                if (peek() == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                int[] lo = classAtom();
                if (lo.length == 2 && lo[0] == lo[1] && more() && peek() == '-' && pos + 1 < p.length()
                        && p.charAt(pos + 1) != ']') {
                    pos++;
                    int[] hi = classAtom();
                    if (hi.length != 2 || hi[0] != hi[1] || hi[0] < lo[0]) {
                        throw error("bad range in character class");
                    }
                    parts.add(new int[] {lo[0], hi[0]});
                } else {
                    parts.add(lo);
                }
            }
            int[] all = union(parts);
            return negated ? negate(all) : all;
        }

        int[] classAtom() {
            if (peek() == '\\') {
                return escape(true);
            }
            int c = p.codePointAt(pos);
            pos += Character.charCount(c);
            return new int[] {c, c};
        }

        int[] escape(boolean inClass) {
            pos++; // '\'
            if (!more()) {
                throw error("pattern ends with a backslash");
            }
            int c = p.codePointAt(pos);
            pos += Character.charCount(c);
            switch (c) {
                case 'd': return DIGIT;
                case 'D': return negate(DIGIT);
                case 'w': return WORD;
                case 'W': return negate(WORD);
                case 's': return SPACE;
                case 'S': return negate(SPACE);
                case 'n': return new int[] {'\n', '\n'};
                case 't': return new int[] {'\t', '\t'};
                case 'r': return new int[] {'\r', '\r'};
                case 'f': return new int[] {'\f', '\f'};
                case 'v': return new int[] {0x0b, 0x0b};
                case '0': return new int[] {0, 0};
                case 'b':
                    if (inClass) {
                        return new int[] {'\b', '\b'};
                    }
                    throw error("word boundaries (\\b) are not supported");
                case 'u': {
                    if (pos + 4 > p.length()) {
                        throw error("\\u needs 4 hex digits");
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(p.charAt(pos + k), 16);
                        if (d < 0) {
                            throw error("\\u needs 4 hex digits");
                        }
                        v = v * 16 + d;
                    }
                    pos += 4;
                    return new int[] {v, v};
                }
                default:
                    if (Character.isLetterOrDigit(c)) {
                        throw error("escape \\" + new String(Character.toChars(c)) + " is not supported");
                    }
                    return new int[] {c, c};
            }
        }
    }

    private static final int[] DIGIT = {'0', '9'};
    private static final int[] WORD = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
    private static final int[] SPACE = {'\t', '\r', ' ', ' ', 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a,
        0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff};

    /** Sorted, merged union of range lists (each a flat [lo, hi, lo, hi...]). */
    static int[] union(List<int[]> parts) {
        List<int[]> pairs = new ArrayList<>();
        for (int[] r : parts) {
            for (int k = 0; k < r.length; k += 2) {
                pairs.add(new int[] {r[k], r[k + 1]});
            }
        }
        pairs.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] out = new int[pairs.size() * 2];
        int n = 0;
        for (int[] r : pairs) {
            if (n > 0 && r[0] <= out[n - 1] + 1) {
                out[n - 1] = Math.max(out[n - 1], r[1]);
            } else {
                out[n++] = r[0];
                out[n++] = r[1];
            }
        }
        return Arrays.copyOf(out, n);
    }

    static int[] negate(int[] ranges) {
        int[] sorted = union(List.of(ranges));
        int[] out = new int[sorted.length + 2];
        int n = 0;
        int next = 0;
        for (int k = 0; k < sorted.length; k += 2) {
            if (sorted[k] > next) {
                out[n++] = next;
                out[n++] = sorted[k] - 1;
            }
            next = sorted[k + 1] + 1;
        }
        if (next <= MAX_CP) {
            out[n++] = next;
            out[n++] = MAX_CP;
        }
        return Arrays.copyOf(out, n);
    }

    // ---- Thompson NFA, then subset construction ----

    private static final class Nfa {
        final List<int[]> ranges = new ArrayList<>(); // per state: the ranges of its one char edge, or null
        final List<Integer> target = new ArrayList<>();
        final List<int[]> eps = new ArrayList<>();

        int state() {
            ranges.add(null);
            target.add(-1);
            eps.add(new int[0]);
            if (ranges.size() > 20000) {
                throw new IllegalStateException("too large");
            }
            return ranges.size() - 1;
        }

        void epsilon(int from, int to) {
            int[] e = eps.get(from);
            int[] n = Arrays.copyOf(e, e.length + 1);
            n[e.length] = to;
            eps.set(from, n);
        }

        /** Builds rx between a new start and end state; returns {start, end}. */
        int[] build(Rx rx) {
            int s = state();
            int e = state();
            switch (rx.kind) {
                case Rx.CHARS:
                    ranges.set(s, rx.ranges);
                    target.set(s, e);
                    break;
                case Rx.CAT: {
                    int cur = s;
                    for (Rx part : rx.parts) {
                        int[] f = build(part);
                        epsilon(cur, f[0]);
                        cur = f[1];
                    }
                    epsilon(cur, e);
                    break;
                }
                case Rx.ALT:
                    for (Rx part : rx.parts) {
                        int[] f = build(part);
                        epsilon(s, f[0]);
                        epsilon(f[1], e);
                    }
                    break;
                default: { // REP
                    Rx inner = rx.parts.get(0);
                    int cur = s;
                    for (int k = 0; k < rx.min; k++) {
                        int[] f = build(inner);
                        epsilon(cur, f[0]);
                        cur = f[1];
                    }
                    if (rx.max < 0) {
                        int[] f = build(inner);
                        epsilon(cur, f[0]);
                        epsilon(f[1], f[0]);
                        epsilon(f[1], e);
                        epsilon(cur, e);
                    } else {
                        for (int k = rx.min; k < rx.max; k++) {
                            int[] f = build(inner);
                            epsilon(cur, e);
                            epsilon(cur, f[0]);
                            cur = f[1];
                        }
                        epsilon(cur, e);
                    }
                }
            }
            return new int[] {s, e};
        }

        BitSet closure(BitSet set) {
            BitSet out = new BitSet();
            out.or(set);
            int[] stack = new int[ranges.size()];
            int sp = 0;
            for (int k = set.nextSetBit(0); k >= 0; k = set.nextSetBit(k + 1)) {
                stack[sp++] = k;
            }
            while (sp > 0) {
                int k = stack[--sp];
                for (int t : eps.get(k)) {
                    if (!out.get(t)) {
                        out.set(t);
                        stack[sp++] = t;
                    }
                }
            }
            return out;
        }
    }

    /** Compiles pattern; path is the schema location for errors. */
    static StringPattern compile(String pattern, String path) {
        String body = pattern;
        boolean anchoredStart = body.startsWith("^");
        if (anchoredStart) {
            body = body.substring(1);
        }
        boolean anchoredEnd = body.endsWith("$") && !endsEscaped(body);
        if (anchoredEnd) {
            body = body.substring(0, body.length() - 1);
        }
        Parser parser = new Parser(body, path);
        Rx rx = parser.alternation();
        if (parser.more()) {
            throw parser.error("unbalanced ')'");
        }
        List<Rx> seq = new ArrayList<>();
        Rx any = new Rx(Rx.REP, null, List.of(Rx.chars(new int[] {0, MAX_CP})), 0, -1);
        if (!anchoredStart) {
            seq.add(any);
        }
        seq.add(rx);
        if (!anchoredEnd) {
            seq.add(any);
        }
        Nfa nfa = new Nfa();
        int[] se;
        try {
            se = nfa.build(Rx.cat(seq));
        } catch (IllegalStateException e) {
            throw new SchemaException("pattern", path, "pattern \"" + pattern + "\" is too large to compile");
        }
        return determinize(pattern, nfa, se[0], se[1], path);
    }

    private static boolean endsEscaped(String s) {
        int backslashes = 0;
        for (int k = s.length() - 2; k >= 0 && s.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private static StringPattern determinize(String source, Nfa nfa, int nfaStart, int nfaEnd, String path) {
        // symbols: the code point space cut at every range boundary
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        cuts.add(0);
        for (int[] r : nfa.ranges) {
            if (r != null) {
                for (int k = 0; k < r.length; k += 2) {
                    cuts.add(r[k]);
                    if (r[k + 1] + 1 <= MAX_CP) {
                        cuts.add(r[k + 1] + 1);
                    }
                }
            }
        }
        int[] starts = new int[cuts.size()];
        int ns = 0;
        for (int c : cuts) {
            starts[ns++] = c;
        }
        List<BitSet> dstates = new ArrayList<>();
        Map<BitSet, Integer> index = new HashMap<>();
        List<int[]> rows = new ArrayList<>();
        BitSet first = new BitSet();
        first.set(nfaStart);
        first = nfa.closure(first);
        dstates.add(first);
        index.put(first, 0);
        for (int d = 0; d < dstates.size(); d++) {
            BitSet cur = dstates.get(d);
            int[] row = new int[ns];
            for (int sym = 0; sym < ns; sym++) {
                int cp = starts[sym];
                BitSet next = new BitSet();
                for (int k = cur.nextSetBit(0); k >= 0; k = cur.nextSetBit(k + 1)) {
                    int[] r = nfa.ranges.get(k);
                    if (r != null && contains(r, cp)) {
                        next.set(nfa.target.get(k));
                    }
                }
                if (next.isEmpty()) {
                    row[sym] = -1;
                    continue;
                }
                next = nfa.closure(next);
                Integer id = index.get(next);
                if (id == null) {
                    if (dstates.size() >= MAX_STATES) {
                        throw new SchemaException("pattern", path, "pattern \"" + source
                                + "\" needs more than " + MAX_STATES + " automaton states; simplify it");
                    }
                    id = dstates.size();
                    dstates.add(next);
                    index.put(next, id);
                }
                row[sym] = id;
            }
            rows.add(row);
        }
        int n = dstates.size();
        boolean[] accepting = new boolean[n];
        for (int d = 0; d < n; d++) {
            accepting[d] = dstates.get(d).get(nfaEnd);
        }
        // live: states from which an accepting state is reachable (fixpoint over the reversed edges)
        boolean[] live = Arrays.copyOf(accepting, n);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < n; d++) {
                if (!live[d]) {
                    for (int t : rows.get(d)) {
                        if (t >= 0 && live[t]) {
                            live[d] = true;
                            changed = true;
                            break;
                        }
                    }
                }
            }
        }
        if (!live[0]) {
            throw new SchemaException("pattern", path, "pattern \"" + source + "\" matches no string");
        }
        int[] trans = new int[n * ns];
        for (int d = 0; d < n; d++) {
            int[] row = rows.get(d);
            for (int sym = 0; sym < ns; sym++) {
                int t = row[sym];
                trans[d * ns + sym] = t >= 0 && live[t] ? t : -1;
            }
        }
        return new StringPattern(source, starts, trans, accepting, 0);
    }

    private static boolean contains(int[] ranges, int cp) {
        for (int k = 0; k < ranges.length; k += 2) {
            if (cp >= ranges[k] && cp <= ranges[k + 1]) {
                return true;
            }
        }
        return false;
    }
}
