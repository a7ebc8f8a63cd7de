package dev.hearth.gpu.webgpu;

/** {@code GPUMapMode} flags (WebGPU spec values). */
public final class GPUMapMode {
    private GPUMapMode() {}

    public static final int READ = 0x0001;
    public static final int WRITE = 0x0002;
}
