package dev.hearth.tensor;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.TensorInfo;

/** Loading GGUF tensors into memory as {@link FloatTensor}s. */
public final class Tensors {
    private Tensors() {
    }

    /** Largest byte array used for one chunk of tensor data (rounded down to whole blocks). */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 1 << 30;

    /** Size of the pieces F32 data is read in before conversion, so it is never held twice. */
    private static final int F32_READ_BYTES = 1 << 20;

    /**
     * Reads tensor {@code t} of {@code f} into memory.
     *
     * @throws UnsupportedTensorTypeException if its type has no implementation here
     */
    public static FloatTensor load(GgufFile f, TensorInfo t) {
        return load(f, t, DEFAULT_MAX_CHUNK_BYTES);
    }

    /** As {@link #load(GgufFile, TensorInfo)}, with chunks of at most {@code maxChunkBytes}. */
    public static FloatTensor load(GgufFile f, TensorInfo t, int maxChunkBytes) {
        GgmlType type = t.type;
        if (!type.isSupported()) {
            throw new UnsupportedTensorTypeException(t.name, type);
        }
        ByteSource src = f.source();
        long at = t.absoluteOffset();
        long n = t.elementCount();
        if (type == GgmlType.F32) {
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("F32 tensor '" + t.name + "' has " + n
                        + " values, more than a Java float[] holds");
            }
            float[] v = new float[(int) n];
            byte[] piece = new byte[(int) Math.min(F32_READ_BYTES, 4 * n)];
            int done = 0;
            while (done < n) {
                int count = (int) Math.min(piece.length / 4, n - done);
                src.read(at + 4L * done, piece, 0, 4 * count);
                for (int i = 0; i < count; i++) {
                    int p = 4 * i;
                    v[done + i] = Float.intBitsToFloat((piece[p] & 0xFF) | (piece[p + 1] & 0xFF) << 8
                            | (piece[p + 2] & 0xFF) << 16 | (piece[p + 3] & 0xFF) << 24);
                }
                done += count;
            }
            return new F32Tensor(v);
        }
        int blocksPerChunk = Math.max(1, maxChunkBytes / type.typeSize);
        long blocks = n / type.blockSize;
        int nChunks = (int) ((blocks + blocksPerChunk - 1) / blocksPerChunk);
        byte[][] chunks = new byte[nChunks][];
        for (int c = 0; c < nChunks; c++) {
            long first = (long) c * blocksPerChunk;
            int bytes = (int) (Math.min(blocksPerChunk, blocks - first) * type.typeSize);
            chunks[c] = new byte[bytes];
            src.read(at + first * type.typeSize, chunks[c], 0, bytes);
        }
        return of(type, n, chunks, blocksPerChunk);
    }

    /** A tensor of {@code size} values over {@code data} (not copied) in the given type. */
    public static FloatTensor fromBytes(GgmlType type, long size, byte[] data) {
        if (type == GgmlType.F32) {
            float[] v = new float[Math.toIntExact(size)];
            for (int i = 0; i < v.length; i++) {
                int p = 4 * i;
                v[i] = Float.intBitsToFloat((data[p] & 0xFF) | (data[p + 1] & 0xFF) << 8
                        | (data[p + 2] & 0xFF) << 16 | (data[p + 3] & 0xFF) << 24);
            }
            return new F32Tensor(v);
        }
        return of(type, size, new byte[][] {data}, Math.toIntExact(Math.max(1, size / type.blockSize)));
    }

    private static FloatTensor of(GgmlType type, long n, byte[][] chunks, int blocksPerChunk) {
        switch (type) {
            case F16: return new F16Tensor(n, chunks, blocksPerChunk);
            case BF16: return new BF16Tensor(n, chunks, blocksPerChunk);
            case Q4_0: return new Q4_0Tensor(n, chunks, blocksPerChunk);
            case Q4_1: return new Q4_1Tensor(n, chunks, blocksPerChunk);
            case Q5_0: return new Q5_0Tensor(n, chunks, blocksPerChunk);
            case Q5_1: return new Q5_1Tensor(n, chunks, blocksPerChunk);
            case Q8_0: return new Q8_0Tensor(n, chunks, blocksPerChunk);
            case Q2_K: return new Q2_KTensor(n, chunks, blocksPerChunk);
            case Q3_K: return new Q3_KTensor(n, chunks, blocksPerChunk);
            case Q4_K: return new Q4_KTensor(n, chunks, blocksPerChunk);
            case Q5_K: return new Q5_KTensor(n, chunks, blocksPerChunk);
            case Q6_K: return new Q6_KTensor(n, chunks, blocksPerChunk);
            default: throw new IllegalArgumentException("no FloatTensor for " + type);
        }
    }

    /** All values of tensor {@code t} as floats (fewer than 2^31 of them). */
    public static float[] toFloatArray(GgufFile f, TensorInfo t) {
        return load(f, t).toFloatArray();
    }

    /** All values of the named tensor as floats, or null if the file has no such tensor. */
    public static float[] toFloatArray(GgufFile f, String name) {
        TensorInfo t = f.tensor(name);
        return t == null ? null : toFloatArray(f, t);
    }

    /** All values of {@code t} as floats (fewer than 2^31 of them). */
    public static float[] toFloatArray(FloatTensor t) {
        return t.toFloatArray();
    }
}
