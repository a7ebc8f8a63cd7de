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
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += half(b, at + 2 * j) * x[xOff + j];
            s1 += half(b, at + 2 * j + 2) * x[xOff + j + 1];
            s2 += half(b, at + 2 * j + 4) * x[xOff + j + 2];
            s3 += half(b, at + 2 * j + 6) * x[xOff + j + 3];
        }
        for (; j < n; j++) {
            s0 += half(b, at + 2 * j) * x[xOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
