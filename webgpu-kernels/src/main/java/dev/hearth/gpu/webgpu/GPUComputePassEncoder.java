package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUComputePassEncoder}. */
public interface GPUComputePassEncoder extends JSObject {
    void setPipeline(GPUComputePipeline pipeline);

    void setBindGroup(int index, GPUBindGroup bindGroup);

    void dispatchWorkgroups(int x, int y, int z);

    void end();
}
