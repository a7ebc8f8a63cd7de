package dev.hearth.tokenizer;

import dev.hearth.gguf.GgufFile;
import java.util.HashMap;
import java.util.Map;

/**
 * A model's vocabulary as its GGUF metadata gives it: {@code tokenizer.ggml.*}. Token texts are kept as
 * Java strings and, for lookups of byte sequences, as "byte strings" (one char per UTF-8 byte).
 */
public final class Vocabulary {
    /** {@code tokenizer.ggml.token_type} values (llama.cpp's LLAMA_TOKEN_ATTR ordering in GGUF). */
    public static final int NORMAL = 1;
    public static final int UNKNOWN = 2;
    public static final int CONTROL = 3;
    public static final int USER_DEFINED = 4;
    public static final int UNUSED = 5;
    public static final int BYTE = 6;

    /** "llama" (SentencePiece-style) or "gpt2" (byte-level BPE). */
    public final String model;
    /** {@code tokenizer.ggml.pre}, or null. */
    public final String pre;
    public final String[] tokens;
    public final float[] scores;
    public final int[] types;
    public final String[] merges;
    public final int bos;
    public final int eos;
    public final int eot;
    public final int eom;
    public final int unk;
    public final int pad;
    public final int sep;
    public final boolean addBos;
    public final boolean addEos;
    public final boolean addSpacePrefix;
    /** {@code general.name}, or null: llama.cpp sets some token attributes by model name. */
    public final String modelName;
    /** Special tokens that swallow the whitespace before (lstrip) or after (rstrip) them in the input. */
    private final boolean[] lstrip;
    private final boolean[] rstrip;

    private final Map<String, Integer> byText = new HashMap<>();
    private final Map<String, Integer> byBytes = new HashMap<>();

    public Vocabulary(String model, String pre, String[] tokens, float[] scores, int[] types, String[] merges,
                      int bos, int eos, int eot, int eom, int unk, int pad, int sep, boolean addBos, boolean addEos,
                      boolean addSpacePrefix, String modelName) {
        this.model = model;
        this.pre = pre;
        this.tokens = java.util.Arrays.copyOf(tokens, tokens.length); // empty texts get renamed below
        this.scores = scores;
        this.merges = merges;
        this.bos = bos;
        this.eos = eos;
        this.unk = unk;
        this.pad = pad;
        this.sep = sep;
        this.addBos = addBos;
        this.addEos = addEos;
        this.addSpacePrefix = addSpacePrefix;
        for (int i = 0; i < tokens.length; i++) {
            if (this.tokens[i].isEmpty()) {
                this.tokens[i] = "[EMPTY_" + i + "]"; // llama.cpp renames empty tokens so that every text is unique
            }
            // a text listed twice maps to its last id, as in llama.cpp's token_to_id
            byText.put(this.tokens[i], i);
            byBytes.put(Utf8.byteString(this.tokens[i]), i);
        }
        // As llama.cpp (llama_vocab::impl::load): special tokens the metadata does not name are found by
        // text and become control tokens; end-of-generation markers and FIM pad/repo/file-separator are EOG.
        int[] t = types == null ? new int[tokens.length] : java.util.Arrays.copyOf(types, types.length);
        if (types == null) {
            java.util.Arrays.fill(t, NORMAL);
        }
        int eotId = eot >= 0 ? eot : find(EOT_TEXTS, t);
        int eomId = eom >= 0 ? eom : find(new String[] {"<|eom_id|>"}, t);
        this.eot = eotId;
        this.eom = eomId;
        find(FIM_PRE_TEXTS, t);
        find(FIM_SUF_TEXTS, t);
        find(FIM_MID_TEXTS, t);
        java.util.Set<Integer> eog = new java.util.HashSet<>();
        for (String[] texts : new String[][] {FIM_PAD_TEXTS, FIM_REP_TEXTS, {"<|file_sep|>"}}) {
            int id = find(texts, t);
            if (id >= 0) {
                eog.add(id);
            }
        }
        for (String text : EOG_TEXTS) {
            int id = id(text);
            if (id >= 0) {
                eog.add(id);
                t[id] = CONTROL;
            }
        }
        for (String text : new String[] {"<|channel|>", "<|message|>", "<|start|>", "<|constrain|>"}) {
            int id = id(text); // gpt-oss: always rendered
            if (id >= 0) {
                t[id] = USER_DEFINED;
            }
        }
        for (int id : new int[] {eos, eotId, eomId}) {
            if (id >= 0 && id < tokens.length) {
                eog.add(id);
            }
        }
        int end = id("<|end|>");
        if (end >= 0 && eog.contains(end) && eog.contains(id("<|return|>")) && eog.contains(id("<|call|>"))) {
            eog.remove(end); // o200k_harmony: <|end|> closes a message, not the generation
            t[end] = USER_DEFINED;
        }
        this.types = t;
        this.eogIds = eog;
        this.modelName = modelName;
        // llama.cpp (llama_vocab::impl::load, "set attributes by model/tokenizer/architecture name")
        lstrip = new boolean[tokens.length];
        rstrip = new boolean[tokens.length];
        String name = asciiLowerCase(modelName == null ? "" : modelName);
        if (pre != null && (pre.equals("jina-v2-de") || pre.equals("jina-v2-es") || pre.equals("jina-v2-code"))) {
            setStrip(lstrip, "<mask>", true);
        } else if (name.contains("phi-3") || name.contains("phi3")) {
            for (int i = 0; i < tokens.length; i++) {
                rstrip[i] = isSpecial(i);
            }
            setStrip(rstrip, "</s>", true);
            for (String text : new String[] {"<unk>", "<s>", "<|endoftext|>"}) {
                setStrip(rstrip, text, false);
            }
        }
    }

    /** std::tolower in the C locale, as llama.cpp lowercases general.name. */
    private static String asciiLowerCase(String s) {
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'A' && c[i] <= 'Z') {
                c[i] = (char) (c[i] + 32);
            }
        }
        return new String(c);
    }

    private void setStrip(boolean[] attr, String text, boolean value) {
        int id = id(text);
        if (id >= 0) {
            attr[id] = value;
        }
    }

    /** Whether whitespace before this special token in the input is dropped. */
    public boolean lstrip(int id) {
        return lstrip[id];
    }

    /** Whether whitespace after this special token in the input is dropped. */
    public boolean rstrip(int id) {
        return rstrip[id];
    }

    /** The id of the first of texts present, made a control token; -1 if none is present. */
    private int find(String[] texts, int[] t) {
        for (String text : texts) {
            int id = id(text);
            if (id >= 0) {
                t[id] = CONTROL;
                return id;
            }
        }
        return -1;
    }

    /** Texts llama.cpp takes for the end-of-turn token when the metadata names none. */
    private static final String[] EOT_TEXTS = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
        "<|end_of_text|>", "<EOT>", "_<EOT>", "<\uff5cend\u2581of\u2581sentence\uff5c>", "<end_of_utterance>"};
    private static final String[] FIM_PRE_TEXTS = {"<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>",
        "<\uff5cfim\u2581begin\uff5c>", "<PRE>", "\u2581<PRE>", "<|code_prefix|>"};
    private static final String[] FIM_SUF_TEXTS = {"<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>",
        "<\uff5cfim\u2581hole\uff5c>", "<SUF>", "\u2581<SUF>", "<|code_suffix|>"};
    private static final String[] FIM_MID_TEXTS = {"<|fim_middle|>", "<fim-middle>", "<fim_middle>",
        "<\uff5cfim\u2581end\uff5c>", "<MID>", "\u2581<MID>", "<|code_middle|>"};
    private static final String[] FIM_PAD_TEXTS = {"<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>"};
    private static final String[] FIM_REP_TEXTS = {"<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"};
    /** Texts llama.cpp treats as end of generation wherever they are in the vocabulary. */
    private static final String[] EOG_TEXTS = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>",
        "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>", "_<EOT>", "<|end_of_text|>", "<end_of_utterance>"};

    private final java.util.Set<Integer> eogIds;

    /** End of generation: EOS, EOT, EOM and the end-of-turn markers present in the vocabulary. */
    public boolean isEog(int id) {
        return eogIds.contains(id);
    }

    public static Vocabulary fromGguf(GgufFile f) {
        String model = f.getString("tokenizer.ggml.model", "llama");
        String[] tokens = f.getStringArray("tokenizer.ggml.tokens");
        if (tokens == null) {
            throw new TokenizerException("the model file has no vocabulary (tokenizer.ggml.tokens)");
        }
        String pre = f.getString("tokenizer.ggml.pre");
        // llama.cpp's defaults where the metadata is silent (llama_vocab::impl::load): SentencePiece <s>=1
        // </s>=2 <unk>=0, BOS added, a space prefix; GPT-2 BPE id 11 for BOS and EOS, BOS added for the
        // Llama 3 family and Tekken, no BOS at all for ChatGLM/GLM-4
        boolean spm = model.equals("llama");
        boolean bpe = model.equals("gpt2");
        int n = tokens.length;
        boolean noBos = bpe && ("chatglm-bpe".equals(pre) || "glm4".equals(pre));
        return new Vocabulary(model, pre, tokens,
                f.getFloatArray("tokenizer.ggml.scores"), f.getIntArray("tokenizer.ggml.token_type"),
                f.getStringArray("tokenizer.ggml.merges"),
                id(f, "tokenizer.ggml.bos_token_id", spm ? 1 : noBos ? -1 : bpe ? 11 : -1, n),
                id(f, "tokenizer.ggml.eos_token_id", spm ? 2 : bpe ? 11 : -1, n),
                id(f, "tokenizer.ggml.eot_token_id", -1, n),
                id(f, "tokenizer.ggml.eom_token_id", -1, n),
                id(f, "tokenizer.ggml.unknown_token_id", spm ? 0 : -1, n),
                id(f, "tokenizer.ggml.padding_token_id", -1, n),
                id(f, "tokenizer.ggml.seperator_token_id", -1, n),
                f.getBool("tokenizer.ggml.add_bos_token", spm || bpe && PreTokenizer.ignoresMerges(pre)),
                f.getBool("tokenizer.ggml.add_eos_token", false),
                f.getBool("tokenizer.ggml.add_space_prefix", spm), f.getString("general.name"));
    }

    /** A special token id from the metadata; one outside the vocabulary keeps the default, as in llama.cpp. */
    private static int id(GgufFile f, String key, int dflt, int n) {
        long v = f.getLong(key, dflt);
        return v >= 0 && v < n ? (int) v : dflt >= 0 && dflt < n ? dflt : -1;
    }

    public int size() {
        return tokens.length;
    }

    public int type(int id) {
        return types[id];
    }

    public float score(int id) {
        return scores == null ? 0f : scores[id];
    }

    /** The id of a token text, or -1. */
    public int id(String text) {
        Integer id = byText.get(text);
        return id == null ? -1 : id;
    }

    /** The id of a token given as a byte string (one char per UTF-8 byte), or -1. */
    int idOfBytes(String byteString) {
        Integer id = byBytes.get(byteString);
        return id == null ? -1 : id;
    }

    /** Control, user-defined and unknown tokens: llama.cpp looks for their texts in the input. */
    public boolean isSpecial(int id) {
        int t = type(id);
        return t == CONTROL || t == USER_DEFINED || t == UNKNOWN;
    }
}
