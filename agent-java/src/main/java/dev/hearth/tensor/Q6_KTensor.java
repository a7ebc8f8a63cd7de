package dev.hearth.tensor;

/**
 * Q6_K: super-blocks of 256 values in 210 bytes.
 * <pre>
 * struct block_q6_K {
 *     uint8_t ql[128];     // low 4 bits
 *     uint8_t qh[64];      // high 2 bits
 *     int8_t  scales[16];  // one per 16 values
 *     ggml_half d;         // super-block scale
 * };
 * </pre>
 * Value i: half h = i/128 uses ql[64h..], qh[32h..], scales[8h..]; within it r = i%128,
 * l = r%32 and quarter k = r/32: the low bits are the low (k &lt; 2) or high (k &ge; 2) nibble of
 * ql[64h + l + 32*(k%2)], the high bits (qh[32h + l] &gt;&gt; 2k) &amp; 3; q = q6 - 32 and
 * value = d * scales[8h + l/16 + 2k] * q.
 */
public final class Q6_KTensor extends BlockTensor {
    private static final int BYTES = 210;
    private static final int QH = 128;
    private static final int SCALES = 192;
    private static final int D = 208;

    public Q6_KTensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.Q6_K, size, chunks, blocksPerChunk);
    }

    public Q6_KTensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) (size / 256));
    }

    @Override
    protected float element(byte[] b, int at, int i) {
        float d = Half.toFloat(u16(b, at + D));
        int h = i / 128;
        int r = i % 128;
        int l = r % 32;
        int k = r / 32;
        int ql = b[at + 64 * h + l + 32 * (k % 2)] & 0xFF;
        int low = k < 2 ? ql & 0xF : ql >> 4;
        int high = ((b[at + QH + 32 * h + l] & 0xFF) >> (2 * k)) & 3;
        int q = (low | high << 4) - 32;
        int sc = b[at + SCALES + 8 * h + l / 16 + 2 * k];
        return d * sc * q;
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff) {
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, dstOff += 256) {
            float d = half(b, at + D);
            for (int h = 0; h < 2; h++) {
                int ql = at + 64 * h;
                int qh = at + QH + 32 * h;
                int sc = at + SCALES + 8 * h;
                int o = dstOff + 128 * h;
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int a = b[ql + l], c = b[ql + l + 32], hb = b[qh + l];
                    int q1 = ((a & 0xF) | (hb & 3) << 4) - 32;
                    int q2 = ((c & 0xF) | ((hb >> 2) & 3) << 4) - 32;
                    int q3 = (((a >> 4) & 0xF) | ((hb >> 4) & 3) << 4) - 32;
                    int q4 = (((c >> 4) & 0xF) | ((hb >> 6) & 3) << 4) - 32;
                    dst[o + l] = d * b[sc + is] * q1;
                    dst[o + l + 32] = d * b[sc + is + 2] * q2;
                    dst[o + l + 64] = d * b[sc + is + 4] * q3;
                    dst[o + l + 96] = d * b[sc + is + 6] * q4;
                }
            }
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff) {
        float sum = 0f;
        for (int blk = 0; blk < nBlocks; blk++, at += BYTES, xOff += 256) {
            float sumB = 0f;
            for (int h = 0; h < 2; h++) {
                int ql = at + 64 * h;
                int qh = at + QH + 32 * h;
                int sc = at + SCALES + 8 * h;
                int o = xOff + 128 * h;
                // One partial sum per scale: 16 values share a scale.
                for (int is = 0; is < 2; is++) {
                    float s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f;
                    for (int l = 16 * is; l < 16 * is + 16; l++) {
                        int a = b[ql + l], c = b[ql + l + 32], hb = b[qh + l];
                        s1 += (((a & 0xF) | (hb & 3) << 4) - 32) * x[o + l];
                        s2 += (((c & 0xF) | ((hb >> 2) & 3) << 4) - 32) * x[o + l + 32];
                        s3 += ((((a >> 4) & 0xF) | ((hb >> 4) & 3) << 4) - 32) * x[o + l + 64];
                        s4 += ((((c >> 4) & 0xF) | ((hb >> 6) & 3) << 4) - 32) * x[o + l + 96];
                    }
                    sumB += b[sc + is] * s1 + b[sc + is + 2] * s2 + b[sc + is + 4] * s3 + b[sc + is + 6] * s4;
                }
            }
            sum += half(b, at + D) * sumB;
        }
        return sum;
    }
}
