package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUComputePipeline;

/** Dispatches the entry points of elementwise.wgsl. */
public final class ElementwiseKernels {
    private static final int WORKGROUP = 64;
    private final Gpu gpu;

    public ElementwiseKernels(Gpu gpu) {
        this.gpu = gpu;
    }

    /** out = a + b over the first {@code n} floats. */
    public void add(GPUBuffer a, GPUBuffer b, GPUBuffer out, int n) {
        GPUComputePipeline p = gpu.pipeline(WgslSources.ELEMENTWISE, "add");
        Grid g = Grid.of(n, WORKGROUP, gpu.device().getLimits().getMaxComputeWorkgroupsPerDimension());
        GPUBuffer params = gpu.uniform(new int[] {n, g.stride}, "add.params");
        gpu.dispatch(p, gpu.bindGroup(p, a, b, out, params), g.x, g.y, 1);
        params.destroy();
    }
}
