package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import java.util.Map;

/** Prepares dispatches of matvec.wgsl: out (batch x rows) = x (batch x n) times W^T. */
public final class MatVec {
    /** How rows are spread over invocations; which is faster depends on the adapter (see the benchmarks). */
    public enum Strategy { ROW_PER_THREAD, WG_PER_ROW }

    static final Params PARAMS = Params.of().u32("n").u32("rows").u32("stride").u32("x_off");
    private static final int WG = 64;

    private MatVec() {}

    public static String source(GpuWeight.Format format, Strategy strategy) {
        Map<String, String> defines = format.defines();
        defines.put(strategy.name(), "");
        return KernelSource.expand(WgslSources.MATVEC, PARAMS, defines);
    }

    /** A dispatch computing {@code out = W x} for {@code batch} vectors; its uniform buffer is created here. */
    public static Dispatch prepare(Gpu gpu, GpuWeight w, GPUBuffer x, GPUBuffer out, int batch, Strategy strategy) {
        return prepare(gpu, w, x, 0, out, batch, strategy);
    }

    /** As above, reading x from float {@code xOffset} on (the classifier reads only a batch's last row). */
    public static Dispatch prepare(Gpu gpu, GpuWeight w, GPUBuffer x, int xOffset, GPUBuffer out, int batch,
            Strategy strategy) {
        GPUComputePipeline p = gpu.pipeline(source(w.format, strategy), "matvec");
        Grid g = strategy == Strategy.ROW_PER_THREAD
                ? Grid.of(w.rows, WG, gpu.maxWorkgroupsPerDimension())
                : Grid.of(w.rows, 1, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack(w.n, w.rows, g.stride, xOffset), "matvec.params");
        return new Dispatch(p, w.scales == null
                ? gpu.bindGroup(p, w.data, x, out, params)
                : gpu.bindGroup(p, w.data, x, out, params, w.scales), g.x, g.y, batch);
    }
}
