package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUShaderModule}: compiled WGSL. */
public interface GPUShaderModule extends JSObject {
    /** Returns a promise of {@code GPUCompilationInfo}. */
    JSObject getCompilationInfo();
}
