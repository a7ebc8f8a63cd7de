package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUComputePipeline}: one WGSL entry point, ready to dispatch. */
public interface GPUComputePipeline extends JSObject {
    GPUBindGroupLayout getBindGroupLayout(int index);
}
