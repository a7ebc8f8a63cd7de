package dev.hearth.tensor;

/** bfloat16 values (the top 16 bits of a float), 2 bytes each, little-endian. */
public final class BF16Tensor extends BlockTensor {

    public BF16Tensor(long size, byte[][] chunks, int blocksPerChunk) {
        super(GgmlType.BF16, size, chunks, blocksPerChunk);
    }

    public BF16Tensor(long size, byte[] data) {
        this(size, new byte[][] {data}, (int) size);
    }

    @Override
    protected float element(byte[] b, int at, int j) {
        return Half.bf16ToFloat(u16(b, at));
    }

    @Override
    protected void dequantizeBlocks(byte[] b, int at, int n, float[] dst, int dstOff) {
        for (int j = 0; j < n; j++) {
            dst[dstOff + j] = Float.intBitsToFloat(u16(b, at + 2 * j) << 16);
        }
    }

    @Override
    protected float dotBlocks(byte[] b, int at, int n, float[] x, int xOff) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += Float.intBitsToFloat(u16(b, at + 2 * j) << 16) * x[xOff + j];
            s1 += Float.intBitsToFloat(u16(b, at + 2 * j + 2) << 16) * x[xOff + j + 1];
            s2 += Float.intBitsToFloat(u16(b, at + 2 * j + 4) << 16) * x[xOff + j + 2];
            s3 += Float.intBitsToFloat(u16(b, at + 2 * j + 6) << 16) * x[xOff + j + 3];
        }
        for (; j < n; j++) {
            s0 += Float.intBitsToFloat(u16(b, at + 2 * j) << 16) * x[xOff + j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
