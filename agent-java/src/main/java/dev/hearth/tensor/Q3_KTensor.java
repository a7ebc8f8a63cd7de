package dev.hearth.tensor;

/**
 * Q3_K: super-blocks of 256 values in 110 bytes.
 * <pre>
 * struct block_q3_K {
 *     uint8_t hmask[32];  // high bit of each 3-bit quant
 *     uint8_t qs[64];     // low 2 bits
 *     uint8_t scales[12]; // 16 scales of 6 bits
 *     ggml_half d;        // super-block scale
 * };
 * </pre>
 * Value i: h = i/128, r = i%128, j = r/32; low bits = (qs[32h + r%32] &gt;&gt; 2j) &amp; 3; high bit =
 * bit (4h + j) of hmask[r%32]; q = low - (high ? 0 : 4). Sub-block s = i/16 has scale
 * {@link #scale}(s) - 32, and value = d * (scale - 32) * q.
 */
public final class Q3_KTensor extends BlockTensor {
    private static final int BYTES = 110;
    private static final int QS = 32;
    private static final int SCALES = 96;
    private static final int D = 108;

    public Q3_KTensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q3_K, size, chunks, blocksPerChunk);
    }

    public Q3_KTensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 256));
    }

    /**
     * The 6-bit scale of sub-block s (0..15), packed in 12 bytes: the low 4 bits are the low
     * nibble of byte s (s &lt; 8) or the high nibble of byte s-8; the high 2 bits are bits
     * 2*(s/4) and up of byte 8 + s%4.
     */
    static int scale(byte[] b, int scales, int s) {
        int low = s < 8 ? b[scales + s] & 0xF : (b[scales + s - 8] >> 4) & 0xF;
        int high = (b[scales + 8 + s % 4] >> (2 * (s / 4))) & 3;
        return low | high << 4;
    }

    @Override
    protected float element(byte[] b, int at, int i) {
        float d = Half.toFloat(u16(b, at + D));
        int h = i / 128;
        int r = i % 128;
        int j = r / 32;
        int low = (b[at + QS + 32 * h + r % 32] >> (2 * j)) & 3;
        boolean high = (b[at + r % 32] & (1 << (4 * h + j))) != 0;
        int q = low - (high ? 0 : 4);
        float dl = d * (scale(b, at + SCALES, i / 16) - 32);
        return dl * q;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, dstOff += 256) {
            float d = half(b, at + D);
            for (int s = 0; s < 16; s++) {
                float dl = d * (scale(b, at + SCALES, s) - 32);
                int h = s / 8;
                int j = (s % 8) / 2;
                int hbit = 4 * h + j;
                int shift = 2 * j;
                int first = 16 * (s % 2); // byte index within the 32 of this half
                int q = at + QS + 32 * h + first;
                int hm = at + first;
                int o = dstOff + 16 * s;
                for (int l = 0; l < 16; l++) {
                    // low 2 bits + 4 * high bit - 4: the same as subtracting 4 when the high bit is clear
                    int v = ((b[q + l] >> shift) & 3) + (((b[hm + l] >> hbit) & 1) << 2) - 4;
                    dst[o + l] = dl * v;
                }
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, xOff += 256) {
            float sumB = 0f;
            for (int s = 0; s < 16; s++) {
                int h = s / 8;
                int j = (s % 8) / 2;
                int hbit = 4 * h + j;
                int shift = 2 * j;
                int first = 16 * (s % 2);
                int q = at + QS + 32 * h + first;
                int hm = at + first;
                int o = xOff + 16 * s;
                float sq0 = 0f, sq1 = 0f;
                for (int l = 0; l < 16; l += 2) {
                    int v0 = ((b[q + l] >> shift) & 3) + (((b[hm + l] >> hbit) & 1) << 2) - 4;
                    int v1 = ((b[q + l + 1] >> shift) & 3) + (((b[hm + l + 1] >> hbit) & 1) << 2) - 4;
                    sq0 += v0 * x[o + l];
                    sq1 += v1 * x[o + l + 1];
                }
                float sq = sq0 + sq1;
                sumB += (scale(b, at + SCALES, s) - 32) * sq;
            }
            sum += half(b, at + D) * sumB;
        }
        return sum;
    }
}
