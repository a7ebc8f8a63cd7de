package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUCommandEncoder}: records passes and copies. */
public interface GPUCommandEncoder extends JSObject {
    GPUComputePassEncoder beginComputePass();

    void copyBufferToBuffer(GPUBuffer source, double sourceOffset, GPUBuffer destination,
            double destinationOffset, double size);

    GPUCommandBuffer finish();
}
