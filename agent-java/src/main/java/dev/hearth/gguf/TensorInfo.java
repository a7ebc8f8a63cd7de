package dev.hearth.gguf;

import dev.hearth.tensor.GgmlType;

/**
 * One entry of a GGUF file's tensor info table. Fields and same-named accessors are both public.
 *
 * <p>{@code ne} follows ggml: {@code ne[0]} is the row length (the fastest-varying dimension),
 * so a matrix with {@code ne = {in, out}} has {@code out} rows of {@code in} values.
 */
public final class TensorInfo {
    /** Position in the file's tensor table, from 0. */
    public final int index;
    public final String name;
    /** Dimensions, fastest first; at most 4 entries (0 entries: a single value). */
    public final long[] ne;
    public final GgmlType type;
    /** Offset of the data from the start of the data section (a multiple of the alignment). */
    public final long offset;
    /** Absolute offset of the data section in the file. */
    public final long dataOffset;
    private final long elementCount;
    private final long byteSize;

    public TensorInfo(int index, String name, long[] ne, GgmlType type, long offset, long dataOffset) {
        this.index = index;
        this.name = name;
        this.ne = java.util.Arrays.copyOf(ne, ne.length); // not clone(): see TeaVmCompatibilityTest
        this.type = type;
        this.offset = offset;
        this.dataOffset = dataOffset;
        long n = 1;
        for (long d : ne) {
            n = Math.multiplyExact(n, d);
        }
        this.elementCount = n;
        this.byteSize = type.byteSize(n);
    }

    public String name() {
        return name;
    }

    public long[] ne() {
        return java.util.Arrays.copyOf(ne, ne.length);
    }

    public GgmlType type() {
        return type;
    }

    public long offset() {
        return offset;
    }

    /** Offset of this tensor's first byte from the start of the file. */
    public long absoluteOffset() {
        return dataOffset + offset;
    }

    public long elementCount() {
        return elementCount;
    }

    public long byteSize() {
        return byteSize;
    }

    /** Number of dimensions. */
    public int nDims() {
        return ne.length;
    }

    /** Row length, {@code ne[0]} (1 for a tensor with no dimensions). */
    public long rowLength() {
        return ne.length == 0 ? 1 : ne[0];
    }

    /** Number of rows: the product of {@code ne[1..]}. */
    public long rowCount() {
        long len = rowLength();
        return len == 0 ? 0 : elementCount / len;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(name).append(' ').append(type).append(" [");
        for (int i = 0; i < ne.length; i++) {
            b.append(i == 0 ? "" : ", ").append(ne[i]);
        }
        return b.append("] at +").append(offset).toString();
    }
}
