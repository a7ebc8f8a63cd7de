package dev.hearth.tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits text into the pieces byte-level BPE merges within, as llama.cpp does for each
 * {@code tokenizer.ggml.pre} (src/llama-vocab.cpp lists the patterns, src/unicode.cpp runs them).
 *
 * <p>A pre-tokenizer is a list of rules applied in turn: each rule splits every piece the previous
 * one produced, searching left to right for its matches; a match is a piece, and so is the text
 * between two matches. A rule sees only its piece, so lookaheads and {@code $} stop at the piece's end.
 * Every rule is a hand-written scanner for one of llama.cpp's regular expressions (quoted above it),
 * reproducing that regex's backtracking choice, not a regex engine.
 */
final class PreTokenizer {
    /** One pattern: the end of its match starting at {@code pos} in {@code t[..end)}, or -1 if none starts there. */
    interface Rule {
        int matchAt(int[] t, int pos, int end);
    }

    final String name;
    private final Rule[] rules;

    private PreTokenizer(String name, Rule... rules) {
        this.name = name;
        this.rules = rules;
    }

    /** The pre-tokenizer for a {@code tokenizer.ggml.pre} value (null or unknown: GPT-2's, as llama.cpp's default). */
    static PreTokenizer forName(String pre) {
        String p = pre == null ? "default" : pre;
        switch (p) {
            case "llama3": case "llama-v3": case "llama-bpe": case "falcon3": case "falcon-h1": case "pixtral":
            case "midm-2.0": case "lfm2": case "dbrx": case "smaug-bpe": case "glm4": case "chatglm-bpe":
                return new PreTokenizer(p, PreTokenizer::llama3);
            case "qwen2": case "deepseek-r1-qwen": case "kormo": case "stablelm2": case "megrez": case "hunyuan":
            case "grok-2": case "bailingmoe": case "bailingmoe2": case "llada-moe":
                // bailingmoe's \s*[\r\n] ends where Qwen2's \s*[\r\n]+ does: after the run's last CR/LF
                return new PreTokenizer(p, PreTokenizer::qwen2);
            case "qwen35":
                return new PreTokenizer(p, (t, pos, end) -> llama3Like(t, pos, end, 1, true, true));
            case "seed-coder":
                return new PreTokenizer(p, (t, pos, end) -> llama3Like(t, pos, end, 1, false, false));
            case "starcoder": case "refact": case "command-r": case "smollm": case "codeshell": case "exaone":
            case "minerva-7b": case "mellum2":
                return new PreTokenizer(p, PreTokenizer::oneNumber, PreTokenizer::gpt2);
            case "falcon":
                return new PreTokenizer(p, PreTokenizer::falconPunctuation, PreTokenizer::gpt2, PreTokenizer::threeAsciiDigits);
            case "deepseek-llm":
                return new PreTokenizer(p, PreTokenizer::oneCrLf, spaceThenRun(DEEPSEEK_CASED_LETTERS),
                        spaceThenRun(DEEPSEEK_PUNCTUATION), PreTokenizer::trailingSpaces, run(DEEPSEEK_CJK),
                        PreTokenizer::numbers);
            case "deepseek-coder":
                return new PreTokenizer(p, PreTokenizer::oneCrLf, spaceThenLetters(), spaceThenPunctuation(),
                        run(DEEPSEEK_CJK), PreTokenizer::oneNumber);
            case "deepseek-v3": case "hunyuan-dense":
                return new PreTokenizer(p, PreTokenizer::upToThreeNumbers, run(DEEPSEEK_V3_CJK), PreTokenizer::deepseekV3);
            case "gpt-4o": case "llama4": case "minimax-m2":
                return new PreTokenizer(p, (t, pos, end) -> gpt4o(t, pos, end, true, 3));
            case "tekken":
                return new PreTokenizer(p, (t, pos, end) -> gpt4o(t, pos, end, false, 1));
            case "chameleon":
                return new PreTokenizer(p, PreTokenizer::chameleonSentinel, PreTokenizer::chameleonImage,
                        PreTokenizer::chameleonSpaces, PreTokenizer::oneNumber, PreTokenizer::chameleonPunctuation,
                        PreTokenizer::gpt2);
            case "poro-chat": case "bloom": case "gpt3-finnish":
                return new PreTokenizer(p, PreTokenizer::bloom);
            case "viking":
                return new PreTokenizer(p, PreTokenizer::bloom, PreTokenizer::oneNumber);
            default: // default, gpt-2, phi-2, mpt, olmo, jais, trillion, exaone4, roberta-bpe, ..., and unknown names
                return new PreTokenizer(p, PreTokenizer::gpt2);
        }
    }

    /**
     * The Llama 3 family, for which llama.cpp takes a pre-tokenized piece that is a whole token as that
     * token, without merging (ignore_merges), and adds BOS by default.
     */
    static boolean ignoresMerges(String pre) {
        if (pre == null) {
            return false;
        }
        switch (pre) {
            case "llama3": case "llama-v3": case "llama-bpe": case "falcon3": case "falcon-h1": case "pixtral":
            case "midm-2.0": case "lfm2": case "tekken":
                return true;
            default:
                return false;
        }
    }

    /** The pieces of {@code text}, as code point arrays, in order. */
    List<int[]> split(String text) {
        int[] t = Unicode.codePoints(text);
        // piece i is t[ends[i-1] .. ends[i]) with ends[-1] = 0
        int[] ends = t.length == 0 ? new int[0] : new int[] {t.length};
        for (Rule rule : rules) {
            int[] next = new int[Math.max(8, ends.length * 2)];
            int n = 0;
            int start = 0;
            for (int end : ends) {
                int last = start;
                int pos = start;
                while (pos < end) {
                    int m = rule.matchAt(t, pos, end);
                    if (m > pos) {
                        if (next.length < n + 2) {
                            next = Arrays.copyOf(next, next.length * 2);
                        }
                        if (pos > last) {
                            next[n++] = pos;
                        }
                        next[n++] = m;
                        pos = m;
                        last = m;
                    } else {
                        pos++;
                    }
                }
                if (last < end) {
                    if (next.length < n + 1) {
                        next = Arrays.copyOf(next, next.length * 2);
                    }
                    next[n++] = end;
                }
                start = end;
            }
            ends = Arrays.copyOf(next, n);
        }
        List<int[]> pieces = new ArrayList<>(ends.length);
        int start = 0;
        for (int end : ends) {
            pieces.add(Arrays.copyOfRange(t, start, end));
            start = end;
        }
        return pieces;
    }

    // ---- the GPT-2 family ----

    /**
     * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+}: GPT-2's pattern,
     * which llama.cpp runs by a custom scanner (unicode_regex_split_custom_gpt2). Always matches.
     */
    static int gpt2(int[] t, int pos, int end) {
        int c = t[pos];
        if (c == '\'' && pos + 1 < end) {
            int n = t[pos + 1];
            if (n == 's' || n == 't' || n == 'm' || n == 'd') {
                return pos + 2;
            }
            if (pos + 2 < end) {
                int nn = t[pos + 2];
                if (n == 'r' && nn == 'e' || n == 'v' && nn == 'e' || n == 'l' && nn == 'l') {
                    return pos + 3;
                }
            }
        }
        int p = c == ' ' ? pos + 1 : pos;
        if (p < end) {
            int c2 = t[p];
            if (Unicode.isLetter(c2)) {
                return runOf(t, p + 1, end, LETTER);
            }
            if (Unicode.isNumber(c2)) {
                return runOf(t, p + 1, end, NUMBER);
            }
            if (OTHER.test(c2)) {
                return runOf(t, p + 1, end, OTHER);
            }
        }
        return whitespace(t, pos, end, false);
    }

    /**
     * {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}:
     * Llama 3's pattern (llama.cpp: unicode_regex_split_custom_llama3). Always matches.
     */
    static int llama3(int[] t, int pos, int end) {
        return llama3Like(t, pos, end, 3, false, true);
    }

    /** Qwen2's pattern: Llama 3's with {@code \p{N}} (one digit a piece) instead of {@code \p{N}{1,3}}. */
    static int qwen2(int[] t, int pos, int end) {
        return llama3Like(t, pos, end, 1, false, true);
    }

    /**
     * The Llama 3 pattern and its relatives: maxDigits is n in {@code \p{N}{1,n}}; with marks, words are
     * {@code [\p{L}\p{M}]+} (Qwen3.5); without crLfTail, a punctuation run takes no CR/LF after it (Seed-Coder).
     */
    static int llama3Like(int[] t, int pos, int end, int maxDigits, boolean marks, boolean crLfTail) {
        CodePointTest word = marks ? LETTER_OR_MARK : LETTER;
        CodePointTest other = marks ? OTHER_NOR_MARK : OTHER;
        int c = t[pos];
        int contraction = contraction(t, pos, end, true);
        if (contraction > 0) {
            return contraction;
        }
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (!Unicode.isCrLf(c) && !Unicode.isNumber(c)) {
            if (word.test(c) || pos + 1 < end && word.test(t[pos + 1])) {
                return runOf(t, pos + 1, end, word);
            }
        }
        // \p{N}{1,maxDigits}
        if (Unicode.isNumber(c)) {
            int p = pos + 1;
            while (p < end && p - pos < maxDigits && Unicode.isNumber(t[p])) {
                p++;
            }
            return p;
        }
        // ' '?[^\s\p{L}\p{N}]+[\r\n]*
        int p = c == ' ' ? pos + 1 : pos;
        if (p < end && other.test(t[p])) {
            p = runOf(t, p + 1, end, other);
            while (crLfTail && p < end && Unicode.isCrLf(t[p])) {
                p++;
            }
            return p;
        }
        return whitespace(t, pos, end, true);
    }

    /**
     * Contractions at pos: {@code 's|'t|'re|'ve|'m|'ll|'d}, case-insensitive when asked. Returns the end, or -1.
     */
    private static int contraction(int[] t, int pos, int end, boolean ignoreCase) {
        if (t[pos] != '\'' || pos + 1 >= end) {
            return -1;
        }
        int n = ignoreCase ? Character.toLowerCase(t[pos + 1]) : t[pos + 1];
        if (n == 's' || n == 't' || n == 'm' || n == 'd') {
            return pos + 2;
        }
        if (pos + 2 < end) {
            int nn = ignoreCase ? Character.toLowerCase(t[pos + 2]) : t[pos + 2];
            if (n == 'r' && nn == 'e' || n == 'v' && nn == 'e' || n == 'l' && nn == 'l') {
                return pos + 3;
            }
        }
        return -1;
    }

    /**
     * The whitespace tail every GPT-2-like pattern ends with: {@code \s*[\r\n]+} (when crLf), then
     * {@code \s+(?!\S)} (a run of spaces leaves its last one to the word after it), then {@code \s+}.
     * If nothing matches, the single character at pos (llama.cpp's scanners do the same).
     */
    private static int whitespace(int[] t, int pos, int end, boolean crLf) {
        int n = 0;
        int lastCrLf = -1;
        while (pos + n < end && Unicode.isSpace(t[pos + n])) {
            if (Unicode.isCrLf(t[pos + n])) {
                lastCrLf = pos + n + 1;
            }
            n++;
        }
        if (crLf && lastCrLf > 0) {
            return lastCrLf;
        }
        if (n > 1 && pos + n < end) {
            return pos + n - 1;
        }
        if (n > 0) {
            return pos + n;
        }
        return pos + 1;
    }

    /**
     * GPT-4o's pattern as llama.cpp runs it (its rewrite of the tokenizer.json pattern, where an
     * "upper" letter is any letter but a-z and a "lower" one any letter but A-Z):
     * {@code [^\r\n\p{L}\p{N}]?U*L+C?|[^\r\n\p{L}\p{N}]?U+L*C?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+}
     * with C the case-insensitive contractions. Tekken's is the same without C and with \p{N}.
     */
    static int gpt4o(int[] t, int pos, int end, boolean contractions, int maxDigits) {
        int c = t[pos];
        int i = !Unicode.isCrLf(c) && !Unicode.isLetter(c) && !Unicode.isNumber(c) ? pos + 1 : pos;
        if (i < end && Unicode.isLetter(t[i])) {
            int j = runOf(t, i, end, UPPER);
            int wordEnd = -1;
            // U* then L+: U* gives back characters until an L can start
            for (int k = j; k >= i; k--) {
                if (k < end && LOWER.test(t[k])) {
                    wordEnd = runOf(t, k, end, LOWER);
                    break;
                }
            }
            if (wordEnd < 0 && j > i) {
                wordEnd = runOf(t, j, end, LOWER); // U+ then L*
            }
            if (wordEnd >= 0) {
                if (contractions && wordEnd < end) {
                    int e = contraction(t, wordEnd, end, true);
                    if (e > 0) {
                        return e;
                    }
                }
                return wordEnd;
            }
        }
        if (Unicode.isNumber(c)) {
            int p = pos + 1;
            while (p < end && p - pos < maxDigits && Unicode.isNumber(t[p])) {
                p++;
            }
            return p;
        }
        int p = c == ' ' ? pos + 1 : pos;
        if (p < end && OTHER.test(t[p])) {
            p = runOf(t, p + 1, end, OTHER);
            while (p < end && (Unicode.isCrLf(t[p]) || t[p] == '/')) {
                p++;
            }
            return p;
        }
        return whitespace(t, pos, end, true);
    }

    /** {@code  ?[^(\s|.,!?…。，、।۔،)]+}: BLOOM, Poro, GPT-3-Finnish and Viking. -1 where nothing matches. */
    static int bloom(int[] t, int pos, int end) {
        int p = t[pos] == ' ' ? pos + 1 : pos;
        if (p < end && !BLOOM_BREAK.test(t[p])) {
            return runOf(t, p + 1, end, c -> !BLOOM_BREAK.test(c));
        }
        return -1; // a lone space is a break character itself
    }

    // ---- Chameleon ----

    /** {@code <sentinel:[0-9]+>} */
    static int chameleonSentinel(int[] t, int pos, int end) {
        String head = "<sentinel:";
        int p = pos;
        for (int i = 0; i < head.length(); i++, p++) {
            if (p >= end || t[p] != head.charAt(i)) {
                return -1;
            }
        }
        int digits = p;
        while (p < end && isAsciiDigit(t[p])) {
            p++;
        }
        return p > digits && p < end && t[p] == '>' ? p + 1 : -1;
    }

    /** {@code (IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z}: {1,4} is greedy but gives letters back to find the Z. */
    static int chameleonImage(int[] t, int pos, int end) {
        String head = "IMGIMG";
        int p = pos;
        for (int i = 0; i < head.length(); i++, p++) {
            if (p >= end || t[p] != head.charAt(i)) {
                return -1;
            }
        }
        int letters = 0;
        while (letters < 4 && p + letters < end && t[p + letters] >= 'A' && t[p + letters] <= 'I') {
            letters++;
        }
        for (int k = letters; k >= 1; k--) {
            if (p + k < end && t[p + k] == 'Z') {
                return p + k + 1;
            }
        }
        return -1;
    }

    /** {@code ([\t\n]|    |  )} */
    static int chameleonSpaces(int[] t, int pos, int end) {
        if (t[pos] == '\t' || t[pos] == '\n') {
            return pos + 1;
        }
        int n = 0;
        while (n < 4 && pos + n < end && t[pos + n] == ' ') {
            n++;
        }
        return n == 4 ? pos + 4 : n >= 2 ? pos + 2 : -1;
    }

    /** {@code [\p{P}!-/:-@\[-`{-~]}: one punctuation mark or ASCII symbol. */
    static int chameleonPunctuation(int[] t, int pos, int end) {
        int c = t[pos];
        boolean ascii = c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
        return ascii || Unicode.isPunctuation(c) ? pos + 1 : -1;
    }

    // ---- DeepSeek ----

    /**
     * {@code [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}
     * (DeepSeek V3, after numbers and CJK runs were split off). -1 where nothing matches.
     */
    static int deepseekV3(int[] t, int pos, int end) {
        int c = t[pos];
        if (c < 128 && PUNCT_OR_SYMBOL.test(c) && pos + 1 < end && ASCII_LETTER.test(t[pos + 1])) {
            return runOf(t, pos + 2, end, ASCII_LETTER);
        }
        boolean prefix = !Unicode.isCrLf(c) && !Unicode.isLetter(c) && !Unicode.isPunctuation(c) && !Unicode.isSymbol(c);
        if (prefix && pos + 1 < end && LETTER_OR_MARK.test(t[pos + 1])) {
            return runOf(t, pos + 2, end, LETTER_OR_MARK);
        }
        if (LETTER_OR_MARK.test(c)) {
            return runOf(t, pos + 1, end, LETTER_OR_MARK);
        }
        int p = c == ' ' ? pos + 1 : pos;
        if (p < end && PUNCT_OR_SYMBOL.test(t[p])) {
            p = runOf(t, p + 1, end, PUNCT_OR_SYMBOL);
            while (p < end && Unicode.isCrLf(t[p])) {
                p++;
            }
            return p;
        }
        if (!Unicode.isSpace(c)) {
            return -1;
        }
        return whitespace(t, pos, end, true);
    }

    static final CodePointTest DEEPSEEK_CASED_LETTERS = inClass(PreTokenizerSpecs.CASED);
    static final CodePointTest DEEPSEEK_PUNCTUATION = inClass(PreTokenizerSpecs.PUNCT);
    static final CodePointTest DEEPSEEK_CJK = inClass(PreTokenizerSpecs.CJK);
    static final CodePointTest DEEPSEEK_V3_CJK = inClass(PreTokenizerSpecs.V3_CJK);

    // ---- single-class rules ----

    /** {@code \p{N}} */
    static int oneNumber(int[] t, int pos, int end) {
        return Unicode.isNumber(t[pos]) ? pos + 1 : -1;
    }

    /** {@code \p{N}+} */
    static int numbers(int[] t, int pos, int end) {
        return Unicode.isNumber(t[pos]) ? runOf(t, pos + 1, end, NUMBER) : -1;
    }

    /** {@code \p{N}{1,3}} */
    static int upToThreeNumbers(int[] t, int pos, int end) {
        int p = pos;
        while (p < end && p - pos < 3 && Unicode.isNumber(t[p])) {
            p++;
        }
        return p > pos ? p : -1;
    }

    /** {@code [0-9][0-9][0-9]} */
    static int threeAsciiDigits(int[] t, int pos, int end) {
        return pos + 3 <= end && isAsciiDigit(t[pos]) && isAsciiDigit(t[pos + 1]) && isAsciiDigit(t[pos + 2]) ? pos + 3 : -1;
    }

    /** {@code [\r\n]} */
    static int oneCrLf(int[] t, int pos, int end) {
        return Unicode.isCrLf(t[pos]) ? pos + 1 : -1;
    }

    /** {@code \s+$} */
    static int trailingSpaces(int[] t, int pos, int end) {
        return Unicode.isSpace(t[pos]) && runOf(t, pos + 1, end, Unicode::isSpace) == end ? end : -1;
    }

    /** {@code [\p{P}\$\+<=>\^~\|`]+}: Falcon's punctuation runs. */
    static int falconPunctuation(int[] t, int pos, int end) {
        return FALCON_PUNCTUATION.test(t[pos]) ? runOf(t, pos + 1, end, FALCON_PUNCTUATION) : -1;
    }

    /** {@code \s?\p{L}+} */
    static Rule spaceThenLetters() {
        return spaceThenRun(LETTER);
    }

    /** {@code \s?\p{P}+} */
    static Rule spaceThenPunctuation() {
        return spaceThenRun(Unicode::isPunctuation);
    }

    /** {@code \s?X+} for a class X that holds no whitespace. */
    static Rule spaceThenRun(CodePointTest x) {
        return (t, pos, end) -> {
            if (Unicode.isSpace(t[pos]) && pos + 1 < end && x.test(t[pos + 1])) {
                return runOf(t, pos + 2, end, x);
            }
            return x.test(t[pos]) ? runOf(t, pos + 1, end, x) : -1;
        };
    }

    /** {@code X+} */
    static Rule run(CodePointTest x) {
        return (t, pos, end) -> x.test(t[pos]) ? runOf(t, pos + 1, end, x) : -1;
    }

    // ---- classes ----

    interface CodePointTest {
        boolean test(int c);
    }

    static final CodePointTest LETTER = Unicode::isLetter;
    static final CodePointTest NUMBER = Unicode::isNumber;
    /** {@code [^\s\p{L}\p{N}]} */
    static final CodePointTest OTHER = c -> !Unicode.isSpace(c) && !Unicode.isLetter(c) && !Unicode.isNumber(c);
    /** {@code [^\s\p{L}\p{M}\p{N}]} */
    static final CodePointTest OTHER_NOR_MARK = c -> OTHER.test(c) && !Unicode.isMark(c);
    static final CodePointTest UPPER = c -> Unicode.isLetter(c) && !(c >= 'a' && c <= 'z');
    static final CodePointTest LOWER = c -> Unicode.isLetter(c) && !(c >= 'A' && c <= 'Z');
    static final CodePointTest LETTER_OR_MARK = c -> Unicode.isLetter(c) || Unicode.isMark(c);
    static final CodePointTest PUNCT_OR_SYMBOL = c -> Unicode.isPunctuation(c) || Unicode.isSymbol(c);
    static final CodePointTest ASCII_LETTER = c -> c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    static final CodePointTest FALCON_PUNCTUATION = c -> Unicode.isPunctuation(c) || "$+<=>^~|`".indexOf(c) >= 0;
    /** {@code [(\s|.,!?…。，、।۔،)]} */
    static final CodePointTest BLOOM_BREAK = c -> Unicode.isSpace(c) || "(|.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c)".indexOf(c) >= 0;

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The end of the run of x starting at from. */
    private static int runOf(int[] t, int from, int end, CodePointTest x) {
        int p = from;
        while (p < end && x.test(t[p])) {
            p++;
        }
        return p;
    }

    /** A class written as single characters and "a-z" ranges (code points, so astral ranges work). */
    static CodePointTest inClass(String spec) {
        int[] cps = Unicode.codePoints(spec);
        int[] ranges = new int[cps.length * 2];
        int n = 0;
        for (int i = 0; i < cps.length; i++) {
            int lo = cps[i];
            int hi = lo;
            if (i + 2 < cps.length && cps[i + 1] == '-') {
                hi = cps[i + 2];
                i += 2;
            }
            ranges[n++] = lo;
            ranges[n++] = hi;
        }
        int[] r = Arrays.copyOf(ranges, n);
        return c -> Unicode.inRanges(c, r);
    }
}
