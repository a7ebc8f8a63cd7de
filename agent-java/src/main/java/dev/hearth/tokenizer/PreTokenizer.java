package dev.hearth.tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the pieces byte-level BPE merges within, by the patterns llama.cpp associates
 * with {@code tokenizer.ggml.pre} (src/llama-vocab.cpp). Several patterns apply in turn: each splits
 * every piece the previous one produced (matches and the text between them both become pieces).
 */
final class PreTokenizer {
    /** GPT-2's pattern (also the default for an unknown or missing pre type). */
    static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String GPT4O = "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
            + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    static final String CJK = "[\u4e00-\u9fa5\u0800-\u4e00\uac00-\ud7ff]+";

    private final List<Pattern> patterns = new ArrayList<>();
    final String name;

    private PreTokenizer(String name, String... regexes) {
        this.name = name;
        for (String r : regexes) {
            patterns.add(Pattern.compile(r));
        }
    }

    /** The pre-tokenizer for a {@code tokenizer.ggml.pre} value (null or unknown: GPT-2's). */
    static PreTokenizer forName(String pre) {
        String p = pre == null ? "default" : pre;
        switch (p) {
            case "llama3": case "llama-v3": case "llama-bpe": case "falcon3": case "pixtral": case "dbrx": case "smaug-bpe":
            case "exaone": case "bailingmoe": case "llama4":
                return new PreTokenizer(p, LLAMA3);
            case "qwen2": case "stablelm2": case "deepseek-r1-qwen": case "megrez": case "hunyuan":
                return new PreTokenizer(p, QWEN2);
            case "starcoder": case "refact": case "command-r": case "smollm": case "codeshell": case "minerva-7b":
                return new PreTokenizer(p, "\\p{N}", GPT2);
            case "falcon":
                return new PreTokenizer(p, "[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]");
            case "deepseek-llm":
                return new PreTokenizer(p, "[\\r\\n]", "\\s?[A-Za-z\u00b5\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u01ba\u01bc-\u01bf\u01c4-\u0293\u0295-\u02af"
                        + "\u0370-\u0373\u0376\u0377\u037b-\u037d\u037f\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03f5\u03f7-\u0481"
                        + "\u048a-\u052f\u0531-\u0556\u10a0-\u10c5\u13a0-\u13f5\u13f8-\u13fd\u1c90-\u1cba\u1cbd-\u1cbf\u1d00-\u1d2b"
                        + "\u1d6b-\u1d77\u1d79-\u1d9a\u1e00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59\u1f5b\u1f5d"
                        + "\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec"
                        + "\u1ff2-\u1ff4\u1ff6-\u1ffc\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124\u2126\u2128\u212a-\u212d"
                        + "\u212f-\u2134\u2139\u213c-\u213f\u2145-\u2149\u214e\u2183\u2184\u2c00-\u2c7b\u2c7e-\u2ce4\u2ceb-\u2cee"
                        + "\u2cf2\u2cf3\ua640-\ua66d\ua680-\ua69b\ua722-\ua76f\ua771-\ua787\ua78b-\ua78e\uab70-\uabbf\ufb00-\ufb06"
                        + "\ufb13-\ufb17\uff21-\uff3a\uff41-\uff5a]+",
                        "\\s?[!-/:-~\uff01-\uff0f\uff1a-\uff5e\u2018-\u201f\u3000-\u3002]+", "\\s+$", CJK, "\\p{N}+");
            case "deepseek-coder":
                return new PreTokenizer(p, "[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", CJK, "\\p{N}");
            case "deepseek-v3":
                return new PreTokenizer(p, "\\p{N}{1,3}", CJK,
                        "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
            case "gpt-4o": case "chatglm-bpe": case "llama4-gpt4o":
                return new PreTokenizer(p, GPT4O);
            case "poro-chat": case "bloom": case "gpt3-finnish":
                return new PreTokenizer(p, " ?[^(\\s|.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c)]+");
            case "viking":
                return new PreTokenizer(p, " ?[^(\\s|.,!?\u2026\u3002\uff0c\u3001\u0964\u06d4\u060c)]+", "\\p{N}");
            case "tekken":
                return new PreTokenizer(p, "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+"
                        + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*"
                        + "|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
            case "chameleon":
                return new PreTokenizer(p, "<sentinel:[0-9]+>", "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z",
                        "([\\t\\n]|    |  )", "\\p{N}", "[\\p{P}!-/:-@\\[-`{-~]", "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)");
            default: // default, gpt2, gpt-2, mpt, olmo, jais, trillion, ...
                return new PreTokenizer(p, GPT2);
        }
    }

    /** The pieces of {@code text}, as code point arrays. */
    List<int[]> split(String text) {
        List<int[]> pieces = new ArrayList<>();
        pieces.add(text.codePoints().toArray());
        for (Pattern pattern : patterns) {
            List<int[]> next = new ArrayList<>();
            for (int[] piece : pieces) {
                for (int[] range : pattern.split(piece)) {
                    next.add(java.util.Arrays.copyOfRange(piece, range[0], range[1]));
                }
            }
            pieces = next;
        }
        return pieces;
    }
}
