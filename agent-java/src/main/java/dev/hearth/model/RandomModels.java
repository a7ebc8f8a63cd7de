package dev.hearth.model;

import dev.hearth.sampling.SplitMix64;
import dev.hearth.tensor.GgmlType;
import dev.hearth.tensor.Half;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random-weight GGUF models of every supported architecture, for tests and benchmarks: the tensor names,
 * shapes and metadata keys llama.cpp's converter writes for that family, weights drawn from a seeded
 * {@link SplitMix64} (uniform, scaled by 1/sqrt(row length) so activations stay O(1)), 2-D tensors stored
 * in a chosen type (F32, F16, BF16, Q8_0, Q4_0), norms and biases in F32. The vocabulary is a small
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

    /** The whole GGUF file in memory (small models). */
    public static byte[] gguf(Shape s, GgmlType type, long seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(s, type, seed, out);
        return out.toByteArray();
    }

    /** Streams the GGUF file to out: weights are generated tensor by tensor, never all in memory. */
    public static void write(Shape s, GgmlType type, long seed, OutputStream out) {
        if (type != GgmlType.F32 && type != GgmlType.F16 && type != GgmlType.BF16 && type != GgmlType.Q8_0
                && type != GgmlType.Q4_0) {
            throw new ModelException("random models are written in F32, F16, BF16, Q8_0 or Q4_0, not " + type);
        }
        List<Tensor> tensors = tensors(s, type);
        Map<String, Object> meta = metadata(s);
        try {
            new Writer(out).write(meta, tensors, seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        m.put(a + "rope.dimension_count", s.headDim);
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
                tokens[i] = String.format("<0x%02X>", i - 3);
                types[i] = 6; // BYTE
            } else {
                tokens[i] = "\u2581t" + (i - 259);
                types[i] = 1; // NORMAL
                scores[i] = -(i - 259);
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
    private static final class Tensor {
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

        long count() {
            long n = 1;
            for (long d : ne) {
                n *= d;
            }
            return n;
        }

        long bytes() {
            return type.byteSize(count());
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

    // ---- GGUF v3 writing ----

    /**
     * Writes GGUF v3: header, metadata, tensor infos, then the data, every tensor at an offset that is a
     * multiple of the alignment (32).
     */
    private static final class Writer {
        private static final int ALIGNMENT = 32;
        private final OutputStream out;
        private long written;

        Writer(OutputStream out) {
            this.out = out;
        }

        void write(Map<String, Object> meta, List<Tensor> tensors, long seed) throws IOException {
            u32(0x46554747); // "GGUF"
            u32(3);
            u64(tensors.size());
            u64(meta.size());
            for (Map.Entry<String, Object> e : meta.entrySet()) {
                string(e.getKey());
                value(e.getValue());
            }
            long offset = 0;
            for (Tensor t : tensors) {
                string(t.name);
                u32(t.ne.length);
                for (long d : t.ne) {
                    u64(d);
                }
                u32(t.type.id);
                u64(offset);
                offset = align(offset + t.bytes());
            }
            pad();
            SplitMix64 rng = new SplitMix64(seed);
            for (Tensor t : tensors) {
                data(t, rng);
                pad();
            }
            out.flush();
        }

        private void data(Tensor t, SplitMix64 rng) throws IOException {
            long n = t.count();
            int chunk = 32 * 1024; // a multiple of every block size used here
            float[] v = new float[chunk];
            byte[] buf = new byte[(int) t.type.byteSize(chunk)];
            for (long done = 0; done < n; done += chunk) {
                int len = (int) Math.min(chunk, n - done);
                for (int i = 0; i < len; i++) {
                    v[i] = t.center + t.spread * (2f * rng.nextFloat() - 1f);
                }
                int bytes = encode(t.type, v, len, buf);
                out.write(buf, 0, bytes);
                written += bytes;
            }
        }

        private void value(Object v) throws IOException {
            if (v instanceof Integer) {
                u32(4); // UINT32
                u32((Integer) v);
            } else if (v instanceof Float) {
                u32(6); // FLOAT32
                u32(Float.floatToRawIntBits((Float) v));
            } else if (v instanceof Boolean) {
                u32(7); // BOOL
                byte1((Boolean) v ? 1 : 0);
            } else if (v instanceof String) {
                u32(8); // STRING
                string((String) v);
            } else if (v instanceof String[]) {
                u32(9);
                u32(8);
                String[] a = (String[]) v;
                u64(a.length);
                for (String s : a) {
                    string(s);
                }
            } else if (v instanceof float[]) {
                u32(9);
                u32(6);
                float[] a = (float[]) v;
                u64(a.length);
                for (float f : a) {
                    u32(Float.floatToRawIntBits(f));
                }
            } else if (v instanceof int[]) {
                u32(9);
                u32(5); // INT32
                int[] a = (int[]) v;
                u64(a.length);
                for (int i : a) {
                    u32(i);
                }
            } else {
                throw new IllegalArgumentException("no GGUF type for " + v);
            }
        }

        private static long align(long x) {
            return (x + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }

        private void pad() throws IOException {
            while (written % ALIGNMENT != 0) {
                byte1(0);
            }
        }

        private void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            out.write(b);
            written += b.length;
        }

        private void byte1(int b) throws IOException {
            out.write(b);
            written++;
        }

        private void u32(int x) throws IOException {
            for (int i = 0; i < 4; i++) {
                byte1((x >>> (8 * i)) & 0xFF);
            }
        }

        private void u64(long x) throws IOException {
            for (int i = 0; i < 8; i++) {
                byte1((int) ((x >>> (8 * i)) & 0xFF));
            }
        }
    }

    /** Encodes n values (a multiple of the block size) in ggml's layout for the type; returns the byte count. */
    static int encode(GgmlType type, float[] v, int n, byte[] dst) {
        int p = 0;
        switch (type) {
            case F32:
                for (int i = 0; i < n; i++) {
                    int b = Float.floatToRawIntBits(v[i]);
                    dst[p++] = (byte) b;
                    dst[p++] = (byte) (b >>> 8);
                    dst[p++] = (byte) (b >>> 16);
                    dst[p++] = (byte) (b >>> 24);
                }
                return p;
            case F16:
            case BF16:
                for (int i = 0; i < n; i++) {
                    short h = type == GgmlType.F16 ? Half.fromFloat(v[i]) : Half.floatToBf16(v[i]);
                    dst[p++] = (byte) h;
                    dst[p++] = (byte) (h >>> 8);
                }
                return p;
            case Q8_0:
                // block_q8_0: { ggml_half d; int8_t qs[32]; }, x = d * q
                for (int b = 0; b < n; b += 32) {
                    float amax = 0f;
                    for (int i = 0; i < 32; i++) {
                        amax = Math.max(amax, Math.abs(v[b + i]));
                    }
                    float d = amax / 127f;
                    float id = d != 0f ? 1f / d : 0f;
                    short h = Half.fromFloat(d);
                    dst[p++] = (byte) h;
                    dst[p++] = (byte) (h >>> 8);
                    for (int i = 0; i < 32; i++) {
                        dst[p++] = (byte) Math.round(v[b + i] * id);
                    }
                }
                return p;
            case Q4_0:
                // block_q4_0: { ggml_half d; uint8_t qs[16]; }, x = d * (q - 8); byte j holds elements j (low) and j+16 (high)
                for (int b = 0; b < n; b += 32) {
                    float amax = 0f;
                    float max = 0f;
                    for (int i = 0; i < 32; i++) {
                        if (Math.abs(v[b + i]) > amax) {
                            amax = Math.abs(v[b + i]);
                            max = v[b + i];
                        }
                    }
                    float d = max / -8f;
                    float id = d != 0f ? 1f / d : 0f;
                    short h = Half.fromFloat(d);
                    dst[p++] = (byte) h;
                    dst[p++] = (byte) (h >>> 8);
                    for (int j = 0; j < 16; j++) {
                        int lo = Math.min(15, (int) (v[b + j] * id + 8.5f));
                        int hi = Math.min(15, (int) (v[b + j + 16] * id + 8.5f));
                        dst[p++] = (byte) (lo | hi << 4);
                    }
                }
                return p;
            default:
                throw new ModelException("no encoder for " + type);
        }
    }
}
