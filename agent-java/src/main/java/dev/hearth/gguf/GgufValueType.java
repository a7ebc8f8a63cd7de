package dev.hearth.gguf;

/** GGUF's {@code enum gguf_metadata_value_type}: the type tag before each metadata value. */
public enum GgufValueType {
    UINT8(0, 1),
    INT8(1, 1),
    UINT16(2, 2),
    INT16(3, 2),
    UINT32(4, 4),
    INT32(5, 4),
    FLOAT32(6, 4),
    BOOL(7, 1),
    /** {@code gguf_string_t}: uint64 length, then that many UTF-8 bytes (no terminator). */
    STRING(8, 8),
    /** uint32 element type, uint64 count, then the elements. */
    ARRAY(9, 12),
    UINT64(10, 8),
    INT64(11, 8),
    FLOAT64(12, 8);

    public final int id;
    /** Smallest encoding of one value in bytes: used to bound counts against the file size. */
    public final int minBytes;

    private static final GgufValueType[] BY_ID = values();

    GgufValueType(int id, int minBytes) {
        this.id = id;
        this.minBytes = minBytes;
    }

    /** The type with this id, or null if GGUF defines none. */
    public static GgufValueType fromId(long id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[(int) id] : null;
    }

    public boolean isInteger() {
        switch (this) {
            case UINT8: case INT8: case UINT16: case INT16:
            case UINT32: case INT32: case UINT64: case INT64:
                return true;
            default:
                return false;
        }
    }
}
