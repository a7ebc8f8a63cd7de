package dev.hearth.tensor;

/**
 * Float values to ggml block bytes, for writing test models.
 *
 * <p>F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0 and Q5_1 follow ggml's reference quantizers
 * ({@code quantize_row_*_ref}) step by step, so they give the bytes llama.cpp writes. The K-quants
 * (Q2_K..Q6_K) use plain round-to-nearest scales, not llama.cpp's search for the best scales: the
 * layout is exact and readable by llama.cpp, the error somewhat larger than llama.cpp's.
 */
public final class Quantizer {
    private Quantizer() {
    }

    /**
     * {@code x} in {@code type}'s block layout. The length must be a multiple of the block size.
     *
     * @throws UnsupportedTensorTypeException for types without a quantizer (named "(quantizer)")
     */
    public static byte[] quantize(GgmlType type, float[] x) {
        if (!type.hasLayout() || x.length % type.blockSize != 0) {
            throw new IllegalArgumentException(x.length + " values are not a whole number of " + type + " blocks");
        }
        byte[] out = new byte[Math.toIntExact(type.byteSize(x.length))];
        int blocks = x.length / type.blockSize;
        for (int i = 0; i < blocks; i++) {
            int xo = i * type.blockSize;
            int o = i * type.typeSize;
            switch (type) {
                case F32: putF32(out, o, x[xo]); break;
                case F16: put16(out, o, Half.fromFloat(x[xo])); break;
                case BF16: put16(out, o, Half.floatToBf16(x[xo])); break;
                case Q8_0: q8_0(x, xo, out, o); break;
                case Q4_0: q4_0(x, xo, out, o); break;
                case Q4_1: q4_1(x, xo, out, o); break;
                case Q5_0: q5_0(x, xo, out, o); break;
                case Q5_1: q5_1(x, xo, out, o); break;
                case Q2_K: q2_K(x, xo, out, o); break;
                case Q3_K: q3_K(x, xo, out, o); break;
                case Q4_K: q4_K(x, xo, out, o, false); break;
                case Q5_K: q4_K(x, xo, out, o, true); break;
                case Q6_K: q6_K(x, xo, out, o); break;
                default: throw new UnsupportedTensorTypeException("(quantizer)", type);
            }
        }
        return out;
    }

    // ---- the 32-value types, as ggml's reference quantizers ----

    private static void q8_0(float[] x, int xo, byte[] out, int o) {
        float amax = 0f;
        for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[xo + j]));
        }
        float d = amax / 127;
        float id = d != 0 ? 1.0f / d : 0.0f;
        put16(out, o, Half.fromFloat(d));
        for (int j = 0; j < 32; j++) {
            out[o + 2 + j] = (byte) roundf(x[xo + j] * id);
        }
    }

    /** The value of largest magnitude, keeping its sign (the first one on ties). */
    private static float signedMax(float[] x, int xo, int n) {
        float amax = 0f, max = 0f;
        for (int j = 0; j < n; j++) {
            float v = x[xo + j];
            if (amax < Math.abs(v)) {
                amax = Math.abs(v);
                max = v;
            }
        }
        return max;
    }

    private static void q4_0(float[] x, int xo, byte[] out, int o) {
        // The largest-magnitude value maps to -8 exactly; the other end can reach +8, clamped to 7.
        float d = signedMax(x, xo, 32) / -8;
        float id = d != 0 ? 1.0f / d : 0.0f;
        put16(out, o, Half.fromFloat(d));
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, (int) (x[xo + j] * id + 8.5f));
            int q1 = Math.min(15, (int) (x[xo + 16 + j] * id + 8.5f));
            out[o + 2 + j] = (byte) (q0 | q1 << 4);
        }
    }

    private static void q4_1(float[] x, int xo, byte[] out, int o) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int j = 0; j < 32; j++) {
            min = Math.min(min, x[xo + j]);
            max = Math.max(max, x[xo + j]);
        }
        float d = (max - min) / 15;
        float id = d != 0 ? 1.0f / d : 0.0f;
        put16(out, o, Half.fromFloat(d));
        put16(out, o + 2, Half.fromFloat(min));
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, (int) ((x[xo + j] - min) * id + 0.5f));
            int q1 = Math.min(15, (int) ((x[xo + 16 + j] - min) * id + 0.5f));
            out[o + 4 + j] = (byte) (q0 | q1 << 4);
        }
    }

    private static void q5_0(float[] x, int xo, byte[] out, int o) {
        float d = signedMax(x, xo, 32) / -16;
        float id = d != 0 ? 1.0f / d : 0.0f;
        put16(out, o, Half.fromFloat(d));
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(31, (int) (x[xo + j] * id + 16.5f));
            int q1 = Math.min(31, (int) (x[xo + 16 + j] * id + 16.5f));
            out[o + 6 + j] = (byte) ((q0 & 0xF) | (q1 & 0xF) << 4);
            qh |= (q0 >> 4) << j | (q1 >> 4) << (j + 16);
        }
        putU32(out, o + 2, qh);
    }

    private static void q5_1(float[] x, int xo, byte[] out, int o) {
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (int j = 0; j < 32; j++) {
            min = Math.min(min, x[xo + j]);
            max = Math.max(max, x[xo + j]);
        }
        float d = (max - min) / 31;
        float id = d != 0 ? 1.0f / d : 0.0f;
        put16(out, o, Half.fromFloat(d));
        put16(out, o + 2, Half.fromFloat(min));
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = Math.min(31, (int) ((x[xo + j] - min) * id + 0.5f));
            int q1 = Math.min(31, (int) ((x[xo + 16 + j] - min) * id + 0.5f));
            out[o + 8 + j] = (byte) ((q0 & 0xF) | (q1 & 0xF) << 4);
            qh |= (q0 >> 4) << j | (q1 >> 4) << (j + 16);
        }
        putU32(out, o + 4, qh);
    }

    // ---- K-quants: round to nearest, no search ----

    /**
     * Q2_K: 16 sub-blocks of 16 with value = d*sc*q - dmin*m, q in 0..3, sc and m in 0..15. Each
     * sub-block spans [min(0, lowest), highest].
     */
    private static void q2_K(float[] x, int xo, byte[] out, int o) {
        float[] scale = new float[16], min = new float[16];
        float maxScale = 0, maxMin = 0;
        for (int s = 0; s < 16; s++) {
            float lo = 0, hi = -Float.MAX_VALUE;
            for (int l = 0; l < 16; l++) {
                lo = Math.min(lo, x[xo + 16 * s + l]);
                hi = Math.max(hi, x[xo + 16 * s + l]);
            }
            scale[s] = (hi - lo) / 3;
            min[s] = -lo;
            maxScale = Math.max(maxScale, scale[s]);
            maxMin = Math.max(maxMin, min[s]);
        }
        short dh = Half.fromFloat(maxScale / 15), mh = Half.fromFloat(maxMin / 15);
        float d = Half.toFloat(dh), dmin = Half.toFloat(mh);
        put16(out, o + 80, dh);
        put16(out, o + 82, mh);
        for (int s = 0; s < 16; s++) {
            int sc = d > 0 ? clamp(roundf(scale[s] / d), 0, 15) : 0;
            int m = dmin > 0 ? clamp(roundf(min[s] / dmin), 0, 15) : 0;
            out[o + s] = (byte) (sc | m << 4);
            float dl = d * sc, ml = dmin * m;
            for (int l = 0; l < 16; l++) {
                int i = 16 * s + l;
                int q = dl > 0 ? clamp(roundf((x[xo + i] + ml) / dl), 0, 3) : 0;
                int h = i / 128, r = i % 128;
                out[o + 16 + 32 * h + r % 32] |= (byte) (q << (2 * (r / 32)));
            }
        }
    }

    /** Q3_K: 16 sub-blocks of 16 with value = d*(sc-32)*q, q in -4..3, sc-32 in -32..31. */
    private static void q3_K(float[] x, int xo, byte[] out, int o) {
        float[] scale = new float[16];
        float maxScale = 0, maxAbs = 0;
        for (int s = 0; s < 16; s++) {
            // The largest-magnitude value maps to -4 exactly.
            scale[s] = signedMax(x, xo + 16 * s, 16) / -4;
            if (Math.abs(scale[s]) > maxAbs) {
                maxAbs = Math.abs(scale[s]);
                maxScale = scale[s];
            }
        }
        float iscale = maxScale != 0 ? -32 / maxScale : 0;
        short dh = Half.fromFloat(iscale != 0 ? 1 / iscale : 0);
        float d = Half.toFloat(dh);
        put16(out, o + 108, dh);
        for (int s = 0; s < 16; s++) {
            int sc = clamp(roundf(iscale * scale[s]), -32, 31);
            int v = sc + 32;
            if (s < 8) {
                out[o + 96 + s] |= (byte) (v & 0xF);
            } else {
                out[o + 96 + s - 8] |= (byte) ((v & 0xF) << 4);
            }
            out[o + 96 + 8 + s % 4] |= (byte) ((v >> 4) << (2 * (s / 4)));
            float dl = d * sc;
            for (int l = 0; l < 16; l++) {
                int i = 16 * s + l;
                int q = dl != 0 ? clamp(roundf(x[xo + i] / dl), -4, 3) : 0;
                int stored = q + 4;
                int h = i / 128, r = i % 128, j = r / 32;
                out[o + 32 + 32 * h + r % 32] |= (byte) ((stored & 3) << (2 * j));
                if (stored >= 4) {
                    out[o + r % 32] |= (byte) (1 << (4 * h + j));
                }
            }
        }
    }

    /**
     * Q4_K (and Q5_K with {@code five}): 8 sub-blocks of 32 with value = d*sc*q - dmin*m, sc and m
     * 6-bit, q 4- or 5-bit.
     */
    private static void q4_K(float[] x, int xo, byte[] out, int o, boolean five) {
        int qmax = five ? 31 : 15;
        float[] scale = new float[8], min = new float[8];
        float maxScale = 0, maxMin = 0;
        for (int s = 0; s < 8; s++) {
            float lo = 0, hi = -Float.MAX_VALUE;
            for (int l = 0; l < 32; l++) {
                lo = Math.min(lo, x[xo + 32 * s + l]);
                hi = Math.max(hi, x[xo + 32 * s + l]);
            }
            scale[s] = (hi - lo) / qmax;
            min[s] = -lo;
            maxScale = Math.max(maxScale, scale[s]);
            maxMin = Math.max(maxMin, min[s]);
        }
        short dh = Half.fromFloat(maxScale / 63), mh = Half.fromFloat(maxMin / 63);
        float d = Half.toFloat(dh), dmin = Half.toFloat(mh);
        put16(out, o, dh);
        put16(out, o + 2, mh);
        int scales = o + 4;
        int qh = o + 16;
        int qs = five ? o + 48 : o + 16;
        for (int s = 0; s < 8; s++) {
            int sc = d > 0 ? clamp(roundf(scale[s] / d), 0, 63) : 0;
            int m = dmin > 0 ? clamp(roundf(min[s] / dmin), 0, 63) : 0;
            // The packing read by Q4_KTensor.scaleK4 / minK4.
            if (s < 4) {
                out[scales + s] |= (byte) sc;
                out[scales + s + 4] |= (byte) m;
            } else {
                out[scales + s + 4] = (byte) ((sc & 0xF) | (m & 0xF) << 4);
                out[scales + s - 4] |= (byte) ((sc >> 4) << 6);
                out[scales + s] |= (byte) ((m >> 4) << 6);
            }
            float dl = d * sc, ml = dmin * m;
            for (int l = 0; l < 32; l++) {
                int q = dl > 0 ? clamp(roundf((x[xo + 32 * s + l] + ml) / dl), 0, qmax) : 0;
                int g = s / 2;
                out[qs + 32 * g + l] |= (byte) ((q & 0xF) << (s % 2 == 0 ? 0 : 4));
                if (q >= 16) {
                    out[qh + l] |= (byte) (1 << s);
                }
            }
        }
    }

    /** Q6_K: 16 sub-blocks of 16 with value = d*sc*q, sc int8, q in -32..31. */
    private static void q6_K(float[] x, int xo, byte[] out, int o) {
        float[] scale = new float[16];
        float maxScale = 0, maxAbs = 0;
        for (int s = 0; s < 16; s++) {
            scale[s] = signedMax(x, xo + 16 * s, 16) / -32;
            if (Math.abs(scale[s]) > maxAbs) {
                maxAbs = Math.abs(scale[s]);
                maxScale = scale[s];
            }
        }
        float iscale = maxScale != 0 ? -128 / maxScale : 0;
        short dh = Half.fromFloat(iscale != 0 ? 1 / iscale : 0);
        float d = Half.toFloat(dh);
        put16(out, o + 208, dh);
        for (int s = 0; s < 16; s++) {
            int sc = clamp(roundf(iscale * scale[s]), -128, 127);
            out[o + 192 + s] = (byte) sc;
            float dl = d * sc;
            for (int l = 0; l < 16; l++) {
                int i = 16 * s + l;
                int q = (dl != 0 ? clamp(roundf(x[xo + i] / dl), -32, 31) : 0) + 32;
                int h = i / 128, r = i % 128, ll = r % 32, k = r / 32;
                out[o + 64 * h + ll + 32 * (k % 2)] |= (byte) ((q & 0xF) << (k < 2 ? 0 : 4));
                out[o + 128 + 32 * h + ll] |= (byte) ((q >> 4) << (2 * k));
            }
        }
    }

    // ---- helpers ----

    /** C's roundf: halves away from zero (Math.round sends -2.5 to -2). */
    static int roundf(float v) {
        float a = Math.abs(v);
        float t = (float) Math.floor(a);
        if (a - t >= 0.5f) {
            t += 1f;
        }
        return (int) (v < 0 ? -t : t);
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    private static void put16(byte[] b, int o, short v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
    }

    private static void putU32(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
        b[o + 2] = (byte) (v >> 16);
        b[o + 3] = (byte) (v >> 24);
    }

    private static void putF32(byte[] b, int o, float f) {
        putU32(b, o, Float.floatToRawIntBits(f));
    }
}
