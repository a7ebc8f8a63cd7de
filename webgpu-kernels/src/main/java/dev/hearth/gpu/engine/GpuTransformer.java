package dev.hearth.gpu.engine;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.Readback;
import dev.hearth.gpu.kernels.ElementwiseKernels;
import dev.hearth.gpu.kernels.GpuWeight;
import dev.hearth.gpu.kernels.KvCache;
import dev.hearth.gpu.kernels.MatVec;
import dev.hearth.gpu.kernels.Norm;
import dev.hearth.gpu.kernels.Ops;
import dev.hearth.gpu.kernels.RopeTable;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUCommandEncoder;
import dev.hearth.gpu.webgpu.Js;
import dev.hearth.model.ModelConfig;
import dev.hearth.model.ModelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The forward pass on the GPU, in the same order as the JVM reference ({@code dev.hearth.model.Transformer}).
 * A step runs up to {@link #maxBatch} tokens; longer prompts run in chunks. For each batch size a
 * plan (the list of dispatches, with their bind groups and uniforms) is built once; a step then only
 * writes the step uniform and the token ids, encodes the plan into one compute pass of one command
 * buffer, and reads back a token id (greedy) or the logits. No buffer, bind group or pipeline is
 * created per token.
 */
public final class GpuTransformer {
    public final GpuModel m;
    public final ModelConfig c;
    public final int contextSize;
    public final int maxBatch;
    private final Gpu gpu;
    private final MatVec.Strategy strategy;

    // activations, sized for maxBatch tokens
    private final GPUBuffer x;      // (maxBatch, dim) residual stream
    private final GPUBuffer xb;     // (maxBatch, dim) normed input / branch output
    private final GPUBuffer q;      // (maxBatch, nHeads * headDim)
    private final GPUBuffer k;      // (maxBatch, nKvHeads * headDim)
    private final GPUBuffer v;      // (maxBatch, nKvHeads * headDim)
    private final GPUBuffer attOut; // (maxBatch, nHeads * headDim)
    private final GPUBuffer att;    // (nHeads, contextSize) scores scratch of decode attention
    private final GPUBuffer attPart; // (nHeads, splitChunks, 2) chunk max and sum of the split decode attention
    private final GPUBuffer attPout; // (nHeads, splitChunks, headDim) chunk outputs of the split decode attention
    private int splitDecodeFrom = DEFAULT_SPLIT_DECODE_FROM;
    private final GPUBuffer hb;     // (maxBatch, ffnDim) gate, then act(gate) * up
    private final GPUBuffer hb2;    // (maxBatch, ffnDim) up
    private final GPUBuffer hb3;    // (maxBatch, ffnDim) act(gate) * up
    private final GPUBuffer xq;     // (maxBatch, max width) a matmul input rounded as llama.cpp rounds it
    private boolean llamaCppRounding = true;
    private boolean kvF16 = true;
    private final GPUBuffer logits; // (vocab) of the batch's last token
    private final GPUBuffer argmax; // (1) u32
    private final GPUBuffer tokens; // (maxBatch) u32
    private final GPUBuffer step;   // uniform {pos0, n_tokens}
    private final GPUBuffer ropeGlobal;  // (contextSize, ropeDim/2, 2)
    private final GPUBuffer ropeSliding; // same, for sliding-window layers (gemma3), else = ropeGlobal
    private final GPUBuffer[] keyCache;   // per layer (contextSize, nKvHeads * headDim)
    private final GPUBuffer[] valueCache; // per layer (contextSize, nKvHeads * headDim)
    private KvCache cacheLayout;          // what the caches were allocated for (null before the first plan)
    private final Readback readback;
    private final Map<Integer, Dispatch[]> plans = new HashMap<>();
    private final Dispatch[] argmaxPlan;
    private final GPUBuffer topK;   // (2 * MAX_TOP_K) u32: (id, f32 bits) pairs
    private final Map<Integer, Dispatch[]> topKPlans = new HashMap<>();
    /**
     * From this position on, a decode step runs attention split over the sequence (attention_split.wgsl:
     * every chunk of 256 keys a workgroup) instead of one workgroup per head walking every position.
     */
    public static final int DEFAULT_SPLIT_DECODE_FROM = 512;
    /** Plan key of a decode step with split attention (prompt chunks are keyed by their length). */
    private static final int SPLIT_DECODE = -1;
    /** The most candidates {@link #topK} reads back. */
    public static final int MAX_TOP_K = 64;

    public GpuTransformer(Gpu gpu, GpuModel m, int contextSize, int maxBatch, MatVec.Strategy strategy) {
        this.gpu = gpu;
        this.m = m;
        this.c = m.c;
        this.contextSize = contextSize;
        this.maxBatch = maxBatch;
        this.strategy = strategy;
        int hd = c.headDimK;
        x = gpu.storage(4L * maxBatch * c.dim, "x");
        xb = gpu.storage(4L * maxBatch * c.dim, "xb");
        q = gpu.storage(4L * maxBatch * c.nHeads * hd, "q");
        k = gpu.storage(4L * maxBatch * c.nKvHeads * hd, "k");
        v = gpu.storage(4L * maxBatch * c.nKvHeads * hd, "v");
        attOut = gpu.storage(4L * maxBatch * c.nHeads * hd, "attOut");
        att = gpu.storage(4L * c.nHeads * contextSize, "att");
        attPart = gpu.storage(4L * c.nHeads * Ops.splitChunks(contextSize) * 2, "att.part");
        attPout = gpu.storage(4L * c.nHeads * Ops.splitChunks(contextSize) * hd, "att.pout");
        hb = gpu.storage(4L * maxBatch * c.ffnDim, "hb");
        hb2 = gpu.storage(4L * maxBatch * c.ffnDim, "hb2");
        hb3 = gpu.storage(4L * maxBatch * c.ffnDim, "hb3");
        xq = gpu.storage(4L * maxBatch * Math.max(Math.max(c.dim, c.ffnDim), c.nHeads * hd), "xq");
        logits = gpu.storage(4L * c.vocabSize, "logits");
        argmax = gpu.storage(4, "argmax");
        tokens = gpu.storage(4L * maxBatch, "tokens");
        step = new Ops(gpu).step(0, 1);
        ropeGlobal = gpu.upload(RopeTable.compute(contextSize, c.ropeDim, c.ropeBase, c.ropeFreqScale,
                m.ropeFactors, c.ropeAttnFactor), "rope.global");
        ropeSliding = c.slidingWindowPattern > 0
                ? gpu.upload(RopeTable.compute(contextSize, c.ropeDim, c.ropeBaseSliding, 1.0, m.ropeFactors,
                        c.ropeAttnFactor), "rope.sliding")
                : ropeGlobal;
        keyCache = new GPUBuffer[c.nLayers];
        valueCache = new GPUBuffer[c.nLayers];
        readback = new Readback(gpu, 4L * c.vocabSize);
        argmaxPlan = new Dispatch[] {new Ops(gpu).argmax(logits, argmax, c.vocabSize, 0)};
        topK = gpu.storage(8L * MAX_TOP_K, "top_k");
    }

    /**
     * Whether matmul inputs are rounded as llama.cpp rounds them (default: the JVM backend's default too,
     * so both give llama.cpp's tokens), or kept in exact F32. Clears the built plans.
     */
    public void setLlamaCppRounding(boolean on) {
        if (on != llamaCppRounding) {
            llamaCppRounding = on;
            plans.clear();
        }
    }

    /**
     * Whether the KV cache behaves as llama.cpp's default F16 cache (values, queries and attention weights
     * rounded to F16; default, like the JVM command line) or holds exact F32. Clears the built plans.
     */
    public void setKvCacheF16(boolean on) {
        if (on != kvF16) {
            kvF16 = on;
            plans.clear();
        }
    }

    /** The position from which decode steps split attention over the sequence (tests lower it). */
    public void setSplitDecodeFrom(int position) {
        splitDecodeFrom = Math.max(0, position);
    }

    /**
     * How the cache holds keys and values: exact F32, or llama.cpp's F16 cache, in f16 buffers where the
     * device has shader-f16 and emulated in f32 buffers elsewhere (the same values either way).
     */
    public KvCache kvCache() {
        return kvF16 ? KvCache.f16(gpu.shaderF16()) : KvCache.F32;
    }

    /**
     * (Re)creates the per-layer caches for a layout (bytes per value differ): when the first plan is
     * built, and after the layout changed (the cached positions are then gone: a new conversation).
     */
    private void allocateCaches(KvCache kv) {
        if (cacheLayout == kv) {
            return;
        }
        for (int i = 0; i < c.nLayers; i++) {
            if (keyCache[i] != null) {
                keyCache[i].destroy();
                valueCache[i].destroy();
            }
            keyCache[i] = gpu.storage((long) kv.bytes * contextSize * c.kvDimK(), "kcache." + i);
            valueCache[i] = gpu.storage((long) kv.bytes * contextSize * c.kvDimV(), "vcache." + i);
        }
        cacheLayout = kv;
    }

    /** out = W x for n rows, rounding x first where llama.cpp would. */
    private void matvec(List<Dispatch> d, Ops ops, GpuWeight w, GPUBuffer input, int xOffset, GPUBuffer out, int n, int rows) {
        if (llamaCppRounding && w.rounding != GpuWeight.Rounding.NONE) {
            d.add(ops.round(input, xq, step, rows, w.n, w.rounding));
            d.add(MatVec.prepare(gpu, w, xq, xOffset, out, n, strategy));
        } else {
            d.add(MatVec.prepare(gpu, w, input, xOffset, out, n, strategy));
        }
    }

    /**
     * outs[i] = ws[i] x for the n rows of one input (q, k, v of xb; gate, up of xb), rounding the input
     * once for all the weights that round it alike.
     */
    private void matvecs(List<Dispatch> d, Ops ops, GPUBuffer input, int n, GpuWeight[] ws, GPUBuffer[] outs) {
        GpuWeight.Rounding rounded = null; // what xq holds
        for (int i = 0; i < ws.length; i++) {
            GpuWeight w = ws[i];
            if (llamaCppRounding && w.rounding != GpuWeight.Rounding.NONE) {
                if (w.rounding != rounded) { // the weights of one input all have its width, w.n
                    d.add(ops.round(input, xq, step, n, w.n, w.rounding));
                    rounded = w.rounding;
                }
                d.add(MatVec.prepare(gpu, w, xq, 0, outs[i], n, strategy));
            } else {
                d.add(MatVec.prepare(gpu, w, input, 0, outs[i], n, strategy));
            }
        }
    }

    /**
     * The dispatches of one step of {@code n} tokens: embedding, every layer, final norm, classifier.
     * {@code key} is n, or {@link #SPLIT_DECODE} for one token with split attention.
     */
    private Dispatch[] plan(int key) {
        Dispatch[] p = plans.get(key);
        if (p != null) {
            return p;
        }
        int n = key == SPLIT_DECODE ? 1 : key;
        Ops ops = new Ops(gpu);
        ElementwiseKernels ew = new ElementwiseKernels(gpu);
        int hd = c.headDimK;
        int qDim = c.nHeads * hd;
        int kvDim = c.nKvHeads * hd;
        float eps = c.rmsEps;
        KvCache kv = kvCache();
        allocateCaches(kv);
        List<Dispatch> d = new ArrayList<>();
        d.add(ops.embed(m.tokenEmbd, tokens, x, step, n, c.embeddingScale));
        for (int li = 0; li < c.nLayers; li++) {
            GpuModel.Layer l = m.layers[li];
            boolean sliding = c.isSlidingLayer(li);
            // attention: xb = rmsnorm(x) (after the previous layer's x += xb); q, k, v = projections of xb
            d.add(li == 0 ? Norm.rmsNorm(gpu, x, l.attnNorm, xb, n, c.dim, eps)
                    : Norm.addRmsNorm(gpu, x, xb, l.attnNorm, n, c.dim, eps));
            matvecs(d, ops, xb, n, new GpuWeight[] {l.wq, l.wk, l.wv}, new GPUBuffer[] {q, k, v});
            if (l.bq != null) {
                d.add(ew.addRow(q, l.bq, n * qDim, qDim));
            }
            if (l.bk != null) {
                d.add(ew.addRow(k, l.bk, n * kvDim, kvDim));
            }
            if (l.bv != null) {
                d.add(ew.addRow(v, l.bv, n * kvDim, kvDim));
            }
            if (l.qNorm != null) { // per-head RMSNorm of q and k before RoPE (qwen3, gemma3)
                d.add(Norm.rmsNormInPlace(gpu, q, l.qNorm, n * c.nHeads, hd, eps));
            }
            if (l.kNorm != null) {
                d.add(Norm.rmsNormInPlace(gpu, k, l.kNorm, n * c.nKvHeads, hd, eps));
            }
            GPUBuffer table = sliding ? ropeSliding : ropeGlobal;
            d.add(ops.ropePair(q, k, table, step, n, c.nHeads, c.nKvHeads, hd, c.ropeDim, c.arch.ropeNeox));
            // KV cache: this step's rows go to positions pos0 .. pos0 + n - 1
            d.add(ew.storePair(keyCache[li], k, valueCache[li], v, step, n, kvDim, kv));
            int window = sliding ? c.slidingWindow : contextSize;
            if (n > 1) { // a prompt chunk: tiled over queries and keys, no score scratch
                d.add(ops.attentionPrefill(q, keyCache[li], valueCache[li], attOut, step, n, c.nHeads, c.nKvHeads, hd,
                        contextSize, c.attentionScale, window, kv));
            } else if (key == SPLIT_DECODE) { // a long context: every chunk of keys its own workgroup
                for (Dispatch a : ops.attentionSplit(q, keyCache[li], valueCache[li], att, attPart, attPout, attOut, step,
                        c.nHeads, c.nKvHeads, hd, contextSize, c.attentionScale, window, kv)) {
                    d.add(a);
                }
            } else {
                d.add(ops.attention(q, keyCache[li], valueCache[li], att, attOut, step, n, c.nHeads, c.nKvHeads, hd,
                        contextSize, c.attentionScale, window, kv));
            }
            // output projection and residual: x += wo(attOut), with gemma3's norm of the branch first
            matvec(d, ops, l.wo, attOut, 0, xb, n, n);
            if (l.postAttnNorm != null) {
                d.add(Norm.rmsNormInPlace(gpu, xb, l.postAttnNorm, n, c.dim, eps));
            }
            // FFN: x += xb, xb = rmsnorm(x) in one dispatch; then x += down(act(gate(xb)) * up(xb))
            d.add(Norm.addRmsNorm(gpu, x, xb, l.ffnNorm, n, c.dim, eps));
            matvecs(d, ops, xb, n, new GpuWeight[] {l.wGate, l.wUp}, new GPUBuffer[] {hb, hb2});
            d.add(ops.gated(hb, hb2, hb3, step, n, c.ffnDim, c.ffnDim, 0, c.ffnDim, 0, m.gelu()));
            matvec(d, ops, l.wDown, hb3, 0, xb, n, n);
            if (l.postFfnNorm != null) {
                d.add(Norm.rmsNormInPlace(gpu, xb, l.postFfnNorm, n, c.dim, eps));
            }
            // x += xb is left to the next norm (the next layer's, or the final one)
        }
        // residual, final norm and classifier of the last token: x += xb; logits = output(rmsnorm(x[n - 1]))
        d.add(Norm.addRmsNorm(gpu, x, xb, m.outputNorm, n, c.dim, eps));
        matvec(d, ops, m.output, xb, (n - 1) * c.dim, logits, 1, n);
        p = d.toArray(new Dispatch[0]);
        plans.put(key, p);
        return p;
    }

    /** Runs tokens at positions pos, pos + 1, ... in chunks of at most maxBatch, leaving the last token's logits on the GPU. */
    private void run(int[] ids, int pos) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("no tokens to run");
        }
        if (pos < 0 || pos + ids.length > contextSize) {
            throw new ModelException("positions " + pos + ".." + (pos + ids.length - 1) + " are outside the context of "
                    + contextSize + " tokens; start a new conversation or use a larger context");
        }
        for (int start = 0; start < ids.length; start += maxBatch) {
            int n = Math.min(maxBatch, ids.length - start);
            int[] chunk = new int[n];
            for (int i = 0; i < n; i++) {
                int t = ids[start + i];
                if (t < 0 || t >= c.vocabSize) {
                    throw new ModelException("token id " + t + " is outside the vocabulary of " + c.vocabSize);
                }
                chunk[i] = t;
            }
            gpu.write(tokens, chunk);
            gpu.write(step, new int[] {pos + start, n, 0, 0});
            GPUCommandEncoder enc = gpu.device().createCommandEncoder();
            Gpu.encode(enc, plan(n == 1 && pos + start >= splitDecodeFrom ? SPLIT_DECODE : n));
            submit(enc);
        }
    }

    private void submit(GPUCommandEncoder enc) {
        org.teavm.jso.JSObject list = Js.array();
        Js.push(list, enc.finish());
        gpu.device().getQueue().submit(list);
    }

    /** Runs the tokens and returns the greedy next token (argmax on the GPU, ties to the lowest id). */
    public int nextGreedy(int[] ids, int pos) {
        run(ids, pos);
        GPUCommandEncoder enc = gpu.device().createCommandEncoder();
        Gpu.encode(enc, argmaxPlan);
        readback.copy(enc, argmax, 4);
        submit(enc);
        return readback.ints(1)[0];
    }

    /**
     * Runs the tokens and returns the k largest logits of the last token as a vocabulary-sized array that
     * holds -infinity elsewhere (k <= MAX_TOP_K), so a sampler needs only 8k bytes read back per token.
     * The final softcap, monotonic, is applied to the candidates.
     */
    public float[] topKLogits(int[] ids, int pos, int k) {
        if (k < 1 || k > MAX_TOP_K) {
            throw new IllegalArgumentException("top-k on the GPU takes 1.." + MAX_TOP_K + " candidates, not " + k);
        }
        run(ids, pos);
        Dispatch[] plan = topKPlans.computeIfAbsent(k, n -> new Dispatch[] {new Ops(gpu).topK(logits, topK, c.vocabSize, 0, n)});
        GPUCommandEncoder enc = gpu.device().createCommandEncoder();
        Gpu.encode(enc, plan);
        readback.copy(enc, topK, 8L * k);
        submit(enc);
        int[] pairs = readback.ints(2 * k);
        float[] out = new float[c.vocabSize];
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < k; i++) {
            float v = Float.intBitsToFloat(pairs[2 * i + 1]);
            if (c.finalLogitSoftcap > 0f) {
                v = c.finalLogitSoftcap * (float) Math.tanh(v / c.finalLogitSoftcap);
            }
            out[pairs[2 * i]] = v;
        }
        return out;
    }

    /** Runs the tokens and returns the last token's logits (vocab), with the model's final softcap applied. */
    public float[] logits(int[] ids, int pos) {
        run(ids, pos);
        GPUCommandEncoder enc = gpu.device().createCommandEncoder();
        readback.copy(enc, logits, 4L * c.vocabSize);
        submit(enc);
        float[] out = readback.floats(c.vocabSize);
        if (c.finalLogitSoftcap > 0f) {
            float cap = c.finalLogitSoftcap;
            for (int i = 0; i < out.length; i++) {
                out[i] = cap * (float) Math.tanh(out[i] / cap);
            }
        }
        return out;
    }

    /** Destroys the device under the engine, as a driver reset would (for tests of device loss). */
    public void loseDevice() {
        gpu.device().destroy();
    }

    /** Releases the device and with it every buffer; the engine cannot be used afterwards. */
    public void destroy() {
        plans.clear();
        readback.destroy();
        gpu.destroy();
    }
}
