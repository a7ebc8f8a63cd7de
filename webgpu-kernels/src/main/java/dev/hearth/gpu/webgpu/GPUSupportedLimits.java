package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code GPUSupportedLimits}: the limits that matter for compute inference. Sizes are in bytes. */
public interface GPUSupportedLimits extends JSObject {
    @JSProperty double getMaxBufferSize();

    @JSProperty double getMaxStorageBufferBindingSize();

    @JSProperty double getMaxUniformBufferBindingSize();

    @JSProperty int getMaxStorageBuffersPerShaderStage();

    @JSProperty int getMaxComputeWorkgroupSizeX();

    @JSProperty int getMaxComputeInvocationsPerWorkgroup();

    @JSProperty int getMaxComputeWorkgroupStorageSize();

    @JSProperty int getMaxComputeWorkgroupsPerDimension();

    @JSProperty int getMinStorageBufferOffsetAlignment();
}
