package dev.hearth.model;

import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.TensorInfo;
import dev.hearth.tensor.FloatTensor;
import dev.hearth.tensor.Tensors;

/**
 * A model's weights as named in GGUF ({@code token_embd}, {@code blk.N.attn_q}, ...). Matrices stay in
 * their stored type ({@link FloatTensor} reads them); norm vectors, biases and RoPE factors are
 * dequantized to float[] once. Absent optional weights are null.
 */
public final class Model {
    public final ModelConfig config;
    /** (vocab, dim) */
    public final Linear tokenEmbd;
    public final Layer[] layers;
    /** (dim) */
    public final float[] outputNorm;
    /** (vocab, dim): output.weight, or token_embd.weight when the file ties them. */
    public final Linear output;
    /** (ropeDim/2) llama 3's rope_freqs: frequency i is divided by ropeFreqs[i]. */
    public final float[] ropeFreqs;
    /** (ropeDim/2) phi3 LongRoPE factors for contexts up to / beyond the original context. */
    public final float[] ropeFactorsShort;
    public final float[] ropeFactorsLong;

    public static final class Layer {
        /** (dim) */
        public float[] attnNorm;
        /** (qDim, dim), (kvDimK, dim), (kvDimV, dim) */
        public Linear wq, wk, wv;
        /** (qDim), (kvDimK), (kvDimV): qwen2 */
        public float[] bq, bk, bv;
        /** (headDimK): qwen3, gemma3, applied to every head */
        public float[] qNorm, kNorm;
        /** (dim, nHeads * headDimV) */
        public Linear wo;
        /** (dim): gemma3 */
        public float[] postAttnNorm;
        /** (dim) */
        public float[] ffnNorm;
        /** (ffnDim, dim), (ffnDim, dim), (dim, ffnDim) */
        public Linear wGate, wUp, wDown;
        /** (dim): gemma3 */
        public float[] postFfnNorm;
    }

    private Model(ModelConfig config, Linear tokenEmbd, Layer[] layers, float[] outputNorm, Linear output,
                  float[] ropeFreqs, float[] ropeFactorsShort, float[] ropeFactorsLong) {
        this.config = config;
        this.tokenEmbd = tokenEmbd;
        this.layers = layers;
        this.outputNorm = outputNorm;
        this.output = output;
        this.ropeFreqs = ropeFreqs;
        this.ropeFactorsShort = ropeFactorsShort;
        this.ropeFactorsLong = ropeFactorsLong;
    }

    public static Model load(GgufFile gguf) {
        return load(gguf, ModelConfig.fromGguf(gguf));
    }

    public static Model load(GgufFile gguf, ModelConfig c) {
        Loader ld = new Loader(gguf);
        int dim = c.dim;
        Linear tokenEmbd = ld.matrix("token_embd.weight", 0, c.vocabSize, dim);
        float[] outputNorm = ld.vector("output_norm.weight", dim);
        Linear output = gguf.tensor("output.weight") != null
                ? ld.matrix("output.weight", 0, c.vocabSize, dim)
                : tokenEmbd;
        int half = c.ropeDim / 2;
        float[] ropeFreqs = ld.optionalVector("rope_freqs.weight", half);
        float[] ropeShort = ld.optionalVector("rope_factors_short.weight", half);
        float[] ropeLong = ld.optionalVector("rope_factors_long.weight", half);

        Layer[] layers = new Layer[c.nLayers];
        int qDim = c.qDim();
        int kDim = c.kvDimK();
        int vDim = c.kvDimV();
        for (int i = 0; i < c.nLayers; i++) {
            String b = "blk." + i + ".";
            Layer l = new Layer();
            l.attnNorm = ld.vector(b + "attn_norm.weight", dim);
            if (gguf.tensor(b + "attn_qkv.weight") != null) {
                // phi3: one tensor whose rows are Q, then K, then V
                l.wq = ld.matrix(b + "attn_qkv.weight", 0, qDim, dim);
                l.wk = ld.matrix(b + "attn_qkv.weight", qDim, kDim, dim);
                l.wv = ld.matrix(b + "attn_qkv.weight", qDim + kDim, vDim, dim);
            } else {
                l.wq = ld.matrix(b + "attn_q.weight", 0, qDim, dim);
                l.wk = ld.matrix(b + "attn_k.weight", 0, kDim, dim);
                l.wv = ld.matrix(b + "attn_v.weight", 0, vDim, dim);
            }
            l.bq = ld.optionalVector(b + "attn_q.bias", qDim);
            l.bk = ld.optionalVector(b + "attn_k.bias", kDim);
            l.bv = ld.optionalVector(b + "attn_v.bias", vDim);
            l.qNorm = ld.optionalVector(b + "attn_q_norm.weight", c.headDimK);
            l.kNorm = ld.optionalVector(b + "attn_k_norm.weight", c.headDimK);
            l.wo = ld.matrix(b + "attn_output.weight", 0, dim, c.nHeads * c.headDimV);
            l.postAttnNorm = ld.optionalVector(b + "post_attention_norm.weight", dim);
            l.ffnNorm = ld.vector(b + "ffn_norm.weight", dim);
            if (gguf.tensor(b + "ffn_gate.weight") != null) {
                l.wGate = ld.matrix(b + "ffn_gate.weight", 0, c.ffnDim, dim);
                l.wUp = ld.matrix(b + "ffn_up.weight", 0, c.ffnDim, dim);
            } else {
                // phi3: ffn_up holds 2 * ffnDim rows, the gate first, then the up projection
                l.wGate = ld.matrix(b + "ffn_up.weight", 0, c.ffnDim, dim);
                l.wUp = ld.matrix(b + "ffn_up.weight", c.ffnDim, c.ffnDim, dim);
            }
            l.wDown = ld.matrix(b + "ffn_down.weight", 0, dim, c.ffnDim);
            l.postFfnNorm = ld.optionalVector(b + "post_ffw_norm.weight", dim);
            layers[i] = l;
        }
        return new Model(c, tokenEmbd, layers, outputNorm, output, ropeFreqs, ropeShort, ropeLong);
    }

    /** Looks tensors up by name, checks their shapes, and loads each tensor once. */
    private static final class Loader {
        private final GgufFile gguf;
        private final java.util.Map<String, FloatTensor> loaded = new java.util.HashMap<>();

        Loader(GgufFile gguf) {
            this.gguf = gguf;
        }

        private TensorInfo info(String name) {
            TensorInfo t = gguf.tensor(name);
            if (t == null && gguf.tensors().isEmpty()) {
                throw new ModelException("this GGUF holds no tensors (a vocabulary-only file?): give a model file");
            }
            if (t == null) {
                throw new ModelException("tensor '" + name + "' is missing: the file does not match its architecture '"
                        + gguf.getString("general.architecture") + "'");
            }
            return t;
        }

        private FloatTensor tensor(TensorInfo t) {
            FloatTensor f = loaded.get(t.name);
            if (f == null) {
                f = Tensors.load(gguf, t);
                loaded.put(t.name, f);
            }
            return f;
        }

        Linear matrix(String name, long firstRow, int rows, int cols) {
            TensorInfo t = info(name);
            long tRows = t.elementCount() / Math.max(1, t.ne[0]);
            if (t.ne[0] != cols || firstRow + rows > tRows) {
                throw new ModelException("tensor '" + name + "' has shape " + shape(t) + ", expected rows of " + cols
                        + " and at least " + (firstRow + rows) + " rows");
            }
            return new Linear(tensor(t), name, firstRow, rows, cols);
        }

        float[] vector(String name, int n) {
            TensorInfo t = info(name);
            if (t.elementCount() != n) {
                throw new ModelException("tensor '" + name + "' has shape " + shape(t) + ", expected " + n + " values");
            }
            float[] v = new float[n];
            tensor(t).dequantize(0, v, 0, n);
            return v;
        }

        float[] optionalVector(String name, int n) {
            return gguf.tensor(name) == null ? null : vector(name, n);
        }

        private static String shape(TensorInfo t) {
            return java.util.Arrays.toString(t.ne);
        }
    }
}
