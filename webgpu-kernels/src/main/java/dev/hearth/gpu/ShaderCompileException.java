package dev.hearth.gpu;

/** A WGSL kernel did not compile (a bug in Hearth, or a feature the adapter lacks). */
public class ShaderCompileException extends GpuException {
    public ShaderCompileException(String entryPoint, String errors) {
        super("WGSL entry point '" + entryPoint + "' failed to compile:\n" + errors);
    }
}
