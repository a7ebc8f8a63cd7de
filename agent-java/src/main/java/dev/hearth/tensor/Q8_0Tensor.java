package dev.hearth.tensor;

/**
 * Q8_0: blocks of 32 values in 34 bytes.
 * <pre>
 * struct block_q8_0 {
 *     ggml_half d;      // scale
 *     int8_t  qs[32];   // value j = qs[j] * d
 * };
 * </pre>
 */
public final class Q8_0Tensor extends BlockTensor {
    private static final int BYTES = 34;

    public Q8_0Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q8_0, size, chunks, blocksPerChunk);
    }

    public Q8_0Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 32));
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        float d = Half.toFloat(u16(b, at));
        return b[at + 2 + j] * d;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int i = 0; i < nBlocks; i++, at += BYTES, dstOff += 32) {
            float d = half(b, at);
            for (int j = 0; j < 32; j++) {
                dst[dstOff + j] = b[at + 2 + j] * d;
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int i = 0; i < nBlocks; i++, at += BYTES, xOff += 32) {
            // Four partial sums: one running sum would wait on each add's latency.
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int j = 0; j < 32; j += 4) {
                s0 += b[at + 2 + j] * x[xOff + j];
                s1 += b[at + 3 + j] * x[xOff + j + 1];
                s2 += b[at + 4 + j] * x[xOff + j + 2];
                s3 += b[at + 5 + j] * x[xOff + j + 3];
            }
            sum += ((s0 + s1) + (s2 + s3)) * half(b, at);
        }
        return sum;
    }
}
