package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUBindGroup}: the buffers bound to one pipeline's group. */
public interface GPUBindGroup extends JSObject {
}
