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

    static final Params ROPE = Params.of().u32("head_dim").u32("heads").u32("rot_dims").u32("stride");
    static final Params FFN = Params.of().u32("n").u32("stride").u32("g_stride").u32("g_off").u32("u_stride").u32("u_off");
    static final Params ATTENTION = Params.of().u32("head_dim").u32("n_head").u32("n_kv").u32("ctx")
            .f32("scale").u32("window");
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
        GPUBuffer params = gpu.uniform(ROPE.pack(headDim, heads, rotDims, g.stride), "rope.params");
        return new Dispatch(p, gpu.bindGroup(p, x, table, params, step), g.x, g.y, 1);
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

    /** Causal GQA attention of maxTokens queries over the cache; att is scratch of (maxTokens, nHead, ctx) floats. */
    public Dispatch attention(GPUBuffer q, GPUBuffer kcache, GPUBuffer vcache, GPUBuffer att, GPUBuffer out,
            GPUBuffer step, int maxTokens, int nHead, int nKv, int headDim, int ctx, float scale, int window) {
        return attention(q, kcache, vcache, att, out, step, maxTokens, nHead, nKv, headDim, ctx, scale, window, false);
    }

    /** As above; kvF16 rounds the query and the attention weights to F16 (llama.cpp's F16 KV cache). */
    public Dispatch attention(GPUBuffer q, GPUBuffer kcache, GPUBuffer vcache, GPUBuffer att, GPUBuffer out,
            GPUBuffer step, int maxTokens, int nHead, int nKv, int headDim, int ctx, float scale, int window, boolean kvF16) {
        GPUComputePipeline p = kvF16 ? pipeline(WgslSources.ATTENTION, ATTENTION, "attention", "KV_F16")
                : pipeline(WgslSources.ATTENTION, ATTENTION, "attention");
        GPUBuffer params = gpu.uniform(ATTENTION.pack(headDim, nHead, nKv, ctx, scale, window), "attention.params");
        return new Dispatch(p, gpu.bindGroup(p, q, kcache, vcache, att, out, params, step), nHead, maxTokens, 1);
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
