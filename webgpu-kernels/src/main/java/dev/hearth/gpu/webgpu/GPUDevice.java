package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code GPUDevice}: the logical device every resource is created on. */
public interface GPUDevice extends JSObject {
    @JSProperty GPUQueue getQueue();

    @JSProperty GPUSupportedLimits getLimits();

    /** Promise that resolves (never rejects) with a {@code GPUDeviceLostInfo} when the device is lost. */
    @JSProperty JSObject getLost();

    GPUBuffer createBuffer(JSObject descriptor);

    GPUShaderModule createShaderModule(JSObject descriptor);

    /** Returns a promise of {@link GPUComputePipeline}; rejects with a GPUPipelineError. */
    JSObject createComputePipelineAsync(JSObject descriptor);

    GPUBindGroup createBindGroup(JSObject descriptor);

    GPUCommandEncoder createCommandEncoder();

    /** {@code filter}: "validation", "out-of-memory" or "internal". */
    void pushErrorScope(String filter);

    /** Returns a promise of a {@code GPUError} or null. */
    JSObject popErrorScope();

    void destroy();
}
