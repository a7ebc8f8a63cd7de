package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;

/** {@code GPUCommandBuffer}: finished, submittable work. */
public interface GPUCommandBuffer extends JSObject {
}
