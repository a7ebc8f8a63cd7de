package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUBindGroupLayout}. */
public interface GPUBindGroupLayout extends JSObject {
}
