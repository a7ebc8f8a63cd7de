package dev.hearth.tensor;

/**
 * Q4_1: blocks of 32 values in 20 bytes.
 * <pre>
 * struct block_q4_1 {
 *     ggml_half d;       // scale
 *     ggml_half m;       // minimum
 *     uint8_t qs[16];    // nibbles as in Q4_0; value = nibble * d + m
 * };
 * </pre>
 */
public final class Q4_1Tensor extends BlockTensor {
    private static final int BYTES = 20;

    public Q4_1Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q4_1, size, chunks, blocksPerChunk);
    }

    public Q4_1Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 32));
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        float d = Half.toFloat(u16(b, at));
        float m = Half.toFloat(u16(b, at + 2));
        int q = b[at + 4 + (j % 16)] & 0xFF;
        int nibble = j < 16 ? q & 0xF : q >> 4;
        return nibble * d + m;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int i = 0; i < nBlocks; i++, at += BYTES, dstOff += 32) {
            float d = half(b, at);
            float m = half(b, at + 2);
            for (int j = 0; j < 16; j++) {
                int q = b[at + 4 + j];
                dst[dstOff + j] = (q & 0xF) * d + m;
                dst[dstOff + j + 16] = ((q >> 4) & 0xF) * d + m;
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int i = 0; i < nBlocks; i++, at += BYTES, xOff += 32) {
            // sum (q*d + m) x = d * sum(q x) + m * sum(x)
            float sq = 0f, sx = 0f;
            for (int j = 0; j < 16; j++) {
                int q = b[at + 4 + j];
                float x0 = x[xOff + j], x1 = x[xOff + j + 16];
                sq += (q & 0xF) * x0 + ((q >> 4) & 0xF) * x1;
                sx += x0 + x1;
            }
            sum += sq * half(b, at) + sx * half(b, at + 2);
        }
        return sum;
    }
}
