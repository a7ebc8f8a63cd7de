package dev.hearth.model;

import dev.hearth.tensor.GgmlType;

/**
 * Rounds a matmul's input vector the way llama.cpp's CPU backend converts activations to the weight's
 * "vec_dot_type" before a dot product: Q8_0 blocks for Q8_0/Q4_0/Q5_0 weights, Q8_1 for Q4_1/Q5_1, Q8_K
 * for the K-quants, F16 for F16 and BF16 for BF16; F32 weights keep F32 inputs. The rounded values are
 * returned as floats (quantized value times its block scale), so the ordinary F32 dot of the weights with
 * them equals llama.cpp's integer dot up to summation order.
 *
 * <p>Why: llama.cpp's goldens carry this rounding (about 0.1 in stories260K Q8_0's logits). With it the
 * forward pass agrees with them to ~1e-2; without it ({@link Mode#F32}) it is the plain F32 reference.
 */
public final class ActivationRounding {
    public enum Mode {
        /** Inputs stay F32: the exact-math reference. */
        F32,
        /** Inputs rounded as llama.cpp's CPU matmuls do. */
        LLAMA_CPP
    }

    private ActivationRounding() {
    }

    /** Rounds x[0..n) for a dot with weights of this type into out; returns false (out untouched) for F32. */
    public static boolean round(GgmlType weightType, float[] x, int n, float[] out) {
        switch (weightType) {
            case Q8_0: case Q4_0: case Q5_0:
            case Q4_1: case Q5_1:
                // Q8_0 and Q8_1 share the value layout: blocks of 32, scale amax / 127 stored as F16
                for (int b = 0; b < n; b += 32) {
                    q8Block(x, b, Math.min(32, n - b), out);
                }
                return true;
            case Q2_K: case Q3_K: case Q4_K: case Q5_K: case Q6_K:
                for (int b = 0; b < n; b += 256) {
                    q8KBlock(x, b, Math.min(256, n - b), out);
                }
                return true;
            case F16:
                for (int i = 0; i < n; i++) {
                    out[i] = toF16(x[i]);
                }
                return true;
            case BF16:
                for (int i = 0; i < n; i++) {
                    out[i] = toBf16(x[i]);
                }
                return true;
            default:
                return false;
        }
    }

    /** Q8_0 / Q8_1: d = amax / 127 (kept as F16), q = round-half-even(x * 127 / amax). */
    private static void q8Block(float[] x, int off, int len, float[] out) {
        float amax = 0f;
        for (int i = 0; i < len; i++) {
            amax = Math.max(amax, Math.abs(x[off + i]));
        }
        float d = amax / 127f;
        float id = amax != 0f ? 127f / amax : 0f;
        float dh = toF16(d);
        for (int i = 0; i < len; i++) {
            out[off + i] = dh * (float) Math.rint(x[off + i] * id);
        }
    }

    /** Q8_K: the signed value of largest magnitude maps to -127; d = 1 / iscale is kept as F32. */
    private static void q8KBlock(float[] x, int off, int len, float[] out) {
        float amax = 0f;
        float max = 0f;
        for (int i = 0; i < len; i++) {
            float ax = Math.abs(x[off + i]);
            if (ax > amax) {
                amax = ax;
                max = x[off + i];
            }
        }
        if (amax == 0f) {
            for (int i = 0; i < len; i++) {
                out[off + i] = 0f;
            }
            return;
        }
        float iscale = -127f / max;
        float d = 1f / iscale;
        for (int i = 0; i < len; i++) {
            float q = Math.min(127f, (float) Math.rint(iscale * x[off + i]));
            out[off + i] = d * q;
        }
    }

    /** Nearest F16 value (round half to even), as a float. */
    static float toF16(float f) {
        float a = Math.abs(f);
        if (a == 0f || Float.isNaN(f) || Float.isInfinite(f)) {
            return f;
        }
        if (a >= 65520f) {
            return Math.copySign(Float.POSITIVE_INFINITY, f);
        }
        int e = Math.max(Math.getExponent(a), -14); // below 2^-14 F16 is subnormal with spacing 2^-24
        float ulp = Math.scalb(1f, e - 10);
        return Math.copySign((float) Math.rint(a / ulp) * ulp, f);
    }

    /** Nearest BF16 value (round half to even), as a float. */
    static float toBf16(float f) {
        if (Float.isNaN(f)) {
            return f;
        }
        int bits = Float.floatToRawIntBits(f);
        bits += 0x7fff + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xffff0000);
    }
}
