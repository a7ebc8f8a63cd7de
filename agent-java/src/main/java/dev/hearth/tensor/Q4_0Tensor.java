package dev.hearth.tensor;

/**
 * Q4_0: blocks of 32 values in 18 bytes.
 * <pre>
 * struct block_q4_0 {
 *     ggml_half d;       // scale
 *     uint8_t qs[16];    // value j (j &lt; 16) is the low nibble of qs[j], value j+16 the high nibble;
 * };                     // each is (nibble - 8) * d
 * </pre>
 */
public final class Q4_0Tensor extends BlockTensor {
    private static final int BYTES = 18;

    public Q4_0Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q4_0, size, chunks, blocksPerChunk);
    }

    public Q4_0Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 32));
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        float d = Half.toFloat(u16(b, at));
        int q = b[at + 2 + (j % 16)] & 0xFF;
        int nibble = j < 16 ? q & 0xF : q >> 4;
        return (nibble - 8) * d;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int i = 0; i < nBlocks; i++, at += BYTES, dstOff += 32) {
            float d = half(b, at);
            for (int j = 0; j < 16; j++) {
                int q = b[at + 2 + j];
                dst[dstOff + j] = ((q & 0xF) - 8) * d;
                dst[dstOff + j + 16] = (((q >> 4) & 0xF) - 8) * d;
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int i = 0; i < nBlocks; i++, at += BYTES, xOff += 32) {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int j = 0; j < 16; j += 2) {
                int q = b[at + 2 + j], r = b[at + 3 + j];
                s0 += ((q & 0xF) - 8) * x[xOff + j];
                s1 += (((q >> 4) & 0xF) - 8) * x[xOff + j + 16];
                s2 += ((r & 0xF) - 8) * x[xOff + j + 1];
                s3 += (((r >> 4) & 0xF) - 8) * x[xOff + j + 17];
            }
            sum += ((s0 + s1) + (s2 + s3)) * half(b, at);
        }
        return sum;
    }
}
