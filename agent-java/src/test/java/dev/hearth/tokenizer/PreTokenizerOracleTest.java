package dev.hearth.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written scanners against the regular expressions they stand for, as llama.cpp lists them in
 * src/llama-vocab.cpp, run here by java.util.regex (a backtracking, leftmost-first engine like the
 * std::regex llama.cpp uses; allowed in tests, never in main code). {@code \s} is replaced by llama.cpp's
 * whitespace set. Random strings mix every character class the patterns tell apart.
 */
class PreTokenizerOracleTest {
    /** llama.cpp's whitespace, for use inside a character class. */
    static final String WS = "\\t-\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    static final String S = "[" + WS + "]";
    static final String NS = "[^" + WS + "]";

    static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^" + WS + "\\p{L}\\p{N}]+|" + S + "+(?!" + NS + ")|" + S + "+";
    static String llama3(String digits) {
        return "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|" + digits + "| ?[^" + WS + "\\p{L}\\p{N}]+[\\r\\n]*|"
                + S + "*[\\r\\n]+|" + S + "+(?!" + NS + ")|" + S + "+";
    }
    static String gpt4o(String contraction, String digits) {
        String upper = "((?=[\\p{L}])([^a-z]))";
        String lower = "((?=[\\p{L}])([^A-Z]))";
        return "[^\\r\\n\\p{L}\\p{N}]?" + upper + "*" + lower + "+" + contraction + "|[^\\r\\n\\p{L}\\p{N}]?" + upper + "+" + lower + "*"
                + contraction + "|" + digits + "| ?[^" + WS + "\\p{L}\\p{N}]+[\\r\\n/]*|" + S + "*[\\r\\n]+|" + S + "+(?!" + NS + ")|" + S + "+";
    }
    static final String CONTRACTION = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])?";

    static String[] patterns(String pre) {
        switch (pre) {
            case "gpt2": return new String[] {GPT2};
            case "llama-bpe": return new String[] {llama3("\\p{N}{1,3}")};
            case "qwen2": return new String[] {llama3("\\p{N}")};
            case "qwen35": return new String[] {"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^" + WS
                + "\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|" + S + "*[\\r\\n]+|" + S + "+(?!" + NS + ")|" + S + "+"};
            case "seed-coder": return new String[] {"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1}| ?[^" + WS
                + "\\p{L}\\p{N}\\r\\n]+|" + S + "*[\\r\\n]+|" + S + "+(?!" + NS + ")|" + S + "+"};
            case "bailingmoe": return new String[] {"'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^" + WS
                + "\\p{L}\\p{N}]+[\\r\\n]*|" + S + "*[\\r\\n]|" + S + "+(?!" + NS + ")|" + S + "+"};
            case "starcoder": return new String[] {"\\p{N}", GPT2};
            case "falcon": return new String[] {"[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]"};
            case "deepseek-llm": return new String[] {"[\\r\\n]", S + "?[" + javaClass(PreTokenizerSpecs.CASED) + "]+",
                S + "?[" + javaClass(PreTokenizerSpecs.PUNCT) + "]+", S + "+$", "[" + javaClass(PreTokenizerSpecs.CJK) + "]+", "\\p{N}+"};
            case "deepseek-coder": return new String[] {"[\\r\\n]", S + "?\\p{L}+", S + "?\\p{P}+", "[" + javaClass(PreTokenizerSpecs.CJK) + "]+", "\\p{N}"};
            case "deepseek-v3": return new String[] {"\\p{N}{1,3}", "[" + javaClass(PreTokenizerSpecs.V3_CJK) + "]+",
                "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|"
                    + S + "*[\\r\\n]+|" + S + "+(?!" + NS + ")|" + S + "+"};
            case "gpt-4o": return new String[] {gpt4o(CONTRACTION, "\\p{N}{1,3}")};
            case "tekken": return new String[] {gpt4o("", "\\p{N}")};
            case "chameleon": return new String[] {"<sentinel:[0-9]+>", "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z", "([\\t\\n]|    |  )",
                "\\p{N}", "[\\p{P}!-/:-@\\[-`{-~]", GPT2};
            case "bloom": return new String[] {" ?[^(" + WS + "|.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c)]+"};
            case "viking": return new String[] {" ?[^(" + WS + "|.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c)]+", "\\p{N}"};
            default: throw new IllegalArgumentException(pre);
        }
    }

    /** A class spec ("a-z" ranges and single characters) as java.util.regex class content. */
    static String javaClass(String spec) {
        StringBuilder b = new StringBuilder();
        spec.codePoints().forEach(c -> b.append(c == '-' ? "-" : "\\x{" + Integer.toHexString(c) + "}"));
        return b.toString();
    }

    static List<String> oracle(String pre, String text) {
        List<String> pieces = new ArrayList<>();
        pieces.add(text);
        for (String regex : patterns(pre)) {
            Pattern p = Pattern.compile(regex);
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                Matcher m = p.matcher(piece);
                int last = 0;
                while (m.find()) {
                    if (m.end() == m.start()) {
                        continue;
                    }
                    if (m.start() > last) {
                        next.add(piece.substring(last, m.start()));
                    }
                    next.add(m.group());
                    last = m.end();
                }
                if (last < piece.length()) {
                    next.add(piece.substring(last));
                }
            }
            pieces = next;
        }
        return pieces;
    }

    static final String[] ALPHABET = {"a", "b", "Z", "Q", "s", "t", "r", "e", "v", "l", "m", "d", "S", "T", "R", "E", "L", "D",
        "'", "'", "0", "1", "9", "\u0663", "\u2167", "\u00bd", " ", " ", " ", "\n", "\r", "\t", "\u00a0", "\u3000", "\u2009",
        ".", ",", "!", "?", "(", ")", "|", "$", "+", "<", "^", "`", "~", "/", "-", "\u2026", "\u3002", "\uff0c", "\u00e9",
        "\u00df", "\u0416", "\u0436", "\u01c5", "\u02b0", "\u65e5", "\u672c", "\u306e", "\u30ab", "\ud55c", "\u0301", "\u0903",
        "\ud83d\ude00", "\ud835\udc00", "\u0001", "\u200b", "\u0085", "\u00b5", "\u037e", "\"", "_", "@", "#", "\u2019", "\u0800",
        "\uff21", "\u0964", "\u060c", "<sentinel:", ">", "IMGIMG", "A", "C", "I", "Z", "    "};

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama-bpe", "qwen2", "qwen35", "seed-coder", "bailingmoe", "starcoder", "falcon", "deepseek-llm", "deepseek-coder", "deepseek-v3",
        "gpt-4o", "tekken", "bloom", "viking", "chameleon"})
    void scannersAgreeWithTheRegularExpressions(String pre) {
        Random random = new Random(pre.hashCode());
        PreTokenizer scanner = PreTokenizer.forName(pre);
        for (int i = 0; i < 4000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(24);
            for (int k = 0; k < n; k++) {
                b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
            String text = b.toString();
            List<String> got = new ArrayList<>();
            for (int[] p : scanner.split(text)) {
                got.add(new String(p, 0, p.length));
            }
            assertEquals(oracle(pre, text), got, () -> pre + " on " + TokenizerVectorsTest.escape(text));
        }
    }
}
