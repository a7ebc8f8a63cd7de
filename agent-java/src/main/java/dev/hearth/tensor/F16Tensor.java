package dev.hearth.tensor;

/** IEEE half precision values, 2 bytes each, little-endian. */
public final class F16Tensor extends BlockTensor {

    public F16Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.F16, size, chunks, blocksPerChunk);
    }

    public F16Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) size);
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        return Half.toFloat(u16(b, at));
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int n, float[] dst, int dstOff) {
        for (int j = 0; j < n; j++) {
            dst[dstOff + j] = half(b, at + 2 * j);
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int n, float[] x, int xOff) {
        float s0 = 0f, s1 = 0f;
        int j = 0;
        for (; j + 1 < n; j += 2) {
            s0 += half(b, at + 2 * j) * x[xOff + j];
            s1 += half(b, at + 2 * j + 2) * x[xOff + j + 1];
        }
        if (j < n) {
            s0 += half(b, at + 2 * j) * x[xOff + j];
        }
        return s0 + s1;
    }
}
