package dev.hearth.gpu.kernels;

/**
 * ggml's Q8_0 and Q4_0 blocks, repacked for the GPU so every read is 4-byte aligned:
 * the quants as u32 words, the scales (f16 in the file) as an f32 array.
 *
 * <pre>
 * ggml block_q8_0 (34 bytes, 32 values): f16 d; int8 qs[32];        value i = d * qs[i]
 * ggml block_q4_0 (18 bytes, 32 values): f16 d; uint8 qs[16];       value j = d * ((qs[j] &amp; 15) - 8),
 *                                                                   value j+16 = d * ((qs[j] &gt;&gt; 4) - 8)
 * </pre>
 * Memory: the f32 scale costs 2 bytes more per block than the file (+6% for Q8_0, +11% for Q4_0).
 */
public final class QuantRepack {
    public static final int Q8_0_BYTES = 34;
    public static final int Q4_0_BYTES = 18;

    /** words: quants (8 per Q8_0 block, 4 per Q4_0 block); scales: one per block. */
    public static final class Repacked {
        public final int[] words;
        public final float[] scales;

        Repacked(int[] words, float[] scales) {
            this.words = words;
            this.scales = scales;
        }
    }

    private QuantRepack() {}

    public static Repacked q8_0(byte[] raw, int offset, int blocks) {
        return repack(raw, offset, blocks, Q8_0_BYTES, 8);
    }

    public static Repacked q4_0(byte[] raw, int offset, int blocks) {
        return repack(raw, offset, blocks, Q4_0_BYTES, 4);
    }

    private static Repacked repack(byte[] raw, int offset, int blocks, int blockBytes, int wordsPerBlock) {
        int[] words = new int[blocks * wordsPerBlock];
        float[] scales = new float[blocks];
        for (int b = 0; b < blocks; b++) {
            int p = offset + b * blockBytes;
            scales[b] = halfToFloat((raw[p] & 0xff) | (raw[p + 1] & 0xff) << 8);
            for (int w = 0; w < wordsPerBlock; w++) {
                int q = p + 2 + 4 * w;
                words[b * wordsPerBlock + w] = (raw[q] & 0xff) | (raw[q + 1] & 0xff) << 8
                        | (raw[q + 2] & 0xff) << 16 | (raw[q + 3] & 0xff) << 24;
            }
        }
        return new Repacked(words, scales);
    }

    /** The plain reference dequantization of ggml's layout (not of the repacked one). */
    public static float[] dequantize(byte[] raw, boolean q8, int blocks) {
        float[] out = new float[blocks * 32];
        int bytes = q8 ? Q8_0_BYTES : Q4_0_BYTES;
        for (int b = 0; b < blocks; b++) {
            int p = b * bytes;
            float d = halfToFloat((raw[p] & 0xff) | (raw[p + 1] & 0xff) << 8);
            for (int j = 0; j < (q8 ? 32 : 16); j++) {
                int q = raw[p + 2 + j];
                if (q8) {
                    out[b * 32 + j] = d * q;
                } else {
                    out[b * 32 + j] = d * ((q & 15) - 8);
                    out[b * 32 + j + 16] = d * (((q >> 4) & 15) - 8);
                }
            }
        }
        return out;
    }

    /** IEEE half (binary16) bits to float. */
    public static float halfToFloat(int h) {
        int sign = (h >>> 15) & 1;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        float v;
        if (exp == 0) {
            v = mant * (1.0f / (1 << 24)); // subnormal: mant * 2^-24
        } else if (exp == 31) {
            v = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            v = Float.intBitsToFloat((exp - 15 + 127) << 23 | mant << 13);
        }
        return sign == 0 ? v : -v;
    }
}
