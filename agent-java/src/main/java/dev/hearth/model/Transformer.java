package dev.hearth.model;

/**
 * The reference forward pass in F32 math, one token at a time, for every {@link Architecture}.
 * Reads top to bottom in the order the model computes; the per-architecture differences are the
 * optional weights in {@link Model.Layer} (null when a family has none) and the flags of {@link ModelConfig}.
 *
 * <p>Defaults: matmul inputs rounded as llama.cpp rounds them ({@link #setActivationRounding}), F32 KV cache
 * ({@link #setKvCacheF16} emulates llama.cpp's default F16 one), single-threaded ({@link #setRowRunner}).
 * With rounding and the F16 cache on, greedy ids equal llama.cpp's (flash attention off) on every model tested.
 *
 * <p>Names as in llama2.c: {@code x} the residual stream, {@code xb}/{@code xb2} scratch of the same width,
 * {@code q}, {@code k}, {@code v} this position's projections, {@code att} attention scores,
 * {@code hb}/{@code hb2} the FFN hidden state. Shapes in comments.
 */
public final class Transformer implements LogitsSource {
    public final Model model;
    public final ModelConfig c;
    /** Positions the KV cache holds. */
    public final int contextSize;
    private RowRunner runner = RowRunner.SERIAL;
    private ActivationRounding.Mode rounding = ActivationRounding.Mode.LLAMA_CPP;
    private boolean kvF16;

    // activations of the current position
    private final float[] x;      // (dim) residual stream
    private final float[] xb;     // (max(dim, qDim)) normed input / projection output
    private final float[] xb2;    // (nHeads * headDimV) attention output before attn_output
    private final float[] q;      // (nHeads * headDimK)
    private final float[] k;      // (nKvHeads * headDimK)
    private final float[] v;      // (nKvHeads * headDimV)
    private final float[] att;    // (nHeads, contextSize) scores, then weights
    private final float[] hb;     // (ffnDim) gate, then act(gate) * up
    private final float[] hb2;    // (ffnDim) up
    private final float[] logits; // (vocab)
    private final float[] xq;     // (max matmul input width) the input rounded as llama.cpp rounds it
    // RoPE tables of the current position: [0] global layers, [1] sliding layers
    private final float[][] ropeCos; // (2, ropeDim/2)
    private final float[][] ropeSin; // (2, ropeDim/2)
    private final float[] ropeFactors; // (ropeDim/2) or null: each frequency is divided by its factor
    // where the attention scale applies: to the scores (most families) or to q before q.k (gemma3). The same in
    // exact math; it matters when q is rounded to F16 for an F16 KV cache, as llama.cpp does.
    private final boolean scaleQueryFirst;
    private final float scoreScale;

    // KV cache
    private final float[][] keyCache;   // (layer, contextSize * kvDimK)
    private final float[][] valueCache; // (layer, contextSize * kvDimV)

    public Transformer(Model model, int contextSize) {
        this.model = model;
        this.c = model.config;
        if (contextSize <= 0) {
            throw new ModelException("context size must be positive, got " + contextSize);
        }
        this.contextSize = contextSize;
        x = new float[c.dim];
        xb = new float[Math.max(c.dim, c.qDim())];
        xb2 = new float[c.nHeads * c.headDimV];
        q = new float[c.qDim()];
        k = new float[c.kvDimK()];
        v = new float[c.kvDimV()];
        att = new float[c.nHeads * contextSize];
        hb = new float[c.ffnDim];
        hb2 = new float[c.ffnDim];
        logits = new float[c.vocabSize];
        xq = new float[Math.max(Math.max(c.dim, c.ffnDim), Math.max(c.qDim(), c.nHeads * c.headDimV))];
        ropeCos = new float[2][c.ropeDim / 2];
        ropeSin = new float[2][c.ropeDim / 2];
        if (model.ropeFreqs != null) {
            ropeFactors = model.ropeFreqs;
        } else if (model.ropeFactorsLong != null && contextSize > c.ropeOriginalContext) {
            ropeFactors = model.ropeFactorsLong; // phi3 LongRoPE, as llama.cpp picks by the context size
        } else {
            ropeFactors = model.ropeFactorsShort;
        }
        scaleQueryFirst = c.arch == Architecture.GEMMA3;
        scoreScale = scaleQueryFirst ? 1f : c.attentionScale;
        keyCache = new float[c.nLayers][contextSize * c.kvDimK()];
        valueCache = new float[c.nLayers][contextSize * c.kvDimV()];
    }

    /**
     * Whether matmul inputs are rounded to the weight's llama.cpp activation type (default, agrees with
     * llama.cpp's goldens) or kept in F32 (the exact-math reference). See {@link ActivationRounding}.
     */
    public void setActivationRounding(ActivationRounding.Mode mode) {
        this.rounding = mode;
    }

    /**
     * Emulates llama.cpp's default F16 KV cache: stored keys and values, the query and the attention
     * weights are rounded to F16 (its attention matmuls convert their F32 operand to F16). Off by default.
     */
    public void setKvCacheF16(boolean on) {
        this.kvF16 = on;
    }

    /** Spreads matrix rows and attention heads over threads (JVM only; see {@link RowRunner}). */
    public void setRowRunner(RowRunner runner) {
        this.runner = runner;
    }

    @Override
    public int contextSize() {
        return contextSize;
    }

    /**
     * Runs tokens at positions pos, pos+1, ... (the KV cache must hold positions before pos) and returns
     * the logits after the last one, (vocab). The array is reused by the next call.
     */
    @Override
    public float[] forward(int[] tokens, int pos) {
        if (tokens.length == 0) {
            throw new IllegalArgumentException("no tokens to run");
        }
        for (int i = 0; i < tokens.length; i++) {
            forwardToken(tokens[i], pos + i, i == tokens.length - 1);
        }
        return logits;
    }

    /** One token at position pos; the logits are computed only when wanted (the last token of a batch). */
    public float[] forwardToken(int token, int pos, boolean computeLogits) {
        if (pos < 0 || pos >= contextSize) {
            throw new ModelException("position " + pos + " is outside the context of " + contextSize
                    + " tokens; start a new conversation or use a larger context");
        }
        if (token < 0 || token >= c.vocabSize) {
            throw new ModelException("token id " + token + " is outside the vocabulary of " + c.vocabSize);
        }
        Model w = model;
        int dim = c.dim;
        int hsK = c.headDimK;
        int hsV = c.headDimV;
        int kvMul = c.nHeads / c.nKvHeads; // query heads per KV head (GQA)
        int kvDimK = c.kvDimK();
        int kvDimV = c.kvDimV();

        // embedding: one row of token_embd, dequantized
        w.tokenEmbd.row(token, x);
        if (c.embeddingScale != 1f) {
            for (int i = 0; i < dim; i++) {
                x[i] *= c.embeddingScale;
            }
        }
        ropeTable(0, pos, c.ropeBase, c.ropeFreqScale);
        if (c.slidingWindowPattern > 0) {
            ropeTable(1, pos, c.ropeBaseSliding, 1f);
        }

        for (int li = 0; li < c.nLayers; li++) {
            Model.Layer l = w.layers[li];
            boolean sliding = c.isSlidingLayer(li);

            // attention: xb = rmsnorm(x); q, k, v = projections of xb
            rmsnorm(xb, x, l.attnNorm, dim);
            matmul(q, l.wq, xb);
            matmul(k, l.wk, xb);
            matmul(v, l.wv, xb);
            addBias(q, l.bq);
            addBias(k, l.bk);
            addBias(v, l.bv);
            if (l.qNorm != null) { // per-head RMSNorm of q and k before RoPE (qwen3, gemma3)
                for (int h = 0; h < c.nHeads; h++) {
                    rmsnormInPlace(q, h * hsK, l.qNorm, hsK);
                }
            }
            if (l.kNorm != null) {
                for (int h = 0; h < c.nKvHeads; h++) {
                    rmsnormInPlace(k, h * hsK, l.kNorm, hsK);
                }
            }
            int table = sliding ? 1 : 0;
            for (int h = 0; h < c.nHeads; h++) {
                rope(q, h * hsK, table);
            }
            if (scaleQueryFirst) { // gemma3 (as llama.cpp builds it): q is scaled before the attention
                for (int i = 0; i < q.length; i++) {
                    q[i] *= c.attentionScale;
                }
            }
            for (int h = 0; h < c.nKvHeads; h++) {
                rope(k, h * hsK, table);
            }

            // KV cache: keyCache[li] (contextSize, kvDimK), valueCache[li] (contextSize, kvDimV)
            float[] kc = keyCache[li];
            float[] vc = valueCache[li];
            System.arraycopy(k, 0, kc, pos * kvDimK, kvDimK);
            System.arraycopy(v, 0, vc, pos * kvDimV, kvDimV);
            if (kvF16) {
                roundLikeF16Cache(kc, pos * kvDimK, kvDimK);
                roundLikeF16Cache(vc, pos * kvDimV, kvDimV);
                roundLikeF16Cache(q, 0, q.length); // llama.cpp converts q to F16 for its q.k matmul
            }

            // multi-head attention over positions [start, pos]; a sliding layer sees its last slidingWindow tokens
            int start = sliding ? Math.max(0, pos - c.slidingWindow + 1) : 0;
            final int p = pos;
            runner.run(c.nHeads, (h0, h1) -> {
                for (int h = h0; h < h1; h++) {
                    attendHead(h, p, start, kc, vc, kvMul, hsK, hsV, kvDimK, kvDimV);
                }
            });

            // output projection and residual: x += wo(xb2), with gemma3's norm of the branch first
            matmul(xb, l.wo, xb2);
            if (l.postAttnNorm != null) {
                rmsnormInPlace(xb, 0, l.postAttnNorm, dim);
            }
            for (int i = 0; i < dim; i++) {
                x[i] += xb[i];
            }

            // FFN: xb = rmsnorm(x); x += down(act(gate(xb)) * up(xb)), act = SiLU, or GELU(tanh) for gemma3
            rmsnorm(xb, x, l.ffnNorm, dim);
            matmul(hb, l.wGate, xb);
            matmul(hb2, l.wUp, xb);
            if (c.arch == Architecture.GEMMA3 && rounding == ActivationRounding.Mode.LLAMA_CPP) {
                for (int i = 0; i < c.ffnDim; i++) {
                    hb[i] = geluF16Table(hb[i]) * hb2[i];
                }
            } else if (c.arch == Architecture.GEMMA3) {
                for (int i = 0; i < c.ffnDim; i++) {
                    hb[i] = geluTanh(hb[i]) * hb2[i];
                }
            } else {
                for (int i = 0; i < c.ffnDim; i++) {
                    hb[i] = silu(hb[i]) * hb2[i];
                }
            }
            matmul(xb, l.wDown, hb);
            if (l.postFfnNorm != null) {
                rmsnormInPlace(xb, 0, l.postFfnNorm, dim);
            }
            for (int i = 0; i < dim; i++) {
                x[i] += xb[i];
            }
        }

        if (!computeLogits) {
            return null;
        }
        // final norm and classifier: logits = output(rmsnorm(x))
        rmsnorm(xb, x, w.outputNorm, dim);
        matmul(logits, w.output, xb);
        if (c.finalLogitSoftcap > 0f) {
            float cap = c.finalLogitSoftcap;
            for (int i = 0; i < logits.length; i++) {
                logits[i] = cap * (float) Math.tanh(logits[i] / cap);
            }
        }
        return logits;
    }

    /** Head h: xb2[h] (headDimV) = softmax(q[h] . k[t] * scale, t in [start, pos]) weighted sum of v[t]. */
    private void attendHead(int h, int pos, int start, float[] kc, float[] vc, int kvMul, int hsK, int hsV,
                            int kvDimK, int kvDimV) {
        int qOff = h * hsK;
        int kvh = h / kvMul;
        int attOff = h * contextSize;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = start; t <= pos; t++) {
            int kOff = t * kvDimK + kvh * hsK;
            float score = 0f;
            for (int i = 0; i < hsK; i++) {
                score += q[qOff + i] * kc[kOff + i];
            }
            score *= scoreScale;
            att[attOff + t] = score;
            if (score > max) {
                max = score;
            }
        }
        double sum = 0.0;
        for (int t = start; t <= pos; t++) {
            float e = (float) Math.exp(att[attOff + t] - max);
            att[attOff + t] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        int outOff = h * hsV;
        for (int i = 0; i < hsV; i++) {
            xb2[outOff + i] = 0f;
        }
        for (int t = start; t <= pos; t++) {
            float a = att[attOff + t] * inv;
            if (kvF16) {
                a = ActivationRounding.toF16(a);
            }
            int vOff = t * kvDimV + kvh * hsV;
            for (int i = 0; i < hsV; i++) {
                xb2[outOff + i] += a * vc[vOff + i];
            }
        }
    }

    /**
     * cos/sin of this position for each rotated pair: theta_i = pos * freqScale * base^(-2i/ropeDim) / factor_i.
     * Computed in float the way ggml's rope cache does (theta multiplied by base^(-2/ropeDim) pair after pair):
     * its rounding matters where q and k are later rounded to F16.
     */
    private void ropeTable(int table, int pos, float base, float freqScale) {
        int half = c.ropeDim / 2;
        float thetaScale = (float) Math.pow(base, -2.0f / c.ropeDim);
        float theta = pos;
        for (int i = 0; i < half; i++) {
            float t = freqScale * (ropeFactors != null ? theta / ropeFactors[i] : theta);
            ropeCos[table][i] = (float) Math.cos(t) * c.ropeAttnFactor;
            ropeSin[table][i] = (float) Math.sin(t) * c.ropeAttnFactor;
            theta *= thetaScale;
        }
    }

    /** Rotates one head in place: pairs (2i, 2i+1) for normal RoPE, (i, i + ropeDim/2) for NeoX. */
    private void rope(float[] vec, int off, int table) {
        int half = c.ropeDim / 2;
        float[] cos = ropeCos[table];
        float[] sin = ropeSin[table];
        for (int i = 0; i < half; i++) {
            int a = c.arch.ropeNeox ? off + i : off + 2 * i;
            int b = c.arch.ropeNeox ? off + i + half : off + 2 * i + 1;
            float v0 = vec[a];
            float v1 = vec[b];
            vec[a] = v0 * cos[i] - v1 * sin[i];
            vec[b] = v0 * sin[i] + v1 * cos[i];
        }
    }

    /** out (w.rows) = w (w.rows, w.cols) @ in (w.cols) */
    private void matmul(float[] out, Linear w, float[] in) {
        float[] src = rounding == ActivationRounding.Mode.LLAMA_CPP
                && ActivationRounding.round(w.tensor.type(), in, w.cols, xq) ? xq : in;
        runner.run(w.rows, (from, to) -> w.apply(out, src, from, to));
    }

    private static void roundLikeF16Cache(float[] a, int off, int n) {
        for (int i = off; i < off + n; i++) {
            a[i] = ActivationRounding.toF16(a[i]);
        }
    }

    private static void addBias(float[] vec, float[] bias) {
        if (bias != null) {
            for (int i = 0; i < bias.length; i++) {
                vec[i] += bias[i];
            }
        }
    }

    /** out = x / rms(x) * weight over n values; the mean of squares in double, as ggml does. */
    private void rmsnorm(float[] out, float[] in, float[] weight, int n) {
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            ss += (double) in[i] * in[i];
        }
        float scale = (float) (1.0 / Math.sqrt(ss / n + c.rmsEps));
        for (int i = 0; i < n; i++) {
            out[i] = in[i] * scale * weight[i];
        }
    }

    private void rmsnormInPlace(float[] vec, int off, float[] weight, int n) {
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            ss += (double) vec[off + i] * vec[off + i];
        }
        float scale = (float) (1.0 / Math.sqrt(ss / n + c.rmsEps));
        for (int i = 0; i < n; i++) {
            vec[off + i] = vec[off + i] * scale * weight[i];
        }
    }

    static float silu(float x) {
        return x / (1f + (float) Math.exp(-x));
    }

    /**
     * GELU as ggml's CPU backend computes it by default (GGML_GELU_FP16): the input rounded to F16 indexes a
     * table of F16 results; beyond +-10 it is 0 or x.
     */
    static float geluF16Table(float x) {
        if (x <= -10f) {
            return 0f;
        }
        if (x >= 10f) {
            return x;
        }
        float h = ActivationRounding.toF16(x);
        return ActivationRounding.toF16(0.5f * h * (1f + (float) Math.tanh(0.7978845608f * h * (1f + 0.044715f * h * h))));
    }

    /** GELU, tanh approximation (ggml_gelu). */
    static float geluTanh(float x) {
        return 0.5f * x * (1f + (float) Math.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)));
    }
}
