package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUQueue}: where command buffers are submitted and buffers written. */
public interface GPUQueue extends JSObject {
    /** {@code commandBuffers}: a JS array of {@link GPUCommandBuffer}. */
    void submit(JSObject commandBuffers);

    /** {@code data}: an ArrayBuffer or ArrayBufferView; offsets and sizes in bytes, multiples of 4. */
    void writeBuffer(GPUBuffer buffer, double bufferOffset, JSObject data);

    void writeBuffer(GPUBuffer buffer, double bufferOffset, JSObject data, double dataOffset, double size);

    /** Returns a promise that resolves when all work submitted so far has completed. */
    JSObject onSubmittedWorkDone();
}
