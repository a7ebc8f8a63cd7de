package dev.hearth.tensor;

/**
 * Values stored as ggml blocks of {@link GgmlType#blockSize} values in {@link GgmlType#typeSize}
 * bytes, kept in byte arrays ("chunks") of whole blocks so a block never straddles two arrays and
 * tensors over 2 GB fit.
 *
 * <p>Subclasses decode one type: {@link #element} is the scalar reference, {@link #dequantizeBlocks}
 * and {@link #dotBlocks} the fast loops over consecutive blocks of one chunk.
 */
public abstract class BlockTensor extends FloatTensor {
    private final GgmlType type;
    private final long size;
    private final byte[][] chunks;
    private final int blocksPerChunk;
    final int blockSize;
    final int typeSize;

    /**
     * @param chunks the blocks in order; every chunk but the last holds exactly {@code blocksPerChunk}
     *     blocks, the last the rest
     */
    protected BlockTensor(GgmlType type, long size, byte[][] chunks, int blocksPerChunk) {
        this.type = type;
        this.size = size;
        this.chunks = chunks;
        this.blocksPerChunk = blocksPerChunk;
        this.blockSize = type.blockSize;
        this.typeSize = type.typeSize;
        if (size < 0 || size % blockSize != 0) {
            throw new IllegalArgumentException(size + " values is not a whole number of " + type + " blocks");
        }
        long blocks = size / blockSize;
        long have = 0;
        for (int c = 0; c < chunks.length; c++) {
            long expect = Math.min(blocksPerChunk, blocks - have) * typeSize;
            if (chunks[c].length < expect) {
                throw new IllegalArgumentException("chunk " + c + " has " + chunks[c].length
                        + " bytes, expected " + expect);
            }
            have += blocksPerChunk;
        }
        if (have < blocks) {
            throw new IllegalArgumentException(chunks.length + " chunks of " + blocksPerChunk
                    + " blocks cannot hold " + blocks + " blocks");
        }
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final GgmlType type() {
        return type;
    }

    /** Value {@code j} (0 ≤ j < blockSize) of the block whose bytes start at {@code b[at]}. */
    protected abstract float element(byte[] b, int at, int j);

    /** Decodes {@code nBlocks} consecutive blocks from {@code b[at..]} into {@code dst[dstOff..]}. */
    protected abstract void dequantizeBlocks(byte[] b, int at, int nBlocks, float[] dst, int dstOff);

    /** Dot of {@code nBlocks} consecutive blocks from {@code b[at..]} with {@code x[xOff..]}. */
    protected abstract float dotBlocks(byte[] b, int at, int nBlocks, float[] x, int xOff);

    @Override
    public final float getFloat(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("element " + i + " of a tensor of " + size);
        }
        long block = i / blockSize;
        return element(chunks[(int) (block / blocksPerChunk)], (int) (block % blocksPerChunk) * typeSize,
                (int) (i % blockSize));
    }

    @Override
    public final void dequantize(long offset, float[] dst, int dstOff, int n) {
        checkRange(offset, n, dst, dstOff);
        // A partial first block, element by element.
        while (n > 0 && offset % blockSize != 0) {
            dst[dstOff++] = getFloat(offset++);
            n--;
        }
        long block = offset / blockSize;
        int blocks = n / blockSize;
        while (blocks > 0) {
            int c = (int) (block / blocksPerChunk);
            int first = (int) (block % blocksPerChunk);
            int run = Math.min(blocks, blocksPerChunk - first);
            dequantizeBlocks(chunks[c], first * typeSize, run, dst, dstOff);
            block += run;
            blocks -= run;
            dstOff += run * blockSize;
        }
        // A partial last block.
        offset = block * blockSize;
        n %= blockSize;
        for (int j = 0; j < n; j++) {
            dst[dstOff + j] = getFloat(offset + j);
        }
    }

    @Override
    public final float dot(long offset, float[] x, int xOffset, int n) {
        checkRange(offset, n, x, xOffset);
        if (offset % blockSize != 0 || n % blockSize != 0) {
            throw new IllegalArgumentException(type + " dot needs offset and length that are multiples of "
                    + blockSize + ", got offset " + offset + " and length " + n);
        }
        long block = offset / blockSize;
        int blocks = n / blockSize;
        float sum = 0f;
        while (blocks > 0) {
            int c = (int) (block / blocksPerChunk);
            int first = (int) (block % blocksPerChunk);
            int run = Math.min(blocks, blocksPerChunk - first);
            sum += dotBlocks(chunks[c], first * typeSize, run, x, xOffset);
            block += run;
            blocks -= run;
            xOffset += run * blockSize;
        }
        return sum;
    }

    /** The little-endian uint16 at {@code b[i]}. */
    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    /** A little-endian half at {@code b[i]}, as a float, by table: the fast paths' version. */
    static float half(byte[] b, int i) {
        return Half.TABLE[(b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8];
    }
}
