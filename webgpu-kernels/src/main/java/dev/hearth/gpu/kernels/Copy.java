package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import java.util.Map;

/** Prepares dispatches of copy.wgsl (dst = src, vec4 at a time), the bandwidth roofline of the benchmarks. */
public final class Copy {
    static final Params PARAMS = Params.of().u32("n").u32("stride");
    private static final int WORKGROUP = 64;

    private Copy() {}

    /** A dispatch copying the first {@code floats} floats (a multiple of 4) of src to dst; its uniform is created here. */
    public static Dispatch prepare(Gpu gpu, GPUBuffer src, GPUBuffer dst, int floats) {
        if (floats % 4 != 0) {
            throw new IllegalArgumentException("copy.wgsl moves vec4s: " + floats + " floats is not a multiple of 4");
        }
        GPUComputePipeline p = gpu.pipeline(KernelSource.expand(WgslSources.COPY, PARAMS, Map.of()), "copy");
        Grid g = Grid.of(floats / 4, WORKGROUP, gpu.maxWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(PARAMS.pack(floats / 4, g.stride), "copy.params");
        return new Dispatch(p, gpu.bindGroup(p, src, dst, params), g.x, g.y, 1);
    }

    /** The plain-Java reference: what dst holds after the copy. */
    public static float[] reference(float[] src) {
        float[] dst = new float[src.length];
        System.arraycopy(src, 0, dst, 0, src.length);
        return dst;
    }
}
