package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import java.util.HashMap;
import java.util.Map;

/**
 * Prepares dispatches of rope.wgsl, ffn.wgsl, attention.wgsl, logits.wgsl and embed.wgsl.
 * Shapes are fixed when a dispatch is prepared; what changes per step (the position, the number of
 * tokens) is read from the {@code step} uniform ({@link #STEP}: pos0, n_tokens), written once per step.
 */
public final class Ops {
    /** The per-step uniform every position-dependent kernel reads: {pos0, n_tokens}. */
    public static final Params STEP = Params.of().u32("pos0").u32("n_tokens");

    static final Params ROPE = Params.of().u32("head_dim").u32("heads").u32("rot_dims").u32("stride").u32("heads2");
    static final Params FFN = Params.of().u32("n").u32("stride").u32("g_stride").u32("g_off").u32("u_stride").u32("u_off");
    static final Params ATTENTION = Params.of().u32("head_dim").u32("n_head").u32("n_kv").u32("ctx")
            .f32("scale").u32("window");
    static final Params ATTENTION_SPLIT = Params.of().u32("head_dim").u32("n_head").u32("n_kv").u32("ctx")
            .f32("scale").u32("window").u32("chunk").u32("n_chunks");
    static final Params LOGITS = Params.of().u32("n").u32("offset").u32("k");
    static final Params EMBED = Params.of().u32("dim").u32("stride").f32("scale");
    static final Params ROUND = Params.of().u32("n").u32("stride");

    private static final int WG = 64;
    private final Gpu gpu;

    public Ops(Gpu gpu) {
        this.gpu = gpu;
    }

    private GPUComputePipeline pipeline(String source, Params params, String entry, String... defines) {
        Map<String, String> d = new HashMap<>();
        for (String name : defines) {
            d.put(name, "");
        }
        return gpu.pipeline(KernelSource.expand(source, params, d), entry);
    }

    /** rope over x (maxTokens, heads, headDim); table from {@link RopeTable}. */
    public Dispatch rope(GPUBuffer x, GPUBuffer table, GPUBuffer step, int maxTokens, int heads, int headDim,
            int rotDims, boolean neox) {
        GPUComputePipeline p = neox ? pipeline(WgslSources.ROPE, ROPE, "rope", "NEOX") : pipeline(WgslSources.ROPE, ROPE, "rope");
        Grid g = Grid.of((long) maxTokens * heads * (rotDims / 2), WG, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(ROPE.pack(headDim, heads, rotDims, g.stride, 0), "rope.params");
        return new Dispatch(p, gpu.bindGroup(p, x, table, params, step), g.x, g.y, 1);
    }

    /** rope over q (maxTokens, heads, headDim) and k (maxTokens, heads2, headDim) in one dispatch. */
    public Dispatch ropePair(GPUBuffer q, GPUBuffer k, GPUBuffer table, GPUBuffer step, int maxTokens, int heads,
            int heads2, int headDim, int rotDims, boolean neox) {
        GPUComputePipeline p = neox ? pipeline(WgslSources.ROPE, ROPE, "rope", "NEOX", "PAIR")
                : pipeline(WgslSources.ROPE, ROPE, "rope", "PAIR");
        Grid g = Grid.of((long) maxTokens * (heads + heads2) * (rotDims / 2), WG, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(ROPE.pack(headDim, heads, rotDims, g.stride, heads2), "rope_pair.params");
        return new Dispatch(p, gpu.bindGroup(p, q, table, params, step, k), g.x, g.y, 1);
    }

    /**
     * out (tokens, n) = act(gate) * up. For separate tensors gStride = uStride = n and offsets 0; for a
     * fused gate|up buffer pass it twice with strides 2n and uOff = n.
     */
    public Dispatch gated(GPUBuffer gate, GPUBuffer up, GPUBuffer out, GPUBuffer step, int maxTokens, int n,
            int gStride, int gOff, int uStride, int uOff, boolean gelu) {
        GPUComputePipeline p = pipeline(WgslSources.FFN, FFN, "gated", gelu ? "GELU" : "SILU");
        Grid g = Grid.of((long) maxTokens * n, WG, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(FFN.pack(n, g.stride, gStride, gOff, uStride, uOff), "ffn.params");
        return new Dispatch(p, gpu.bindGroup(p, gate, up, out, params, step), g.x, g.y, 1);
    }

    /**
     * Causal GQA attention of maxTokens queries over the cache, one workgroup per (head, query); att is
     * scratch of (maxTokens, nHead, ctx) floats; kv says how the cache holds its values.
     */
    public Dispatch attention(GPUBuffer q, GPUBuffer kcache, GPUBuffer vcache, GPUBuffer att, GPUBuffer out,
            GPUBuffer step, int maxTokens, int nHead, int nKv, int headDim, int ctx, float scale, int window, KvCache kv) {
        GPUComputePipeline p = gpu.pipeline(attentionSource(kv), "attention");
        GPUBuffer params = gpu.uniform(ATTENTION.pack(headDim, nHead, nKv, ctx, scale, window), "attention.params");
        return new Dispatch(p, gpu.bindGroup(p, q, kcache, vcache, att, out, params, step), nHead, maxTokens, 1);
    }

    /**
     * The tiles of attention_prefill.wgsl for a head dimension: {rows per workgroup, keys per tile},
     * keeping its workgroup memory (queries ROWS*HD, one K or V tile TK*HD, scores ROWS*TK floats)
     * within WebGPU's guaranteed 16 KB.
     */
    static int[] prefillTiles(int headDim) {
        if (headDim < 1 || headDim > 512) {
            throw new IllegalArgumentException("tiled attention takes head dimensions 1..512, not " + headDim);
        }
        int rows = headDim <= 128 ? 16 : headDim <= 256 ? 8 : 4;
        int keys = Math.min(64, (PREFILL_FLOATS - rows * headDim) / (headDim + rows));
        return new int[] {rows, keys};
    }

    /** Workgroup memory of attention_prefill.wgsl, in floats (16 KB). */
    static final int PREFILL_FLOATS = 4096;

    /** The WGSL of attention_prefill.wgsl for a head dimension (tests check that every variant expands). */
    public static String prefillSource(int headDim, KvCache kv) {
        int[] t = prefillTiles(headDim);
        Map<String, String> d = kv.defines();
        d.put("HEAD_DIM", Integer.toString(headDim));
        d.put("ROWS", Integer.toString(t[0]));
        d.put("TILE_KEYS", Integer.toString(t[1]));
        d.put("Q_FLOATS", Integer.toString(t[0] * headDim));
        d.put("KV_FLOATS", Integer.toString(t[1] * headDim));
        d.put("S_FLOATS", Integer.toString(t[0] * t[1]));
        return KernelSource.expand(WgslSources.ATTENTION_PREFILL, ATTENTION, d);
    }

    /**
     * Causal GQA attention of up to maxTokens queries over the cache, tiled (attention_prefill.wgsl): what
     * {@link #attention} computes, without its score scratch, each K/V tile read once per group of rows.
     */
    public Dispatch attentionPrefill(GPUBuffer q, GPUBuffer kcache, GPUBuffer vcache, GPUBuffer out, GPUBuffer step,
            int maxTokens, int nHead, int nKv, int headDim, int ctx, float scale, int window, KvCache kv) {
        GPUComputePipeline p = gpu.pipeline(prefillSource(headDim, kv), "attention_prefill");
        int rows = prefillTiles(headDim)[0];
        GPUBuffer params = gpu.uniform(ATTENTION.pack(headDim, nHead, nKv, ctx, scale, window), "attention_prefill.params");
        int tiles = (maxTokens * (nHead / nKv) + rows - 1) / rows;
        return new Dispatch(p, gpu.bindGroup(p, q, kcache, vcache, out, params, step), tiles, nKv, 1);
    }

    /** Keys per chunk of the split decode attention (attention_split.wgsl). */
    public static final int SPLIT_CHUNK = 256;

    /** The chunks the split decode attention cuts a context of ctx positions into. */
    public static int splitChunks(int ctx) {
        return (ctx + SPLIT_CHUNK - 1) / SPLIT_CHUNK;
    }

    /**
     * Decode attention of one query split over the sequence (attention_split.wgsl): scores, chunk
     * values, reduction. Scratch: att (nHead, ctx), part (nHead, splitChunks(ctx), 2) and pout
     * (nHead, splitChunks(ctx), headDim) floats.
     */
    public Dispatch[] attentionSplit(GPUBuffer q, GPUBuffer kcache, GPUBuffer vcache, GPUBuffer att, GPUBuffer part,
            GPUBuffer pout, GPUBuffer out, GPUBuffer step, int nHead, int nKv, int headDim, int ctx, float scale,
            int window, KvCache kv) {
        String src = splitSource(kv);
        int chunks = splitChunks(ctx);
        GPUBuffer params = gpu.uniform(ATTENTION_SPLIT.pack(headDim, nHead, nKv, ctx, scale, window, SPLIT_CHUNK, chunks),
                "attention_split.params");
        GPUComputePipeline scores = gpu.pipeline(src, "split_scores");
        GPUComputePipeline values = gpu.pipeline(src, "split_values");
        GPUComputePipeline reduce = gpu.pipeline(src, "split_reduce");
        return new Dispatch[] {
            new Dispatch(scores, gpu.bindGroupAt(scores, new int[] {0, 1, 3, 4, 7, 8}, q, kcache, att, part, params, step),
                    nHead, chunks, 1),
            new Dispatch(values, gpu.bindGroupAt(values, new int[] {2, 3, 4, 5, 7, 8}, vcache, att, part, pout, params, step),
                    nHead, chunks, 1),
            new Dispatch(reduce, gpu.bindGroupAt(reduce, new int[] {5, 6, 7, 8}, pout, out, params, step), nHead, 1, 1),
        };
    }

    /** The WGSL of attention_split.wgsl. */
    public static String splitSource(KvCache kv) {
        return KernelSource.expand(WgslSources.ATTENTION_SPLIT, ATTENTION_SPLIT, kv.defines());
    }

    /** The WGSL of attention.wgsl (one workgroup per head and query). */
    public static String attentionSource(KvCache kv) {
        return KernelSource.expand(WgslSources.ATTENTION, ATTENTION, kv.defines());
    }

    /** result[0] = argmax of logits[offset .. offset + n). */
    public Dispatch argmax(GPUBuffer logits, GPUBuffer result, int n, int offset) {
        GPUComputePipeline p = pipeline(WgslSources.LOGITS, LOGITS, "argmax");
        GPUBuffer params = gpu.uniform(LOGITS.pack(n, offset, 1), "argmax.params");
        return new Dispatch(p, gpu.bindGroup(p, logits, result, params), 1, 1, 1);
    }

    /** result (2k u32) = the k largest logits as (index, f32 bits) pairs, largest first, ties to the lowest index. */
    public Dispatch topK(GPUBuffer logits, GPUBuffer result, int n, int offset, int k) {
        GPUComputePipeline p = pipeline(WgslSources.LOGITS, LOGITS, "top_k");
        GPUBuffer params = gpu.uniform(LOGITS.pack(n, offset, k), "top_k.params");
        return new Dispatch(p, gpu.bindGroup(p, logits, result, params), 1, 1, 1);
    }

    /** x (tokens, dim) = scale * table[tokens]; the table in any {@link GpuWeight.Format} (rows = vocab, n = dim). */
    public Dispatch embed(GpuWeight table, GPUBuffer tokens, GPUBuffer x, GPUBuffer step, int maxTokens, float scale) {
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.EMBED, EMBED, table.format.defines()), "embed");
        Grid g = Grid.of((long) maxTokens * table.n, WG, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(EMBED.pack(table.n, g.stride, scale), "embed.params");
        return new Dispatch(p, table.scales == null
                ? gpu.bindGroup(p, table.data, tokens, x, params, step)
                : gpu.bindGroup(p, table.data, tokens, x, params, step, table.scales), g.x, g.y, 1);
    }

    /** out = x rounded as llama.cpp rounds matmul inputs ({@code mode} != NONE), over maxTokens rows of n. */
    public Dispatch round(GPUBuffer x, GPUBuffer out, GPUBuffer step, int maxTokens, int n, GpuWeight.Rounding mode) {
        int block = mode == GpuWeight.Rounding.Q8_0 ? 32 : mode == GpuWeight.Rounding.Q8_K ? 256 : 1;
        if (n % block != 0) {
            throw new IllegalArgumentException("rows of " + n + " are not whole " + mode + " blocks of " + block);
        }
        GPUComputePipeline p = pipeline(WgslSources.ROUND, ROUND, "round_input", mode.name());
        Grid g = Grid.of((long) maxTokens * n / block, WG, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(ROUND.pack(n, g.stride), "round.params");
        return new Dispatch(p, gpu.bindGroup(p, x, out, params, step), g.x, g.y, 1);
    }

    /** A step uniform holding {pos0, nTokens}; rewrite it with {@link Gpu#write(GPUBuffer, int[])} each step. */
    public GPUBuffer step(int pos0, int nTokens) {
        return gpu.uniform(STEP.pack(pos0, nTokens), "step");
    }
}
