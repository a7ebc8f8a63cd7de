package dev.hearth.model;

import dev.hearth.gguf.GgufWriter;
import dev.hearth.sampling.SplitMix64;
import dev.hearth.tensor.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random-weight GGUF models of every supported architecture, for tests and benchmarks: the tensor names,
 * shapes and metadata keys llama.cpp's converter writes for that family, weights drawn from a seeded
 * {@link SplitMix64} (uniform, scaled by 1/sqrt(row length) so activations stay O(1)), 2-D tensors stored
 * in a chosen type (any type dev.hearth.tensor.Quantizer writes; K-quants need row lengths that are multiples of 256),
 * norms and biases in F32. Written with {@link GgufWriter}. The vocabulary is a small
 * SentencePiece-style one (unk, BOS, EOS, 256 byte tokens, then filler pieces) padded to the vocab size.
 *
 * <p>Deterministic: the same shape, type and seed give the same bytes on every platform.
 */
public final class RandomModels {
    private RandomModels() {
    }

    /** The shapes a random model is built with. */
    public static final class Shape {
        public final Architecture arch;
        public final int dim, nLayers, nHeads, nKvHeads, ffnDim, vocab, contextLength, headDim;
        public final boolean tiedEmbeddings;
        /** Gemma 3 only: the sliding window of its local layers. */
        public final int slidingWindow;
        /** Optional extras, off by default: RoPE over fewer dims than the head, a linear RoPE scaling factor,
         *  llama 3's rope_freqs.weight (factors 1, 1.5, 2, ...), a final logit softcap. */
        public int ropeDim;
        public float ropeScalingFactor;
        public boolean ropeFreqs;
        public float finalLogitSoftcap;
        /** phi3 LongRoPE: rope_factors_short/long.weight, rope.scaling.attn_factor and original context 32. */
        public boolean longRope;

        public Shape(Architecture arch, int dim, int nLayers, int nHeads, int nKvHeads, int ffnDim, int vocab,
                     int contextLength, int headDim, boolean tiedEmbeddings, int slidingWindow) {
            this.arch = arch;
            this.dim = dim;
            this.nLayers = nLayers;
            this.nHeads = nHeads;
            this.nKvHeads = nKvHeads;
            this.ffnDim = ffnDim;
            this.vocab = vocab;
            this.contextLength = contextLength;
            this.headDim = headDim;
            this.tiedEmbeddings = tiedEmbeddings;
            this.slidingWindow = slidingWindow;
        }

        @Override
        public String toString() {
            return arch.ggufName + " dim " + dim + ", " + nLayers + " layers, " + nHeads + "/" + nKvHeads
                    + " heads of " + headDim + ", ffn " + ffnDim + ", vocab " + vocab
                    + (tiedEmbeddings ? ", tied" : ", separate output");
        }
    }

    /** SmolLM2-135M: llama, dim 576, 30 layers, 9 heads, 3 KV heads, FFN 1536, vocab 49152, tied embeddings. */
    public static Shape smolLM2_135M() {
        return new Shape(Architecture.LLAMA, 576, 30, 9, 3, 1536, 49152, 8192, 64, true, 0);
    }

    /**
     * A tiny model of the family: dim 64, 4 heads (2 KV) of 16, FFN 128, vocab 320. Gemma 3 gets 7 layers
     * (so layer 5 is global and the others slide, window 4) and head width 32 (key_length differs from dim/heads).
     */
    public static Shape tiny(Architecture arch) {
        switch (arch) {
            case GEMMA3:
                return new Shape(arch, 64, 7, 4, 2, 128, 320, 128, 32, true, 4);
            case QWEN2:
                return new Shape(arch, 64, 2, 4, 2, 128, 320, 128, 16, true, 0);
            default:
                return new Shape(arch, 64, 2, 4, 2, 128, 320, 128, 16, false, 0);
        }
    }

    /**
     * Writes one random model: {@code RandomModels ARCH|smollm2-135m TYPE SEED OUT.gguf}, e.g.
     * {@code RandomModels qwen3 Q8_0 77 /tmp/qwen3.gguf} (ARCH gives {@link #tiny}).
     */
    public static void main(String[] args) throws java.io.IOException {
        if (args.length != 4) {
            System.err.println("usage: RandomModels ARCH|smollm2-135m TYPE SEED OUT.gguf");
            System.exit(2);
        }
        Shape shape = args[0].equals("smollm2-135m") ? smolLM2_135M() : tiny(Architecture.fromGgufName(args[0]));
        try (OutputStream out = new java.io.BufferedOutputStream(
                java.nio.file.Files.newOutputStream(java.nio.file.Paths.get(args[3])), 1 << 20)) {
            write(shape, GgmlType.valueOf(args[1]), Long.parseLong(args[2]), out);
        }
    }

    /** The whole GGUF file in memory (small models). */
    public static byte[] gguf(Shape s, GgmlType type, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(s, type, seed, out);
        return out.toByteArray();
    }

    /** Writes the GGUF file to out with {@link GgufWriter}, generating one tensor at a time. */
    public static void write(Shape s, GgmlType type, long seed, OutputStream out) {
        GgufWriter w = new GgufWriter();
        for (Map.Entry<String, Object> e : metadata(s).entrySet()) {
            Object v = e.getValue();
            String k = e.getKey();
            if (v instanceof Integer) {
                w.putUInt32(k, (Integer) v);
            } else if (v instanceof Float) {
                w.putFloat32(k, (Float) v);
            } else if (v instanceof Boolean) {
                w.putBool(k, (Boolean) v);
            } else if (v instanceof String) {
                w.putString(k, (String) v);
            } else if (v instanceof String[]) {
                w.putStringArray(k, (String[]) v);
            } else if (v instanceof float[]) {
                w.putFloatArray(k, (float[]) v);
            } else {
                w.putIntArray(k, (int[]) v);
            }
        }
        // each tensor draws from its own generator, seeded by (seed, index): values do not depend on the order
        // in which the writer asks for them, and only one tensor's floats are in memory at a time
        List<Tensor> tensors = tensors(s, type);
        for (int ti = 0; ti < tensors.size(); ti++) {
            Tensor t = tensors.get(ti);
            long tensorSeed = seed ^ (0xD1B54A32D192ED03L * (ti + 1));
            w.addTensor(t.name, t.ne, t.type, () -> {
                SplitMix64 rng = new SplitMix64(tensorSeed);
                float[] v = new float[Math.toIntExact(t.count())];
                for (int i = 0; i < v.length; i++) {
                    v[i] = t.value(i, rng);
                }
                return v;
            });
        }
        w.write(out);
    }

    // ---- what llama.cpp's converter writes for each family ----

    private static Map<String, Object> metadata(Shape s) {
        String a = s.arch.ggufName + ".";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("general.architecture", s.arch.ggufName);
        m.put("general.name", "hearth-random-" + s.arch.ggufName);
        m.put(a + "context_length", s.contextLength);
        m.put(a + "embedding_length", s.dim);
        m.put(a + "block_count", s.nLayers);
        m.put(a + "feed_forward_length", s.ffnDim);
        m.put(a + "attention.head_count", s.nHeads);
        m.put(a + "attention.head_count_kv", s.nKvHeads);
        if (s.headDim != s.dim / s.nHeads) {
            m.put(a + "attention.key_length", s.headDim);
            m.put(a + "attention.value_length", s.headDim);
        }
        m.put(a + "rope.dimension_count", s.ropeDim > 0 ? s.ropeDim : s.headDim);
        if (s.ropeScalingFactor > 0f) {
            m.put(a + "rope.scaling.type", "linear");
            m.put(a + "rope.scaling.factor", s.ropeScalingFactor);
        }
        if (s.longRope) {
            m.put(a + "rope.scaling.attn_factor", 1.1f);
            m.put(a + "rope.scaling.original_context_length", 32);
        }
        if (s.finalLogitSoftcap > 0f) {
            m.put(a + "final_logit_softcapping", s.finalLogitSoftcap);
        }
        m.put(a + "rope.freq_base", s.arch == Architecture.GEMMA3 ? 1000000f : 10000f);
        m.put(a + "attention.layer_norm_rms_epsilon", s.arch == Architecture.GEMMA3 ? 1e-6f : 1e-5f);
        if (s.arch == Architecture.GEMMA3) {
            m.put(a + "attention.sliding_window", s.slidingWindow);
        }
        // a SentencePiece-style vocabulary: <unk>, <s>, </s>, 256 byte tokens, filler pieces
        String[] tokens = new String[s.vocab];
        float[] scores = new float[s.vocab];
        int[] types = new int[s.vocab];
        for (int i = 0; i < s.vocab; i++) {
            if (i == 0) {
                tokens[i] = "<unk>";
                types[i] = 2; // UNKNOWN
            } else if (i == 1 || i == 2) {
                tokens[i] = i == 1 ? "<s>" : "</s>";
                types[i] = 3; // CONTROL
            } else if (i < 259) {
                tokens[i] = "<0x" + "0123456789ABCDEF".charAt((i - 3) >> 4) + "0123456789ABCDEF".charAt((i - 3) & 15) + ">";
                types[i] = 6; // BYTE
            } else {
                tokens[i] = "\u2581t" + (i - 259);
                types[i] = 1; // NORMAL
                scores[i] = -(i - 259);
            }
        }
        if (s.arch == Architecture.PHI3) {
            // llama.cpp's vocabulary loader looks these up by text for phi3
            String[] special = {"<|endoftext|>", "<|assistant|>", "<|end|>", "<|system|>", "<|user|>"};
            for (int i = 0; i < special.length; i++) {
                int id = s.vocab - special.length + i;
                tokens[id] = special[i];
                types[id] = 3; // CONTROL
                scores[id] = 0f;
            }
        }
        m.put("tokenizer.ggml.model", "llama");
        m.put("tokenizer.ggml.tokens", tokens);
        m.put("tokenizer.ggml.scores", scores);
        m.put("tokenizer.ggml.token_type", types);
        m.put("tokenizer.ggml.bos_token_id", 1);
        m.put("tokenizer.ggml.eos_token_id", 2);
        m.put("tokenizer.ggml.unknown_token_id", 0);
        m.put("tokenizer.ggml.add_bos_token", Boolean.TRUE);
        return m;
    }

    /** One tensor to write: name, ne (ne[0] = row length), type, and the spread of its random values. */
    private static class Tensor {
        final String name;
        final long[] ne;
        final GgmlType type;
        final float center;
        final float spread;

        Tensor(String name, long[] ne, GgmlType type, float center, float spread) {
            this.name = name;
            this.ne = ne;
            this.type = type;
            this.center = center;
            this.spread = spread;
        }

        float value(int i, SplitMix64 rng) {
            return center + spread * (2f * rng.nextFloat() - 1f);
        }

        long count() {
            long n = 1;
            for (long d : ne) {
                n *= d;
            }
            return n;
        }
    }

    private static List<Tensor> tensors(Shape s, GgmlType t) {
        List<Tensor> l = new ArrayList<>();
        int dim = s.dim;
        int q = s.nHeads * s.headDim;
        int kv = s.nKvHeads * s.headDim;
        float norm = 0.1f; // norm weights: 1 + U(-0.1, 0.1)
        l.add(matrix("token_embd.weight", dim, s.vocab, t, 1f));
        if (!s.tiedEmbeddings) {
            l.add(matrix("output.weight", dim, s.vocab, t, 1f));
        }
        l.add(new Tensor("output_norm.weight", new long[] {dim}, GgmlType.F32, 1f, norm));
        if (s.longRope) {
            int half = (s.ropeDim > 0 ? s.ropeDim : s.headDim) / 2;
            l.add(new Tensor("rope_factors_long.weight", new long[] {half}, GgmlType.F32, 1f, 0f) {
                @Override
                float value(int i, SplitMix64 rng) {
                    return 1f + 2f * i;
                }
            });
            l.add(new Tensor("rope_factors_short.weight", new long[] {half}, GgmlType.F32, 1f, 0f) {
                @Override
                float value(int i, SplitMix64 rng) {
                    return 1f + 0.25f * i;
                }
            });
        }
        if (s.ropeFreqs) {
            int half = (s.ropeDim > 0 ? s.ropeDim : s.headDim) / 2;
            l.add(new Tensor("rope_freqs.weight", new long[] {half}, GgmlType.F32, 1f, 0f) {
                @Override
                float value(int i, SplitMix64 rng) {
                    return 1f + 0.5f * i; // deterministic: low frequencies slowed most, as llama 3's factors do
                }
            });
        }
        for (int i = 0; i < s.nLayers; i++) {
            String b = "blk." + i + ".";
            l.add(new Tensor(b + "attn_norm.weight", new long[] {dim}, GgmlType.F32, 1f, norm));
            if (s.arch == Architecture.PHI3) {
                l.add(matrix(b + "attn_qkv.weight", dim, q + 2 * kv, t, 1f));
            } else {
                l.add(matrix(b + "attn_q.weight", dim, q, t, 1f));
                l.add(matrix(b + "attn_k.weight", dim, kv, t, 1f));
                l.add(matrix(b + "attn_v.weight", dim, kv, t, 1f));
            }
            if (s.arch == Architecture.QWEN2) {
                l.add(new Tensor(b + "attn_q.bias", new long[] {q}, GgmlType.F32, 0f, 0.1f));
                l.add(new Tensor(b + "attn_k.bias", new long[] {kv}, GgmlType.F32, 0f, 0.1f));
                l.add(new Tensor(b + "attn_v.bias", new long[] {kv}, GgmlType.F32, 0f, 0.1f));
            }
            if (s.arch == Architecture.QWEN3 || s.arch == Architecture.GEMMA3) {
                l.add(new Tensor(b + "attn_q_norm.weight", new long[] {s.headDim}, GgmlType.F32, 1f, norm));
                l.add(new Tensor(b + "attn_k_norm.weight", new long[] {s.headDim}, GgmlType.F32, 1f, norm));
            }
            l.add(matrix(b + "attn_output.weight", q, dim, t, 1f));
            if (s.arch == Architecture.GEMMA3) {
                l.add(new Tensor(b + "post_attention_norm.weight", new long[] {dim}, GgmlType.F32, 1f, norm));
            }
            l.add(new Tensor(b + "ffn_norm.weight", new long[] {dim}, GgmlType.F32, 1f, norm));
            if (s.arch == Architecture.PHI3) {
                l.add(matrix(b + "ffn_up.weight", dim, 2 * s.ffnDim, t, 1f));
            } else {
                l.add(matrix(b + "ffn_gate.weight", dim, s.ffnDim, t, 1f));
                l.add(matrix(b + "ffn_up.weight", dim, s.ffnDim, t, 1f));
            }
            l.add(matrix(b + "ffn_down.weight", s.ffnDim, dim, t, 1f));
            if (s.arch == Architecture.GEMMA3) {
                l.add(new Tensor(b + "post_ffw_norm.weight", new long[] {dim}, GgmlType.F32, 1f, norm));
            }
        }
        return l;
    }

    /** A (rows, cols) matrix: U(-1, 1) * gain * sqrt(3 / cols), i.e. unit variance out for unit variance in. */
    private static Tensor matrix(String name, int cols, int rows, GgmlType t, float gain) {
        if (cols % t.blockSize != 0) {
            throw new ModelException("tensor '" + name + "' has rows of " + cols + ", not a multiple of "
                    + t + "'s block of " + t.blockSize + "; choose another type or shape");
        }
        return new Tensor(name, new long[] {cols, rows}, t, 0f, gain * (float) Math.sqrt(3.0 / cols));
    }
}
