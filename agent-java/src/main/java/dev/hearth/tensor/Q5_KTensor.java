package dev.hearth.tensor;

/**
 * Q5_K: super-blocks of 256 values in 176 bytes.
 * <pre>
 * struct block_q5_K {
 *     ggml_half d;          // super-block scale for the scales
 *     ggml_half dmin;       // super-block scale for the mins
 *     uint8_t scales[12];   // 8 scales and 8 mins of 6 bits, packed as in Q4_K
 *     uint8_t qh[32];       // 5th bits
 *     uint8_t qs[128];      // low 4 bits, laid out as in Q4_K
 * };
 * </pre>
 * Value i: as Q4_K, plus 16 if bit s (the sub-block, i/32) of qh[i%32] is set.
 */
public final class Q5_KTensor extends BlockTensor {
    private static final int BYTES = 176;
    private static final int SCALES = 4;
    private static final int QH = 16;
    private static final int QS = 48;

    public Q5_KTensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q5_K, size, chunks, blocksPerChunk);
    }

    public Q5_KTensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 256));
    }

    @Override
    protected float element(byte[] b, int at, int i) {
        float d = Half.toFloat(u16(b, at));
        float dmin = Half.toFloat(u16(b, at + 2));
        int g = i / 64;
        int r = i % 64;
        int s = 2 * g + r / 32;
        int q = b[at + QS + 32 * g + r % 32] & 0xFF;
        int low = r < 32 ? q & 0xF : q >> 4;
        int high = (b[at + QH + r % 32] >> s) & 1;
        float dl = d * Q4_KTensor.scaleK4(b, at + SCALES, s);
        float ml = dmin * Q4_KTensor.minK4(b, at + SCALES, s);
        return dl * (low + 16 * high) - ml;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, dstOff += 256) {
            float d = half(b, at);
            float dmin = half(b, at + 2);
            for (int g = 0; g < 4; g++) {
                float d1 = d * Q4_KTensor.scaleK4(b, at + SCALES, 2 * g);
                float m1 = dmin * Q4_KTensor.minK4(b, at + SCALES, 2 * g);
                float d2 = d * Q4_KTensor.scaleK4(b, at + SCALES, 2 * g + 1);
                float m2 = dmin * Q4_KTensor.minK4(b, at + SCALES, 2 * g + 1);
                int q = at + QS + 32 * g;
                int o = dstOff + 64 * g;
                for (int l = 0; l < 32; l++) {
                    int v = b[q + l];
                    int h = b[at + QH + l] >> (2 * g);
                    dst[o + l] = d1 * ((v & 0xF) | (h & 1) << 4) - m1;
                    dst[o + 32 + l] = d2 * (((v >> 4) & 0xF) | (h & 2) << 3) - m2;
                }
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, xOff += 256) {
            float sumQ = 0f, sumM = 0f;
            for (int g = 0; g < 4; g++) {
                int q = at + QS + 32 * g;
                int o = xOff + 64 * g;
                float sq1 = 0f, sq2 = 0f, sx1 = 0f, sx2 = 0f;
                for (int l = 0; l < 32; l++) {
                    int v = b[q + l];
                    int h = b[at + QH + l] >> (2 * g);
                    float x1 = x[o + l], x2 = x[o + 32 + l];
                    sq1 += ((v & 0xF) | (h & 1) << 4) * x1;
                    sq2 += (((v >> 4) & 0xF) | (h & 2) << 3) * x2;
                    sx1 += x1;
                    sx2 += x2;
                }
                sumQ += Q4_KTensor.scaleK4(b, at + SCALES, 2 * g) * sq1
                        + Q4_KTensor.scaleK4(b, at + SCALES, 2 * g + 1) * sq2;
                sumM += Q4_KTensor.minK4(b, at + SCALES, 2 * g) * sx1
                        + Q4_KTensor.minK4(b, at + SCALES, 2 * g + 1) * sx2;
            }
            sum += half(b, at) * sumQ - half(b, at + 2) * sumM;
        }
        return sum;
    }
}
