package dev.hearth.gguf;

import dev.hearth.tensor.GgmlType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the GGUF header, metadata and tensor infos through a small read-ahead buffer, so only
 * what is parsed ends up in the heap (never the tensor data).
 *
 * <p>Every count and length is checked against the bytes that remain in the file before anything
 * is allocated for it, so a corrupt file fails with a {@link GgufFormatException} that names the
 * offset and the field, in time and memory proportional to the file's size.
 *
 * <p>All integers are little-endian. v3 also allows big-endian files; they are recognised and
 * rejected by name.
 */
final class GgufReader {
    /** "GGUF" as bytes 0x47 0x47 0x55 0x46, i.e. 0x46554747 read as a little-endian uint32. */
    static final int MAGIC = 0x46554747;
    static final int DEFAULT_ALIGNMENT = 32;
    /** GGML_MAX_DIMS. */
    static final int MAX_DIMS = 4;
    /** Nested arrays deeper than this are refused (no real file nests at all). */
    static final int MAX_ARRAY_DEPTH = 16;
    /** Java arrays hold at most about this many elements. */
    static final long MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    // Smallest possible encodings, used to bound counts before allocating:
    // a metadata kv is key length (8) + value type (4) + a one-byte value;
    // a tensor info is name length (8) + n_dimensions (4) + type (4) + offset (8).
    private static final int MIN_KV_BYTES = 8 + 4 + 1;
    private static final int MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8;

    private static final int BUFFER = 1 << 16;

    private final ByteSource src;
    private final long size;
    private final byte[] buf = new byte[BUFFER];
    private long bufStart;
    private int bufLen;
    private long pos;

    // What is being read, for error messages: e.g. "metadata 3 'tokenizer.ggml.tokens' value"
    // followed by the element index at each array depth.
    private String context = "header";
    private final long[] elementPath = new long[MAX_ARRAY_DEPTH + 1];
    private int depth;

    // Results.
    int version;
    final Map<String, Object> values = new LinkedHashMap<>();
    final Map<String, GgufValueType> valueTypes = new HashMap<>();
    final Map<String, GgufValueType> arrayTypes = new HashMap<>();
    final Map<String, Long> valueOffsets = new HashMap<>();
    final List<TensorInfo> tensors = new ArrayList<>();
    final Map<String, Integer> tensorIndex = new HashMap<>();
    int alignment = DEFAULT_ALIGNMENT;
    long dataOffset;

    GgufReader(ByteSource src) {
        this.src = src;
        this.size = src.size();
    }

    /** Reads the header, metadata and tensor infos, and checks every tensor's data range. */
    void read() {
        // struct gguf_header_t {
        //     uint32_t magic;              // "GGUF"
        //     uint32_t version;            // 3 now; 2 is the same layout; 1 had 32-bit counts
        //     uint64_t tensor_count;
        //     uint64_t metadata_kv_count;
        //     gguf_metadata_kv_t metadata_kv[metadata_kv_count];
        // };
        if (size < 4) {
            throw fail(0, "magic", "the source has only " + size
                    + " bytes; a GGUF file starts with the 4 bytes \"GGUF\"");
        }
        int magic = (int) u32("magic");
        if (magic != MAGIC) {
            throw fail(0, "magic", "expected the bytes \"GGUF\" (47 47 55 46), found " + hex4(magic)
                    + ": this is not a GGUF file");
        }
        long versionAt = pos;
        long v = u32("version");
        if (v == 1) {
            throw fail(versionAt, "version", "GGUF v1 (32-bit counts) is not supported;"
                    + " convert the model again with a current llama.cpp");
        }
        if (v == 0x02000000L || v == 0x03000000L) {
            throw fail(versionAt, "version", "this is a big-endian GGUF file (version "
                    + Integer.reverseBytes((int) v) + "); only little-endian files are supported");
        }
        if (v != 2 && v != 3) {
            throw fail(versionAt, "version", "unsupported GGUF version " + v + "; this reader reads 2 and 3");
        }
        version = (int) v;

        long tensorCountAt = pos;
        long tensorCount = u64("tensor_count");
        checkCount(tensorCountAt, "tensor_count", tensorCount, MIN_TENSOR_INFO_BYTES, "tensor infos");
        long kvCountAt = pos;
        long kvCount = u64("metadata_kv_count");
        checkCount(kvCountAt, "metadata_kv_count", kvCount, MIN_KV_BYTES, "metadata entries");

        for (long i = 0; i < kvCount; i++) {
            readKeyValue(i);
        }
        readAlignment();
        for (int i = 0; i < tensorCount; i++) {
            readTensorInfo(i);
        }
        context = "data section";
        // The tensor data starts at the first multiple of the alignment after the tensor infos.
        long pad = (alignment - pos % alignment) % alignment;
        dataOffset = pos + pad;
        checkTensorRanges();
    }

    private void readKeyValue(long i) {
        // struct gguf_metadata_kv_t {
        //     gguf_string_t key;                   // ASCII, dotted lower_snake_case
        //     gguf_metadata_value_type value_type; // uint32
        //     gguf_metadata_value_t value;
        // };
        context = "metadata " + i;
        long keyAt = pos;
        String key = readString("key length");
        context = "metadata " + i + " '" + key + "'";
        if (values.containsKey(key)) {
            throw fail(keyAt, "key", "duplicate key (its first value is at offset " + valueOffsets.get(key) + ")");
        }
        GgufValueType type = readValueType("value_type");
        long valueAt = pos;
        context = context + " value";
        Object value = readValue(type);
        values.put(key, value);
        valueTypes.put(key, type);
        valueOffsets.put(key, valueAt);
        if (type == GgufValueType.ARRAY) {
            arrayTypes.put(key, lastArrayType);
        }
    }

    private void readAlignment() {
        // general.alignment: uint32, a power of two, default 32. The data section and every tensor's
        // offset are multiples of it.
        Object a = values.get("general.alignment");
        if (a == null) {
            return;
        }
        long at = valueOffsets.get("general.alignment");
        context = "metadata 'general.alignment'";
        GgufValueType t = valueTypes.get("general.alignment");
        if (!t.isInteger()) {
            throw fail(at, "value", "expected an integer (uint32), found " + t);
        }
        long v = ((Number) a).longValue();
        if (v <= 0 || v > (1 << 30) || (v & (v - 1)) != 0) {
            throw fail(at, "value", v + " is not a power of two between 1 and 2^30");
        }
        alignment = (int) v;
    }

    private void readTensorInfo(int i) {
        // struct gguf_tensor_info_t {
        //     gguf_string_t name;                 // at most 64 bytes in ggml
        //     uint32_t n_dimensions;              // at most 4
        //     uint64_t dimensions[n_dimensions];  // ne, the fastest-varying first
        //     ggml_type type;                     // uint32
        //     uint64_t offset;                    // from the start of tensor_data, aligned
        // };
        context = "tensor " + i;
        long nameAt = pos;
        String name = readString("name length");
        context = "tensor " + i + " '" + name + "'";
        Integer earlier = tensorIndex.putIfAbsent(name, i);
        if (earlier != null) {
            throw fail(nameAt, "name", "duplicate tensor name (also tensor " + earlier + ")");
        }
        long nDimsAt = pos;
        long nDims = u32("n_dims");
        if (nDims > MAX_DIMS) {
            throw fail(nDimsAt, "n_dims", nDims + " is more than " + MAX_DIMS);
        }
        long[] ne = new long[(int) nDims];
        long count = 1;
        for (int d = 0; d < nDims; d++) {
            long dimAt = pos;
            ne[d] = u64("ne[" + d + "]");
            if (ne[d] < 0) {
                throw fail(dimAt, "ne[" + d + "]", Long.toUnsignedString(ne[d]) + " is too large");
            }
            if (ne[d] != 0 && count > Long.MAX_VALUE / ne[d]) {
                throw fail(dimAt, "ne[" + d + "]", "the element count overflows 63 bits");
            }
            count *= ne[d];
        }
        long typeAt = pos;
        long typeId = u32("type");
        GgmlType type = GgmlType.fromId(typeId);
        if (type == null) {
            throw fail(typeAt, "type", "unknown ggml type id " + typeId
                    + " (the ids known here are 0 to " + (GgmlType.values().length - 1) + ")");
        }
        if (!type.hasLayout()) {
            throw fail(typeAt, "type", "type " + type + " (id " + typeId
                    + ") was removed from ggml; its layout is unknown");
        }
        if (nDims == 0 && type.blockSize > 1) {
            throw fail(typeAt, "type", "a tensor without dimensions cannot have the block type " + type);
        }
        if (nDims > 0 && ne[0] % type.blockSize != 0) {
            throw fail(typeAt, "type", "row length ne[0] = " + ne[0] + " is not a multiple of "
                    + type + "'s block size " + type.blockSize);
        }
        if (type.byteSize(count) < 0) {
            throw fail(typeAt, "type", count + " elements of " + type + " overflow 63 bits of bytes");
        }
        long offsetAt = pos;
        long offset = u64("offset");
        if (offset < 0 || offset % alignment != 0) {
            throw fail(offsetAt, "offset", Long.toUnsignedString(offset)
                    + " is not a multiple of the alignment " + alignment);
        }
        tensorOffsetFieldAt.add(offsetAt);
        // dataOffset is not known yet: TensorInfo is rebuilt in checkTensorRanges.
        tensors.add(new TensorInfo(i, name, ne, type, offset, 0));
    }

    private final List<Long> tensorOffsetFieldAt = new ArrayList<>();

    private void checkTensorRanges() {
        long dataBytes = size - dataOffset;
        for (int i = 0; i < tensors.size(); i++) {
            TensorInfo t = tensors.get(i);
            if (t.byteSize() > 0 && (dataBytes < 0 || t.offset > dataBytes - t.byteSize())) {
                context = "tensor " + i + " '" + t.name + "'";
                throw fail(tensorOffsetFieldAt.get(i), "offset", "data [" + t.offset + ", "
                        + t.offset + "+" + t.byteSize() + ") of the data section at " + dataOffset
                        + " runs past the end of the file at " + size + " (truncated file?)");
            }
            tensors.set(i, new TensorInfo(i, t.name, t.ne, t.type, t.offset, dataOffset));
        }
    }

    // ---- metadata values ----

    private GgufValueType lastArrayType;

    private GgufValueType readValueType(String field) {
        long at = pos;
        long id = u32(field);
        GgufValueType t = GgufValueType.fromId(id);
        if (t == null) {
            throw fail(at, field, "unknown metadata value type " + id + " (GGUF defines 0 to 12)");
        }
        return t;
    }

    private Object readValue(GgufValueType type) {
        switch (type) {
            case UINT8: return u8("");
            case INT8: return (int) (byte) u8("");
            case UINT16: return u16("");
            case INT16: return (int) (short) u16("");
            case UINT32: return u32("");
            case INT32: return (int) u32("");
            case FLOAT32: return Float.intBitsToFloat((int) u32(""));
            case BOOL: return u8("") != 0;
            case STRING: return readString("string length");
            case ARRAY: return readArray();
            case UINT64:
            case INT64: return u64("");
            case FLOAT64: return Double.longBitsToDouble(u64(""));
            default: throw new IllegalStateException(type.toString());
        }
    }

    /** Reads an ARRAY value (see {@link #readArray(Object[], int)}) and returns it. */
    private Object readArray() {
        Object[] box = new Object[1];
        readArray(box, 0);
        return box[0];
    }

    /**
     * An array value: uint32 element type, uint64 count, then the elements. Stores a byte[],
     * short[], int[], long[], float[], double[], boolean[], String[], or Object[] for nested arrays
     * into {@code into[at]}, and sets {@link #lastArrayType}.
     *
     * <p>Why not return it: TeaVM 0.15's WASM-GC backend emits an invalid module (a local.set type
     * mismatch, teavm issue 1200) when one local variable receives both primitive and reference
     * arrays, as a {@code result} variable assigned in a switch would. Each case stores its own
     * array into an {@code Object[]} slot: a valid module at optimization levels SIMPLE, ADVANCED
     * and FULL (in Chromium). Storing into a field instead still failed at FULL, where inlining
     * joins the values again.
     */
    private void readArray(Object[] into, int at) {
        if (depth >= MAX_ARRAY_DEPTH) {
            throw fail(pos, "array", "arrays nested deeper than " + MAX_ARRAY_DEPTH);
        }
        GgufValueType et = readValueType("array element type");
        long countAt = pos;
        long n = u64("array length");
        checkCount(countAt, "array length", n, et.minBytes, et + " elements");
        int count = (int) n;
        int d = depth++;
        switch (et) {
            case UINT8: case INT8: {
                byte[] a = new byte[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = (byte) u8(""); }
                into[at] = a;
                break;
            }
            case UINT16: case INT16: {
                short[] a = new short[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = (short) u16(""); }
                into[at] = a;
                break;
            }
            case UINT32: case INT32: {
                int[] a = new int[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = (int) u32(""); }
                into[at] = a;
                break;
            }
            case UINT64: case INT64: {
                long[] a = new long[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = u64(""); }
                into[at] = a;
                break;
            }
            case FLOAT32: {
                float[] a = new float[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = Float.intBitsToFloat((int) u32("")); }
                into[at] = a;
                break;
            }
            case FLOAT64: {
                double[] a = new double[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = Double.longBitsToDouble(u64("")); }
                into[at] = a;
                break;
            }
            case BOOL: {
                boolean[] a = new boolean[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = u8("") != 0; }
                into[at] = a;
                break;
            }
            case STRING: {
                String[] a = new String[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; a[i] = readString("string length"); }
                into[at] = a;
                break;
            }
            case ARRAY: {
                Object[] a = new Object[count];
                for (int i = 0; i < count; i++) { elementPath[d] = i; readArray(a, i); }
                into[at] = a;
                break;
            }
            default:
                throw new IllegalStateException(et.toString());
        }
        // Not in a finally block: after an exception the reader is abandoned.
        depth = d;
        lastArrayType = et;
    }

    /** Refuses a count whose elements, at {@code minBytes} each, could not fit in the rest of the file. */
    private void checkCount(long at, String field, long n, int minBytes, String what) {
        long remaining = size - pos;
        if (n < 0 || n > remaining / minBytes || n > MAX_JAVA_ARRAY) {
            throw fail(at, field, Long.toUnsignedString(n) + " " + what + " of at least " + minBytes
                    + " bytes each cannot fit in the " + remaining + " bytes left in the file");
        }
    }

    // ---- primitives ----

    // struct gguf_string_t {
    //     uint64_t len;
    //     char string[len];  // UTF-8, not 0-terminated
    // };
    private String readString(String lengthField) {
        long lenAt = pos;
        long len = u64(lengthField);
        long remaining = size - pos;
        if (len < 0 || len > remaining) {
            throw fail(lenAt, lengthField, Long.toUnsignedString(len) + " bytes, but only "
                    + remaining + " bytes remain in the file");
        }
        if (len > MAX_JAVA_ARRAY) {
            throw fail(lenAt, lengthField, len + " bytes is too long for a Java string");
        }
        int n = (int) len;
        if (n == 0) {
            return "";
        }
        if (n <= BUFFER) {
            fill(n);
            String s = new String(buf, (int) (pos - bufStart), n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
        byte[] bytes = new byte[n];
        src.read(pos, bytes, 0, n);
        pos += n;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int u8(String field) {
        need(1, field);
        int v = buf[(int) (pos - bufStart)] & 0xFF;
        pos += 1;
        return v;
    }

    private int u16(String field) {
        need(2, field);
        int i = (int) (pos - bufStart);
        pos += 2;
        return (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8;
    }

    /** A uint32, returned in a long so values above 2^31 stay positive. */
    private long u32(String field) {
        need(4, field);
        int i = (int) (pos - bufStart);
        pos += 4;
        return ((buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF) << 16
                | (long) (buf[i + 3] & 0xFF) << 24);
    }

    private long u64(String field) {
        need(8, field);
        int i = (int) (pos - bufStart);
        pos += 8;
        long lo = (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF) << 16
                | (long) (buf[i + 3] & 0xFF) << 24;
        long hi = (buf[i + 4] & 0xFF) | (buf[i + 5] & 0xFF) << 8 | (buf[i + 6] & 0xFF) << 16
                | (long) (buf[i + 7] & 0xFF) << 24;
        return lo | hi << 32;
    }

    /** Makes bytes [pos, pos+n) available in the buffer, or fails naming the field. */
    private void need(int n, String field) {
        if (n > size - pos) {
            throw fail(pos, field, "needs " + n + " bytes, but the file ends at offset " + size
                    + " (truncated file?)");
        }
        fill(n);
    }

    private void fill(int n) {
        if (pos >= bufStart && pos + n <= bufStart + bufLen) {
            return;
        }
        int len = (int) Math.min(BUFFER, size - pos);
        src.read(pos, buf, 0, len);
        bufStart = pos;
        bufLen = len;
    }

    private GgufFormatException fail(long offset, String field, String problem) {
        StringBuilder b = new StringBuilder(context);
        for (int i = 0; i < depth; i++) {
            b.append('[').append(elementPath[i]).append(']');
        }
        if (!field.isEmpty()) {
            b.append(' ').append(field);
        }
        return new GgufFormatException(offset, b.toString(), problem);
    }

    private static String hex4(int v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int x = (v >>> (8 * i)) & 0xFF;
            b.append(i == 0 ? "" : " ").append(Character.forDigit(x >> 4, 16)).append(Character.forDigit(x & 15, 16));
        }
        return b.toString();
    }
}
