package dev.hearth.tensor;

/** F32 values held in a float[] (at most 2^31 - 9 of them). */
public final class F32Tensor extends FloatTensor {
    private final float[] values;

    /** Wraps {@code values} without copying. */
    public F32Tensor(float[] values) {
        this.values = values;
    }

    /** The backing array (shared). */
    public float[] values() {
        return values;
    }

    @Override
    public long size() {
        return values.length;
    }

    @Override
    public GgmlType type() {
        return GgmlType.F32;
    }

    @Override
    public float getFloat(long i) {
        return values[Math.toIntExact(i)];
    }

    @Override
    public void dequantize(long offset, float[] dst, int dstOff, int n) {
        checkRange(offset, n, dst, dstOff);
        System.arraycopy(values, (int) offset, dst, dstOff, n);
    }

    @Override
    public float dot(long offset, float[] x, int xOffset, int n) {
        checkRange(offset, n, x, xOffset);
        int o = (int) offset;
        // Four partial sums: a single running sum is bound by the add latency.
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += values[o + j] * x[xOffset + j];
            s1 += values[o + j + 1] * x[xOffset + j + 1];
            s2 += values[o + j + 2] * x[xOffset + j + 2];
            s3 += values[o + j + 3] * x[xOffset + j + 3];
        }
        for (; j < n; j++) {
            s0 += values[o + j] * x[xOffset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
