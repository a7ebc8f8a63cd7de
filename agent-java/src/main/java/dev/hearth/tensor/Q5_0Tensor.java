package dev.hearth.tensor;

/**
 * Q5_0: blocks of 32 values in 22 bytes.
 * <pre>
 * struct block_q5_0 {
 *     ggml_half d;       // scale
 *     uint8_t qh[4];     // bit j of this little-endian uint32 is the 5th bit of value j
 *     uint8_t qs[16];    // low 4 bits, nibbles as in Q4_0
 * };                     // value = (q5 - 16) * d
 * </pre>
 */
public final class Q5_0Tensor extends BlockTensor {
    private static final int BYTES = 22;

    public Q5_0Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q5_0, size, chunks, blocksPerChunk);
    }

    public Q5_0Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 32));
    }

    static int u32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        float d = Half.toFloat(u16(b, at));
        int qh = u32(b, at + 2);
        int q = b[at + 6 + (j % 16)] & 0xFF;
        int low = j < 16 ? q & 0xF : q >> 4;
        int high = (qh >>> j) & 1;
        return ((low | high << 4) - 16) * d;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int i = 0; i < nBlocks; i++, at += BYTES, dstOff += 32) {
            float d = half(b, at);
            int qh = u32(b, at + 2);
            for (int j = 0; j < 16; j++) {
                int q = b[at + 6 + j];
                int v0 = (q & 0xF) | ((qh >>> j) & 1) << 4;
                int v1 = ((q >> 4) & 0xF) | ((qh >>> (j + 16)) & 1) << 4;
                dst[dstOff + j] = (v0 - 16) * d;
                dst[dstOff + j + 16] = (v1 - 16) * d;
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int i = 0; i < nBlocks; i++, at += BYTES, xOff += 32) {
            int qh = u32(b, at + 2);
            float s0 = 0f, s1 = 0f;
            for (int j = 0; j < 16; j++) {
                int q = b[at + 6 + j];
                int v0 = (q & 0xF) | ((qh >>> j) & 1) << 4;
                int v1 = ((q >> 4) & 0xF) | ((qh >>> (j + 16)) & 1) << 4;
                s0 += (v0 - 16) * x[xOff + j];
                s1 += (v1 - 16) * x[xOff + j + 16];
            }
            sum += (s0 + s1) * half(b, at);
        }
        return sum;
    }
}
