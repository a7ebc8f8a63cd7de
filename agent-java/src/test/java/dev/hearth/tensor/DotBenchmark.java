package dev.hearth.tensor;

import java.util.Random;

/**
 * Matrix-vector speed of each type's {@code dot} on the JVM, single thread. Not a test: run with
 * {@code java -cp agent-java/target/classes:agent-java/target/test-classes dev.hearth.tensor.DotBenchmark [rows cols]}.
 * Prints weight bytes read per second and values per second.
 */
public final class DotBenchmark {
    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        int cols = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        GgmlType[] types = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
            GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K,
            GgmlType.Q5_K, GgmlType.Q6_K};
        Random rnd = new Random(1);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian() * 0.05f;
        }
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] y = new float[rows];
        System.out.printf("matvec %d x %d, one thread%n", rows, cols);
        for (GgmlType type : types) {
            FloatTensor t = type == GgmlType.F32 ? new F32Tensor(w)
                    : Tensors.fromBytes(type, w.length, Quantizer.quantize(type, w));
            long bytes = type.byteSize(w.length);
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 30; rep++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < rows; r++) {
                    y[r] = t.dot((long) r * cols, x, 0, cols);
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("%-5s %7.2f ms  %6.2f GB/s of weights  %6.2f G values/s%n", type, best * 1e3,
                    bytes / best / 1e9, (double) w.length / best / 1e9);
        }
    }
}
