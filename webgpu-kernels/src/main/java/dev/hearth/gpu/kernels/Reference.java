package dev.hearth.gpu.kernels;

/**
 * Plain-Java references of rope.wgsl, ffn.wgsl, attention.wgsl, logits.wgsl and embed.wgsl: the
 * oracles the browser checks compare the GPU against. Written for clarity, not speed.
 */
public final class Reference {
    private Reference() {}

    /** rope.wgsl on x (batch, heads, headDim) in place, row b at position pos0 + b. */
    public static void rope(float[] x, int batch, int heads, int headDim, int rotDims, int pos0, float[] table, boolean neox) {
        int half = rotDims / 2;
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                int base = (b * heads + h) * headDim;
                for (int i = 0; i < half; i++) {
                    float c = table[((pos0 + b) * half + i) * 2];
                    float s = table[((pos0 + b) * half + i) * 2 + 1];
                    int i0 = neox ? base + i : base + 2 * i;
                    int i1 = neox ? base + i + half : i0 + 1;
                    float x0 = x[i0];
                    float x1 = x[i1];
                    x[i0] = x0 * c - x1 * s;
                    x[i1] = x0 * s + x1 * c;
                }
            }
        }
    }

    public static float silu(float v) {
        return (float) (v / (1.0 + Math.exp(-v)));
    }

    /** GELU, tanh approximation (what llama.cpp uses for gemma). */
    public static float gelu(float v) {
        return (float) (0.5 * v * (1.0 + Math.tanh(Math.sqrt(2.0 / Math.PI) * (v + 0.044715 * v * v * v))));
    }

    /** ffn.wgsl with separate gate and up, each (batch, n). */
    public static float[] gated(float[] gate, float[] up, int batch, int n, boolean gelu) {
        float[] out = new float[batch * n];
        for (int i = 0; i < batch * n; i++) {
            out[i] = (gelu ? gelu(gate[i]) : silu(gate[i])) * up[i];
        }
        return out;
    }

    /** attention.wgsl: see its header for the shapes. Returns out (batch, nHead, headDim). */
    public static float[] attention(float[] q, float[] kcache, float[] vcache, int batch, int nHead, int nKv,
            int headDim, int pos0, float scale, int window) {
        return attention(q, kcache, vcache, batch, nHead, nKv, headDim, pos0, scale, window, false);
    }

    /**
     * As above; kvF16 rounds the query and each normalised attention weight to F16 as the JVM Transformer
     * does for llama.cpp's F16 KV cache (the cache itself is expected to hold F16-rounded values already).
     * Every attention kernel (single pass, tiled prefill, split decode) is checked against this.
     */
    public static float[] attention(float[] q, float[] kcache, float[] vcache, int batch, int nHead, int nKv,
            int headDim, int pos0, float scale, int window, boolean kvF16) {
        float[] out = new float[batch * nHead * headDim];
        int group = nHead / nKv;
        for (int b = 0; b < batch; b++) {
            int p = pos0 + b;
            int lo = Math.max(0, p + 1 - window);
            for (int h = 0; h < nHead; h++) {
                int kvh = h / group;
                double[] att = new double[p + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = lo; t <= p; t++) {
                    double s = 0;
                    for (int d = 0; d < headDim; d++) {
                        float qd = q[(b * nHead + h) * headDim + d];
                        s += (double) (kvF16 ? f16(qd) : qd)
                                * kcache[(t * nKv + kvh) * headDim + d];
                    }
                    att[t] = s * scale;
                    max = Math.max(max, att[t]);
                }
                double sum = 0;
                for (int t = lo; t <= p; t++) {
                    att[t] = Math.exp(att[t] - max);
                    sum += att[t];
                }
                for (int t = lo; t <= p; t++) {
                    att[t] = kvF16 ? f16((float) (att[t] / sum)) : att[t] / sum;
                }
                for (int d = 0; d < headDim; d++) {
                    double acc = 0;
                    for (int t = lo; t <= p; t++) {
                        acc += att[t] * vcache[(t * nKv + kvh) * headDim + d];
                    }
                    out[(b * nHead + h) * headDim + d] = (float) acc;
                }
            }
        }
        return out;
    }

    /** The nearest F16 value (ties to even), as a float: half.wgsl's to_f16. */
    static float f16(float v) {
        return dev.hearth.tensor.Half.toFloat(dev.hearth.tensor.Half.fromFloat(v) & 0xffff);
    }

    /** logits.wgsl: index of the largest value, ties to the lowest index. */
    public static int argmax(float[] logits, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** embed.wgsl over a dequantized table (vocab, dim). */
    public static float[] embed(float[] table, int[] tokens, int dim, float scale) {
        float[] x = new float[tokens.length * dim];
        for (int b = 0; b < tokens.length; b++) {
            for (int i = 0; i < dim; i++) {
                x[b * dim + i] = table[tokens[b] * dim + i] * scale;
            }
        }
        return x;
    }

    /** logits.wgsl top_k: the k largest as (index, value), largest first, ties to the lowest index. */
    public static int[] topK(float[] logits, int k) {
        Integer[] idx = new Integer[logits.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
