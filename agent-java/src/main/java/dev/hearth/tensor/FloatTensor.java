package dev.hearth.tensor;

/**
 * A flat sequence of values stored in one ggml type, read as floats.
 *
 * <p>{@link #getFloat} is the scalar reference: it decodes one value straight from the format's
 * definition and is meant to be read. {@link #dequantize} and {@link #dot} are the fast paths:
 * they unpack each block once. All three give the same values as llama.cpp's dequantizer, bit for
 * bit; {@code dot} may sum in a different order.
 *
 * <p>A 2-D weight with {@code ne = {cols, rows}} stores row {@code r} at elements
 * {@code [r*cols, (r+1)*cols)}, so a matrix-vector product is {@code dot(r*cols, x, 0, cols)} per row.
 */
public abstract class FloatTensor {

    /** Number of values. */
    public abstract long size();

    public abstract GgmlType type();

    /** Value {@code i}, decoded by the readable reference path. */
    public abstract float getFloat(long i);

    /** Writes values {@code [offset, offset+n)} to {@code dst[dstOff..]}. Any offset and n. */
    public abstract void dequantize(long offset, float[] dst, int dstOff, int n);

    /**
     * Sum over {@code j < n} of {@code value(offset+j) * x[xOffset+j]}. For quantized types
     * {@code offset} and {@code n} must be multiples of {@link GgmlType#blockSize}.
     */
    public abstract float dot(long offset, float[] x, int xOffset, int n);

    /** All values as a new array (the tensor must have fewer than 2^31 values). */
    public float[] toFloatArray() {
        if (size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor of " + size() + " values does not fit in a float[]");
        }
        float[] out = new float[(int) size()];
        dequantize(0, out, 0, out.length);
        return out;
    }

    final void checkRange(long offset, long n, float[] arr, int arrOff) {
        if (offset < 0 || n < 0 || offset > size() - n) {
            throw new IndexOutOfBoundsException("elements [" + offset + ", " + offset + "+" + n
                    + ") outside a tensor of " + size());
        }
        if (arrOff < 0 || arrOff > arr.length - n) {
            throw new IndexOutOfBoundsException("array range [" + arrOff + ", " + arrOff + "+" + n
                    + ") outside an array of " + arr.length);
        }
    }
}
