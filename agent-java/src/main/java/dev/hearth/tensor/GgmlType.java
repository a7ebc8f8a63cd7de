package dev.hearth.tensor;

/**
 * The ggml tensor types, by the numeric id a GGUF tensor info stores (ggml.h's {@code enum ggml_type}).
 *
 * <p>{@link #blockSize} values share one block of {@link #typeSize} bytes; a tensor's row length
 * (ne[0]) must be a multiple of the block size. Every type ggml has named is listed so that an
 * error can name it; {@link #isSupported()} says whether {@link FloatTensor} can read it.
 * Ids that ggml removed (4, 5, 31-33, 36-38) have no layout: {@link #hasLayout()} is false and a
 * file using them is rejected by the reader.
 */
public enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, true),
    Q4_2(4, 0, 0, false),      // removed from ggml in 2023
    Q4_3(5, 0, 0, false),      // removed from ggml in 2023
    Q5_0(6, 32, 22, true),
    Q5_1(7, 32, 24, true),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 36, false),
    Q2_K(10, 256, 84, true),
    Q3_K(11, 256, 110, true),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, true),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    Q4_0_4_4(31, 0, 0, false), // removed: repacking is done at load time now
    Q4_0_4_8(32, 0, 0, false), // removed
    Q4_0_8_8(33, 0, 0, false), // removed
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false),
    IQ4_NL_4_4(36, 0, 0, false), // removed
    IQ4_NL_4_8(37, 0, 0, false), // removed
    IQ4_NL_8_8(38, 0, 0, false), // removed
    MXFP4(39, 32, 17, false);

    /** The id stored in GGUF tensor infos. */
    public final int id;
    /** Values per block; 0 for a removed type. */
    public final int blockSize;
    /** Bytes per block; 0 for a removed type. */
    public final int typeSize;
    private final boolean supported;

    private static final GgmlType[] BY_ID = new GgmlType[40];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    GgmlType(int id, int blockSize, int typeSize, boolean supported) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
        this.supported = supported;
    }

    /** The type with this id, or null if ggml has no type with that id. */
    public static GgmlType fromId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }

    /** Same as the field {@link #id}. */
    public int id() {
        return id;
    }

    /** Same as the field {@link #blockSize}. */
    public int blockSize() {
        return blockSize;
    }

    /** Same as the field {@link #typeSize}. */
    public int typeSize() {
        return typeSize;
    }

    /** Whether {@link FloatTensor} has a dequantizer and dot product for this type. */
    public boolean isSupported() {
        return supported;
    }

    /** False for ids ggml removed: their byte size is unknown. */
    public boolean hasLayout() {
        return blockSize > 0;
    }

    /**
     * Bytes taken by {@code elements} values; the caller guarantees a multiple of the block size.
     * Returns -1 when the size would not fit in a long.
     */
    public long byteSize(long elements) {
        long blocks = elements / blockSize;
        if (blocks > Long.MAX_VALUE / typeSize) {
            return -1;
        }
        return blocks * typeSize;
    }
}
