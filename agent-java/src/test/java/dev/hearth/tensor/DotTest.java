package dev.hearth.tensor;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.SharedFiles;
import dev.hearth.gguf.TensorInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast {@code dot} and {@code dequantize} against the scalar {@code getFloat} reference. */
class DotTest {

    /** For a few rows of {@code q}: dot on random x equals the reference sum; dequantize equals getFloat. */
    static void checkDots(FloatTensor q, TensorInfo t, String where) {
        Random rnd = new Random(t.name.hashCode());
        int cols = (int) t.ne[0];
        long rows = t.rowCount();
        float[] x = new float[cols + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] row = new float[cols];
        for (long r : new long[] {0, rows / 2, rows - 1}) {
            double ref = 0, mag = 0;
            for (int j = 0; j < cols; j++) {
                float v = q.getFloat(r * cols + j);
                ref += (double) v * x[3 + j];
                mag += Math.abs((double) v * x[3 + j]);
            }
            float got = q.dot(r * cols, x, 3, cols);
            assertTrue(Math.abs(got - ref) <= 1e-5 * mag + 1e-6, where + " " + t.name + " row " + r
                    + ": dot " + got + " vs reference " + ref + " (magnitude " + mag + ")");
            q.dequantize(r * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) {
                DequantizeTest.assertBits(q.getFloat(r * cols + j), row[j], where + " " + t.name + " row " + r);
            }
        }
    }

    @Test
    void dotMatchesReferenceForEveryTypeInTheSharedFiles() {
        Set<GgmlType> seen = EnumSet.noneOf(GgmlType.class);
        String[] files = {"models/kquants/kq-Q2_K.gguf", "models/kquants/kq-Q3_K_M.gguf",
            "models/kquants/kq-Q4_K_M.gguf", "models/kquants/kq-Q5_K_M.gguf", "models/kquants/kq-Q6_K.gguf",
            "models/kquants/kq-Q4_1.gguf", "models/kquants/kq-Q5_0.gguf", "models/kquants/kq-Q5_1.gguf",
            "models/kquants/kq-F16.gguf", "models/kquants/kq-BF16.gguf", "models/stories260K/stories260K-Q8_0.gguf",
            "models/stories260K/stories260K-Q4_0.gguf", "models/stories260K/stories260K.gguf"};
        for (String rel : files) {
            Path p = SharedFiles.file(rel);
            try (FileByteSource src = new FileByteSource(p)) {
                GgufFile f = GgufFile.read(src);
                for (TensorInfo t : f.tensors()) {
                    if (t.nDims() < 2) {
                        continue;
                    }
                    FloatTensor q = Tensors.load(f, t);
                    checkDots(q, t, rel);
                    seen.add(t.type);
                }
            }
        }
        assertEquals(EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0, GgmlType.Q4_1,
                GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0, GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K,
                GgmlType.Q5_K, GgmlType.Q6_K), seen);
    }

    @Test
    void chunkedStorageGivesTheSameValues() {
        for (String rel : new String[] {"models/kquants/kq-Q3_K_M.gguf", "models/kquants/kq-Q5_1.gguf",
            "models/kquants/kq-BF16.gguf", "models/stories260K/stories260K-Q8_0.gguf"}) {
            try (FileByteSource src = new FileByteSource(SharedFiles.file(rel))) {
                GgufFile f = GgufFile.read(src);
                for (TensorInfo t : f.tensors()) {
                    if (t.type == GgmlType.F32) {
                        continue;
                    }
                    FloatTensor whole = Tensors.load(f, t);
                    // 3 blocks per chunk (the limit is rounded down to whole blocks).
                    FloatTensor chunked = Tensors.load(f, t, 3 * t.type.typeSize + t.type.typeSize - 1);
                    float[] a = whole.toFloatArray();
                    float[] b = chunked.toFloatArray();
                    for (int i = 0; i < a.length; i++) {
                        DequantizeTest.assertBits(a[i], b[i], rel + " " + t.name + " " + i);
                    }
                    // Unaligned ranges cross chunk and block boundaries.
                    int off = t.type.blockSize * 2 + 5;
                    int n = Math.min(a.length - off, t.type.blockSize * 4 + 3);
                    float[] part = new float[n];
                    chunked.dequantize(off, part, 0, n);
                    for (int i = 0; i < n; i++) {
                        DequantizeTest.assertBits(a[off + i], part[i], rel + " " + t.name + " part " + i);
                    }
                    int cols = (int) t.ne[0];
                    float[] x = new float[cols];
                    Random rnd = new Random(1);
                    for (int i = 0; i < cols; i++) {
                        x[i] = (float) rnd.nextGaussian();
                    }
                    float d1 = whole.dot(cols, x, 0, cols);
                    float d2 = chunked.dot(cols, x, 0, cols);
                    assertEquals(d1, d2, 1e-4 * (Math.abs(d1) + 1), rel + " " + t.name);
                }
            }
        }
    }
}
