package dev.hearth.tensor;

/**
 * IEEE 754 half precision (binary16) and bfloat16 conversions, written out because
 * {@code Float.float16ToFloat} only exists from Java 20 and TeaVM has neither.
 */
public final class Half {
    private Half() {
    }

    /** Every half value as a float, indexed by its 16 bits: the fast path of dot products. */
    static final float[] TABLE = new float[65536];

    static {
        for (int h = 0; h < 65536; h++) {
            TABLE[h] = toFloat(h);
        }
    }

    /**
     * The float equal to the half with bits {@code h} (low 16 bits used). Exact: every half is a float.
     * Layout: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits.
     */
    public static float toFloat(int h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            // Infinity (mant 0) or NaN: the float exponent is all ones too; keep the payload.
            return Float.intBitsToFloat(sign | 0x7F800000 | mant << 13);
        }
        if (exp != 0) {
            // Normal: rebias the exponent from 15 to 127.
            return Float.intBitsToFloat(sign | (exp + 127 - 15) << 23 | mant << 13);
        }
        // Zero or subnormal: mant x 2^-24, exact in float.
        float v = mant * 0x1p-24f;
        return sign != 0 ? -v : v;
    }

    /** The half nearest to {@code f} (ties to even), as 16 bits; overflow gives infinity. */
    public static short fromFloat(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            // Infinity stays infinity; NaN keeps its top payload bits and stays a (quiet) NaN.
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | mant >>> 13 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            // Subnormal half (or zero): shift the mantissa with its implicit bit into place.
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = e << 10 | mant >>> 13;
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, up to infinity: still correct
        }
        return (short) (sign | half);
    }

    /** bfloat16 is the top half of a float's bits. */
    public static float bf16ToFloat(int b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    /** The bfloat16 nearest to {@code f} (ties to even), as ggml rounds it; NaN stays a quiet NaN. */
    public static short floatToBf16(float f) {
        int u = Float.floatToRawIntBits(f);
        if ((u & 0x7FFFFFFF) > 0x7F800000) {
            return (short) ((u >>> 16) | 64);
        }
        return (short) ((u + (0x7FFF + ((u >>> 16) & 1))) >>> 16);
    }
}
