package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import java.util.Map;

/** Turns a tensor uploaded as raw file bytes into a {@link GpuWeight} on the GPU (repack.wgsl). */
public final class Repack {
    static final Params PARAMS = Params.of().u32("count").u32("stride");
    private static final int WG = 64;

    private Repack() {}

    /**
     * {@code raw}: the bytes of {@code rows} rows of {@code n} values of {@code fileType} ("F32", "F16",
     * "BF16", "Q8_0" or "Q4_0"), padded to 4 bytes. F32 is used as it is, and so is F16 on a device with
     * shader-f16 (the kernels' F16 format reads it as array<f16>); the others are converted into new
     * buffers and {@code raw} is destroyed.
     */
    public static GpuWeight weight(Gpu gpu, GPUBuffer raw, String fileType, int rows, int n, String label) {
        if (fileType.equals("F32")) {
            return GpuWeight.of(GpuWeight.Format.F32, rows, n, raw, null);
        }
        if (fileType.equals("F16") && gpu.shaderF16()) {
            return GpuWeight.of(GpuWeight.Format.F16, rows, n, raw, null);
        }
        long values = (long) rows * n;
        boolean quant = fileType.equals("Q8_0") || fileType.equals("Q4_0");
        long count = quant ? values / 32 : values;
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.REPACK, PARAMS, Map.of(fileType, "")), "repack");
        Grid g = Grid.of(count, WG, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack(count, g.stride), "repack.params");
        GpuWeight w;
        if (quant) {
            GpuWeight.Format f = fileType.equals("Q8_0") ? GpuWeight.Format.Q8_0 : GpuWeight.Format.Q4_0;
            GPUBuffer words = gpu.storage(4L * count * (f == GpuWeight.Format.Q8_0 ? 8 : 4), label);
            GPUBuffer scales = gpu.storage(4L * count, label + ".scales");
            gpu.dispatch(p, gpu.bindGroupAt(p, new int[] {0, 1, 2, 3}, raw, words, params, scales), g.x, g.y, 1);
            w = GpuWeight.of(f, rows, n, words, scales);
        } else {
            GPUBuffer out = gpu.storage(4L * values, label);
            gpu.dispatch(p, gpu.bindGroupAt(p, new int[] {0, 1, 2}, raw, out, params), g.x, g.y, 1);
            w = GpuWeight.of(GpuWeight.Format.F32, rows, n, out, null);
        }
        // Queue order keeps these after the dispatch that reads them.
        params.destroy();
        raw.destroy();
        return w;
    }
}
