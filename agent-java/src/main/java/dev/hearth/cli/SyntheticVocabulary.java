package dev.hearth.cli;

import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.GgufWriter;
import dev.hearth.tokenizer.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A synthesised Qwen2-like byte-level BPE vocabulary of 151,646 tokens, written with {@link GgufWriter} and
 * read back (no real vocabulary of that size is in the shared folder): the 256 byte tokens, JSON
 * punctuation, numbers, words with and without a leading space, CJK and emoji, pieces of multi-byte
 * characters, and the special tokens {@code <|endoftext|>} (EOS), {@code <|im_start|>}, {@code <|im_end|>}.
 * Its merges are placeholders: it is for grammar masks and benchmarks, not for tokenizing text.
 */
public final class SyntheticVocabulary {
    private SyntheticVocabulary() {}

    /** Whether GPT-2's byte-level mapping keeps byte c as the character c. */
    private static boolean printable(int c) {
        return c >= 33 && c <= 126 || c >= 161 && c <= 172 || c >= 174;
    }

    /** GPT-2's byte-to-character mapping (printable bytes stand for themselves, the rest move to U+0100...). */
    public static String byteLevel(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            int c = x & 0xff;
            if (printable(c)) {
                b.append((char) c);
            } else {
                int n = 0;
                for (int k = 0; k < c; k++) {
                    if (!printable(k)) {
                        n++;
                    }
                }
                b.append((char) (256 + n));
            }
        }
        return b.toString();
    }

    private static String byteLevel(String text) {
        return byteLevel(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The synthesised vocabulary, through a GGUF file written in memory and read back. */
    public static Vocabulary qwenLike() {
        int normal = 151_643;
        Set<String> texts = new LinkedHashSet<>();
        for (int b = 0; b < 256; b++) {
            texts.add(byteLevel(new byte[] {(byte) b}));
        }
        String[] punct = {"{\"", "\":\"", "\",\"", "\"}", "\"},", "\"}}", "]}", "\":", "\":[", "\":{\"", "\",", "\"",
            " \"", "\":\"e", "\":true", "\":false", "\":null", "},{\"", "[{\"", "\"]", "\"],\"", "\\n", "\\\"", ".\"",
            "\",\"ref\":\"", "{\"name\":\"", "\",\"arguments\":{\"", "e1", "e12", "\"}}\n", "true", "false", "null",
            ",\"", "}}", "},", "\n", "\n\n", "  ", "    ", " {", " [", "-", ".", ",", ":", "_", "@", ".com"};
        for (String p : punct) {
            texts.add(byteLevel(p));
        }
        for (int i = 0; i < 1000; i++) {
            texts.add(byteLevel(Integer.toString(i)));
        }
        Random r = new Random(151643);
        String letters = "etaoinshrdlucmfwypvbgkjqxz";
        String[] cjk = {"的", "一", "是", "不", "了", "人", "我", "在", "有", "他", "这", "中", "大", "来", "上", "国", "个",
            "到", "说", "们"};
        String[] emoji = {"\ud83d\ude00", "\ud83c\udf89", "\ud83d\udc4d", "\ud83d\ude80", "\u2764\ufe0f", "\u2705"};
        while (texts.size() < normal) {
            int kind = r.nextInt(20);
            StringBuilder w = new StringBuilder();
            if (kind < 12) {
                if (r.nextBoolean()) {
                    w.append(' ');
                }
                int len = 1 + r.nextInt(r.nextInt(10) + 1);
                for (int k = 0; k < len; k++) {
                    w.append(letters.charAt(Math.min(letters.length() - 1, (int) Math.abs(r.nextGaussian() * 8))));
                }
                if (kind == 0) {
                    w.setCharAt(w.length() - 1, Character.toUpperCase(w.charAt(w.length() - 1)));
                }
            } else if (kind < 14) {
                w.append(r.nextBoolean() ? " " : "").append(r.nextInt(100000));
            } else if (kind < 16) {
                int len = 1 + r.nextInt(3);
                for (int k = 0; k < len; k++) {
                    w.append(cjk[r.nextInt(cjk.length)]);
                }
            } else if (kind < 17) {
                w.append(emoji[r.nextInt(emoji.length)]);
            } else if (kind < 18) {
                // the first two bytes of a three-byte character, as byte-level BPE vocabularies have
                byte[] c = cjk[r.nextInt(cjk.length)].getBytes(StandardCharsets.UTF_8);
                texts.add(byteLevel(new byte[] {c[0], c[1]}));
                continue;
            } else {
                w.append(punct[r.nextInt(punct.length)]).append(letters.charAt(r.nextInt(letters.length())));
            }
            texts.add(byteLevel(w.toString()));
        }
        List<String> tokens = new ArrayList<>(texts);
        tokens.add("<|endoftext|>");
        tokens.add("<|im_start|>");
        tokens.add("<|im_end|>");
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = i < normal ? Vocabulary.NORMAL : Vocabulary.CONTROL;
        }
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", "qwen2");
        w.putString("tokenizer.ggml.model", "gpt2");
        w.putString("tokenizer.ggml.pre", "qwen2");
        w.putStringArray("tokenizer.ggml.tokens", tokens.toArray(new String[0]));
        w.putIntArray("tokenizer.ggml.token_type", types);
        w.putStringArray("tokenizer.ggml.merges", new String[] {"\u0120 t", "e r"});
        w.putUInt32("tokenizer.ggml.eos_token_id", normal);
        w.putUInt32("tokenizer.ggml.bos_token_id", normal);
        w.putBool("tokenizer.ggml.add_bos_token", false);
        return Vocabulary.fromGguf(GgufFile.read(new ArrayByteSource(w.toByteArray())));
    }
}
