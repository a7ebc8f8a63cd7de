package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;

/** A weight matrix (rows x n, row-major; n is ggml's ne0) resident on the GPU in one of matvec.wgsl's formats. */
public final class GpuWeight {
    public enum Format {
        F32(32, false), Q8_0(32, true), Q4_0(32, true), Q4_K(256, false), Q6_K(256, false),
        /** an F16 tensor as stored in the file, read as array<f16>: adapters with shader-f16 only */
        F16(32, false);

        /** Values a kernel handles per step of a row (one block; 32 for F32). */
        public final int chunk;
        /** Whether a separate f32 scale per block is bound (the repacked formats). */
        public final boolean scales;

        Format(int chunk, boolean scales) {
            this.chunk = chunk;
            this.scales = scales;
        }

        /** The defines that select this format in matvec.wgsl and embed.wgsl. */
        public java.util.Map<String, String> defines() {
            java.util.Map<String, String> d = new java.util.HashMap<>();
            d.put(name(), "");
            d.put("CHUNK", Integer.toString(chunk));
            if (scales) {
                d.put("SCALES", "");
            }
            if (chunk == 256) {
                d.put("KQUANT", "");
            }
            return d;
        }
    }

    /**
     * How llama.cpp rounds the input of a dot with this weight's type in the file (round.wgsl):
     * NONE for F32 weights.
     */
    public enum Rounding { NONE, Q8_0, Q8_K, F16, BF16 }

    public final Format format;
    public final int rows;
    public final int n;
    /** F32, F16: the values; Q8_0/Q4_0: the repacked quant words; Q4_K/Q6_K: the file's blocks. */
    public final GPUBuffer data;
    /** Q8_0/Q4_0: one f32 scale per block; null for F32. */
    public final GPUBuffer scales;
    public final Rounding rounding;

    private GpuWeight(Format format, int rows, int n, GPUBuffer data, GPUBuffer scales, Rounding rounding) {
        this.format = format;
        this.rows = rows;
        this.n = n;
        this.data = data;
        this.scales = scales;
        this.rounding = rounding;
    }

    /** The same weight, marked with how its inputs are rounded in llama.cpp. */
    public GpuWeight withRounding(Rounding r) {
        return new GpuWeight(format, rows, n, data, scales, r);
    }

    /** A weight whose buffers are already on the GPU (see {@link Repack}). */
    public static GpuWeight of(Format format, int rows, int n, GPUBuffer data, GPUBuffer scales) {
        return new GpuWeight(format, rows, n, data, scales, Rounding.NONE);
    }

    public static GpuWeight f32(Gpu gpu, float[] w, int rows, int n, String label) {
        return new GpuWeight(Format.F32, rows, n, gpu.upload(w, label), null, Rounding.NONE);
    }

    /** Q4_K / Q6_K: the file's super-blocks uploaded as they are (the kernels decode them in place). */
    public static GpuWeight kquant(Gpu gpu, Format format, byte[] raw, int rows, int n, String label) {
        if (format.chunk != 256 || n % 256 != 0) {
            throw new IllegalArgumentException(label + ": " + format + " needs rows of whole 256-value super-blocks, got " + n);
        }
        byte[] padded = java.util.Arrays.copyOf(raw, (raw.length + 3) & ~3);
        GPUBuffer b = gpu.storage(padded.length, label);
        gpu.device().getQueue().writeBuffer(b, 0, org.teavm.jso.typedarrays.Int8Array.copyFromJavaArray(padded));
        return new GpuWeight(format, rows, n, b, null, Rounding.NONE);
    }

    /** {@code raw}: ggml Q8_0 or Q4_0 blocks as stored in the GGUF file; n must be a multiple of 32. */
    public static GpuWeight quantized(Gpu gpu, Format format, byte[] raw, int rows, int n, String label) {
        if (n % 32 != 0) {
            throw new IllegalArgumentException(label + ": " + format + " rows of " + n + " are not whole 32-value blocks");
        }
        int blocks = rows * (n / 32);
        QuantRepack.Repacked r = format == Format.Q8_0 ? QuantRepack.q8_0(raw, 0, blocks) : QuantRepack.q4_0(raw, 0, blocks);
        return new GpuWeight(format, rows, n, gpu.upload(r.words, label), gpu.upload(r.scales, label + ".scales"), Rounding.NONE);
    }

    public void destroy() {
        data.destroy();
        if (scales != null) {
            scales.destroy();
        }
    }
}
