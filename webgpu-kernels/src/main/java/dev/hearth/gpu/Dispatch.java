package dev.hearth.gpu;

import dev.hearth.gpu.webgpu.GPUBindGroup;
import dev.hearth.gpu.webgpu.GPUComputePipeline;

/** One prepared dispatch: pipeline, bind group (group 0) and workgroup counts. Built once, encoded many times. */
public final class Dispatch {
    public final GPUComputePipeline pipeline;
    public final GPUBindGroup bindGroup;
    public final int x;
    public final int y;
    public final int z;

    public Dispatch(GPUComputePipeline pipeline, GPUBindGroup bindGroup, int x, int y, int z) {
        this.pipeline = pipeline;
        this.bindGroup = bindGroup;
        this.x = x;
        this.y = y;
        this.z = z;
    }
}
