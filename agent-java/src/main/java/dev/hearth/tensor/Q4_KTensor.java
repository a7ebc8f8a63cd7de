package dev.hearth.tensor;

/**
 * Q4_K: super-blocks of 256 values in 144 bytes.
 * <pre>
 * struct block_q4_K {
 *     ggml_half d;          // super-block scale for the scales
 *     ggml_half dmin;       // super-block scale for the mins
 *     uint8_t scales[12];   // 8 scales and 8 mins of 6 bits, see scaleMin
 *     uint8_t qs[128];      // 4-bit quants
 * };
 * </pre>
 * Value i: group g = i/64 uses qs[32g .. 32g+32); the low nibbles are values 64g..64g+31 (sub-block
 * 2g), the high nibbles values 64g+32..64g+63 (sub-block 2g+1).
 * value = d * scale(s) * nibble - dmin * min(s).
 */
public final class Q4_KTensor extends BlockTensor {
    private static final int BYTES = 144;
    private static final int SCALES = 4;
    private static final int QS = 16;

    public Q4_KTensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q4_K, size, chunks, blocksPerChunk);
    }

    public Q4_KTensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 256));
    }

    /**
     * The 6-bit scale (ggml's get_scale_min_k4) of sub-block s (0..7) in the 12 packed bytes q:
     * for s &lt; 4 the low 6 bits of q[s]; else the low nibble of q[s+4] with the top 2 bits of
     * q[s-4] above it.
     */
    static int scaleK4(byte[] b, int q, int s) {
        if (s < 4) {
            return b[q + s] & 63;
        }
        return (b[q + s + 4] & 0xF) | ((b[q + s - 4] >> 6) & 3) << 4;
    }

    /** The 6-bit min of sub-block s: q[s+4]'s low 6 bits for s &lt; 4, else q[s+4]'s high nibble with q[s]'s top 2 bits. */
    static int minK4(byte[] b, int q, int s) {
        if (s < 4) {
            return b[q + s + 4] & 63;
        }
        return ((b[q + s + 4] >> 4) & 0xF) | ((b[q + s] >> 6) & 3) << 4;
    }

    @Override
    protected float element(byte[] b, int at, int i) {
        float d = Half.toFloat(u16(b, at));
        float dmin = Half.toFloat(u16(b, at + 2));
        int g = i / 64;
        int r = i % 64;
        int s = 2 * g + r / 32;
        int q = b[at + QS + 32 * g + r % 32] & 0xFF;
        int nibble = r < 32 ? q & 0xF : q >> 4;
        float dl = d * scaleK4(b, at + SCALES, s);
        float ml = dmin * minK4(b, at + SCALES, s);
        return dl * nibble - ml;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, dstOff += 256) {
            float d = half(b, at);
            float dmin = half(b, at + 2);
            for (int g = 0; g < 4; g++) {
                float d1 = d * scaleK4(b, at + SCALES, 2 * g);
                float m1 = dmin * minK4(b, at + SCALES, 2 * g);
                float d2 = d * scaleK4(b, at + SCALES, 2 * g + 1);
                float m2 = dmin * minK4(b, at + SCALES, 2 * g + 1);
                int q = at + QS + 32 * g;
                int o = dstOff + 64 * g;
                for (int l = 0; l < 32; l++) {
                    int v = b[q + l];
                    dst[o + l] = d1 * (v & 0xF) - m1;
                    dst[o + 32 + l] = d2 * ((v >> 4) & 0xF) - m2;
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
                    float x1 = x[o + l], x2 = x[o + 32 + l];
                    sq1 += (v & 0xF) * x1;
                    sq2 += ((v >> 4) & 0xF) * x2;
                    sx1 += x1;
                    sx2 += x2;
                }
                sumQ += scaleK4(b, at + SCALES, 2 * g) * sq1 + scaleK4(b, at + SCALES, 2 * g + 1) * sq2;
                sumM += minK4(b, at + SCALES, 2 * g) * sx1 + minK4(b, at + SCALES, 2 * g + 1) * sx2;
            }
            sum += half(b, at) * sumQ - half(b, at + 2) * sumM;
        }
        return sum;
    }
}
