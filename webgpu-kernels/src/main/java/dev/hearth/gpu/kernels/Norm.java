package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import java.util.Collections;

/** Prepares dispatches of norm.wgsl. */
public final class Norm {
    static final Params PARAMS = Params.of().u32("n").f32("eps");

    private Norm() {}

    /** out = rmsnorm(x) * w over {@code rows} rows of {@code n}. */
    public static Dispatch rmsNorm(Gpu gpu, GPUBuffer x, GPUBuffer w, GPUBuffer out, int rows, int n, float eps) {
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.NORM, PARAMS, Collections.emptyMap()), "rms_norm");
        GPUBuffer params = gpu.uniform(PARAMS.pack(n, eps), "rms_norm.params");
        return new Dispatch(p, gpu.bindGroup(p, x, w, out, params), rows, 1, 1);
    }

    /**
     * The residual connection and the next norm in one dispatch: x += branch, then branch = rmsnorm(x) * w,
     * over {@code rows} rows of {@code n}.
     */
    public static Dispatch addRmsNorm(Gpu gpu, GPUBuffer x, GPUBuffer branch, GPUBuffer w, int rows, int n, float eps) {
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.NORM, PARAMS, java.util.Map.of("ADD", "")), "rms_norm");
        GPUBuffer params = gpu.uniform(PARAMS.pack(n, eps), "add_rms_norm.params");
        return new Dispatch(p, gpu.bindGroup(p, x, w, branch, params), rows, 1, 1);
    }

    /** x = rmsnorm(x) * w in place, over {@code rows} rows of {@code n} (per-head Q/K norms: rows = tokens * heads). */
    public static Dispatch rmsNormInPlace(Gpu gpu, GPUBuffer x, GPUBuffer w, int rows, int n, float eps) {
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.NORM, PARAMS, java.util.Map.of("INPLACE", "")), "rms_norm");
        GPUBuffer params = gpu.uniform(PARAMS.pack(n, eps), "rms_norm.params");
        return new Dispatch(p, gpu.bindGroupAt(p, new int[] {0, 1, 3}, x, w, params), rows, 1, 1);
    }
}
