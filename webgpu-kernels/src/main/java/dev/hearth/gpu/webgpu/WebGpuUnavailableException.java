package dev.hearth.gpu.webgpu;

/** WebGPU cannot be used here; the message says why. Callers fall back to the CPU backend. */
public class WebGpuUnavailableException extends RuntimeException {
    public WebGpuUnavailableException(String reason) {
        super(reason);
    }
}
