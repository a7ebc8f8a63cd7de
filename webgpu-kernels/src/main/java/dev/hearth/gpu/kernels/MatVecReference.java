package dev.hearth.gpu.kernels;

/** Plain-Java reference of matvec.wgsl over already dequantized weights. */
public final class MatVecReference {
    private MatVecReference() {}

    /** out[b, r] = sum_i w[r, i] * x[b, i]; w: rows x n, x: batch x n. Summed in double. */
    public static float[] matvec(float[] w, float[] x, int rows, int n, int batch) {
        float[] out = new float[batch * rows];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                double acc = 0;
                for (int i = 0; i < n; i++) {
                    acc += (double) w[r * n + i] * x[b * n + i];
                }
                out[b * rows + r] = (float) acc;
            }
        }
        return out;
    }
}
