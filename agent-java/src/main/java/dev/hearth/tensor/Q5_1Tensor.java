package dev.hearth.tensor;

/**
 * Q5_1: blocks of 32 values in 24 bytes.
 * <pre>
 * struct block_q5_1 {
 *     ggml_half d;       // scale
 *     ggml_half m;       // minimum
 *     uint8_t qh[4];     // 5th bits, as in Q5_0
 *     uint8_t qs[16];    // low 4 bits, as in Q5_0
 * };                     // value = q5 * d + m
 * </pre>
 */
public final class Q5_1Tensor extends BlockTensor {
    private static final int BYTES = 24;

    public Q5_1Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q5_1, size, chunks, blocksPerChunk);
    }

    public Q5_1Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 32));
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        float d = Half.toFloat(u16(b, at));
        float m = Half.toFloat(u16(b, at + 2));
        int qh = Q5_0Tensor.u32(b, at + 4);
        int q = b[at + 8 + (j % 16)] & 0xFF;
        int low = j < 16 ? q & 0xF : q >> 4;
        int high = (qh >>> j) & 1;
        return (low | high << 4) * d + m;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int i = 0; i < nBlocks; i++, at += BYTES, dstOff += 32) {
            float d = half(b, at);
            float m = half(b, at + 2);
            int qh = Q5_0Tensor.u32(b, at + 4);
            for (int j = 0; j < 16; j++) {
                int q = b[at + 8 + j];
                int v0 = (q & 0xF) | ((qh >>> j) & 1) << 4;
                int v1 = ((q >> 4) & 0xF) | ((qh >>> (j + 16)) & 1) << 4;
                dst[dstOff + j] = v0 * d + m;
                dst[dstOff + j + 16] = v1 * d + m;
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int i = 0; i < nBlocks; i++, at += BYTES, xOff += 32) {
            int qh = Q5_0Tensor.u32(b, at + 4);
            float sq = 0f, sx = 0f;
            for (int j = 0; j < 16; j++) {
                int q = b[at + 8 + j];
                int v0 = (q & 0xF) | ((qh >>> j) & 1) << 4;
                int v1 = ((q >> 4) & 0xF) | ((qh >>> (j + 16)) & 1) << 4;
                float x0 = x[xOff + j], x1 = x[xOff + j + 16];
                sq += v0 * x0 + v1 * x1;
                sx += x0 + x1;
            }
            sum += sq * half(b, at) + sx * half(b, at + 2);
        }
        return sum;
    }
}
