package dev.hearth.gpu.kernels;

/**
 * cos and sin of every (position, rotation index) for rope.wgsl, computed once on the CPU:
 * theta(p, i) = p * freqScale * base^(-2i / rotDims) / factor[i] (factor from the model's
 * {@code rope_freqs} tensor, or 1), both scaled by attnFactor (YaRN/LongRoPE magnitude, usually 1).
 * Layout: (ctx, rotDims / 2, {cos, sin}).
 */
public final class RopeTable {
    private RopeTable() {}

    /** Without per-dimension frequency factors (all 1). */
    public static float[] compute(int ctx, int rotDims, double base, double freqScale) {
        float[] ones = new float[rotDims / 2];
        java.util.Arrays.fill(ones, 1f);
        return compute(ctx, rotDims, base, freqScale, ones, 1f);
    }

    /** {@code factors}: rotDims / 2 values dividing each frequency (the model's rope_freqs tensor). */
    public static float[] compute(int ctx, int rotDims, double base, double freqScale, float[] factors, float attnFactor) {
        // Note: callers never pass null here; TeaVM 0.15's WASM-GC backend failed to compile an
        // inlined null float[] argument that was then indexed.
        // The same float arithmetic as the JVM reference (Transformer.ropeTable), which follows ggml:
        // theta_i = pos * thetaScale^i, built by repeated multiplication in float.
        int half = rotDims / 2;
        float[] t = new float[ctx * half * 2];
        float thetaScale = (float) Math.pow(base, -2.0f / rotDims);
        for (int p = 0; p < ctx; p++) {
            float theta = p;
            for (int i = 0; i < half; i++) {
                float angle = (float) freqScale * (theta / factors[i]);
                t[(p * half + i) * 2] = (float) Math.cos(angle) * attnFactor;
                t[(p * half + i) * 2 + 1] = (float) Math.sin(angle) * attnFactor;
                theta *= thetaScale;
            }
        }
        return t;
    }
}
