package dev.hearth.gpu.kernels;

/** Plain-Java reference of norm.wgsl. */
public final class NormReference {
    private NormReference() {}

    /** out[r, i] = x[r, i] / sqrt(mean(x[r]^2) + eps) * w[i] */
    public static float[] rmsNorm(float[] x, float[] w, int rows, int n, float eps) {
        float[] out = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (double) x[r * n + i] * x[r * n + i];
            }
            double scale = 1.0 / Math.sqrt(ss / n + eps);
            for (int i = 0; i < n; i++) {
                out[r * n + i] = (float) (x[r * n + i] * scale * w[i]);
            }
        }
        return out;
    }
}
