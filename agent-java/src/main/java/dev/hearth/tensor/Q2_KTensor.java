package dev.hearth.tensor;

/**
 * Q2_K: super-blocks of 256 values in 84 bytes.
 * <pre>
 * struct block_q2_K {
 *     uint8_t scales[16]; // per 16 values: low nibble = scale, high nibble = min
 *     uint8_t qs[64];     // 2-bit quants
 *     ggml_half d;        // super-block scale for the scales
 *     ggml_half dmin;     // super-block scale for the mins
 * };
 * </pre>
 * Value i: half h = i/128 uses qs[32h .. 32h+32); within it, r = i%128 picks the bit pair
 * j = r/32 (shift 2j) of byte qs[32h + r%32]; sub-block s = i/16 gives
 * value = d * (scales[s] &amp; 15) * q - dmin * (scales[s] &gt;&gt; 4).
 */
public final class Q2_KTensor extends BlockTensor {
    private static final int BYTES = 84;
    private static final int QS = 16;
    private static final int D = 80;

    public Q2_KTensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q2_K, size, chunks, blocksPerChunk);
    }

    public Q2_KTensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 256));
    }

    @Override
    protected float element(byte[] b, int at, int i) {
        float d = Half.toFloat(u16(b, at + D));
        float dmin = Half.toFloat(u16(b, at + D + 2));
        int h = i / 128;
        int r = i % 128;
        int shift = 2 * (r / 32);
        int q = ((b[at + QS + 32 * h + r % 32] & 0xFF) >> shift) & 3;
        int sc = b[at + i / 16] & 0xFF;
        float dl = d * (sc & 0xF);
        float ml = dmin * (sc >> 4);
        return dl * q - ml;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, dstOff += 256) {
            float d = half(b, at + D);
            float dmin = half(b, at + D + 2);
            for (int s = 0; s < 16; s++) {
                int sc = b[at + s] & 0xFF;
                float dl = d * (sc & 0xF);
                float ml = dmin * (sc >> 4);
                // Sub-block s covers values 16s..16s+15: half s/8, bit pair (s%8)/2, bytes
                // qs[32*(s/8) + 16*(s%2) ..+16).
                int q = at + QS + 32 * (s / 8) + 16 * (s % 2);
                int shift = 2 * ((s % 8) / 2);
                int o = dstOff + 16 * s;
                for (int l = 0; l < 16; l++) {
                    dst[o + l] = dl * ((b[q + l] >> shift) & 3) - ml;
                }
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, xOff += 256) {
            float d = half(b, at + D);
            float dmin = half(b, at + D + 2);
            float sumQ = 0f, sumM = 0f;
            for (int s = 0; s < 16; s++) {
                int sc = b[at + s] & 0xFF;
                int q = at + QS + 32 * (s / 8) + 16 * (s % 2);
                int shift = 2 * ((s % 8) / 2);
                int o = xOff + 16 * s;
                float sq = 0f, sx = 0f;
                for (int l = 0; l < 16; l++) {
                    float xv = x[o + l];
                    sq += ((b[q + l] >> shift) & 3) * xv;
                    sx += xv;
                }
                sumQ += (sc & 0xF) * sq;
                sumM += (sc >> 4) * sx;
            }
            sum += d * sumQ - dmin * sumM;
        }
        return sum;
    }
}
