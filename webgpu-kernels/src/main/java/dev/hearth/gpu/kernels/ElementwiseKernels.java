package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import java.util.Collections;
import java.util.Map;

/** Dispatches the entry points of elementwise.wgsl. */
public final class ElementwiseKernels {
    static final Params PARAMS = Params.of().u32("n").u32("stride").u32("row");
    private static final int WORKGROUP = 64;
    private final Gpu gpu;

    public ElementwiseKernels(Gpu gpu) {
        this.gpu = gpu;
    }

    /** out = a + b over the first {@code n} floats (runs now). */
    public void add(GPUBuffer a, GPUBuffer b, GPUBuffer out, int n) {
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.ELEMENTWISE, PARAMS, Map.of("ADD", "")), "add");
        Grid g = Grid.of(n, WORKGROUP, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack(n, g.stride, n), "add.params");
        gpu.dispatch(p, gpu.bindGroup(p, a, b, out, params), g.x, g.y, 1);
        params.destroy();
    }

    /** acc += b over {@code n} floats. */
    public Dispatch addTo(GPUBuffer acc, GPUBuffer b, int n) {
        return inPlace("add_to", acc, b, n, n);
    }

    /** acc[i] += b[i % row] over {@code n} floats: a bias added to every row. */
    public Dispatch addRow(GPUBuffer acc, GPUBuffer bias, int n, int row) {
        return inPlace("add_row", acc, bias, n, row);
    }

    /**
     * cache[(pos0 * row) ..] = src for the step's n_tokens rows of {@code row} floats (pos0 from the step
     * uniform); kv F16_ROUNDED or F16: values rounded to F16 as llama.cpp's default KV cache stores them
     * (F16: into an f16 buffer).
     */
    public Dispatch store(GPUBuffer cache, GPUBuffer src, GPUBuffer step, int maxTokens, int row, KvCache kv) {
        GPUComputePipeline p = gpu.pipeline(storeSource(kv, false), "store");
        Grid g = Grid.of((long) maxTokens * row, WORKGROUP, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack((double) maxTokens * row, g.stride, row), "store.params");
        return new Dispatch(p, gpu.bindGroup(p, cache, src, params, step), g.x, g.y, 1);
    }

    /** K and V rows into their caches in one dispatch: {@link #store} twice, for rows of the same length. */
    public Dispatch storePair(GPUBuffer kcache, GPUBuffer k, GPUBuffer vcache, GPUBuffer v, GPUBuffer step, int maxTokens,
            int row, KvCache kv) {
        GPUComputePipeline p = gpu.pipeline(storeSource(kv, true), "store");
        Grid g = Grid.of((long) maxTokens * row, WORKGROUP, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack((double) maxTokens * row, g.stride, row), "store_pair.params");
        return new Dispatch(p, gpu.bindGroup(p, kcache, k, params, step, vcache, v), g.x, g.y, 1);
    }

    /** The WGSL of the store kernel for a cache layout; pair: two caches at once. */
    public static String storeSource(KvCache kv, boolean pair) {
        Map<String, String> d = kv.defines();
        d.put("STORE", "");
        if (pair) {
            d.put("PAIR", "");
        }
        return KernelSource.expand(WgslSources.ELEMENTWISE, PARAMS, d);
    }

    private Dispatch inPlace(String entry, GPUBuffer acc, GPUBuffer b, int n, int row) {
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.ELEMENTWISE, PARAMS, Collections.emptyMap()), entry);
        Grid g = Grid.of(n, WORKGROUP, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack(n, g.stride, row), entry + ".params");
        return new Dispatch(p, gpu.bindGroup(p, acc, b, params), g.x, g.y, 1);
    }
}
