package dev.hearth.gguf;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed GGUF file (versions 2 and 3): its metadata, its tensor table and where the tensor data
 * starts. Tensor data stays in the {@link ByteSource}; load a tensor with
 * {@code dev.hearth.tensor.Tensors.load(file, info)}.
 *
 * <p>Layout of a GGUF file:
 * <pre>
 *   header      magic "GGUF", uint32 version, uint64 tensor_count, uint64 metadata_kv_count
 *   metadata    metadata_kv_count x (string key, uint32 value_type, value)
 *   tensor info tensor_count x (string name, uint32 n_dims, uint64 ne[n_dims], uint32 type, uint64 offset)
 *   padding     to a multiple of general.alignment (default 32)
 *   tensor data each tensor at dataOffset() + its offset
 * </pre>
 *
 * <p>Metadata values as {@link #get} returns them: UINT8, INT8, UINT16, INT16 and INT32 as
 * {@link Integer} (the unsigned ones zero-extended), UINT32, UINT64 and INT64 as {@link Long}
 * (UINT64 values of 2^63 and more come back negative), FLOAT32 as {@link Float}, FLOAT64 as
 * {@link Double}, BOOL as {@link Boolean}, STRING as {@link String}. Arrays by element type:
 * byte[] (UINT8/INT8), short[] (UINT16/INT16), int[] (UINT32/INT32), long[] (UINT64/INT64),
 * float[], double[], boolean[], String[], and Object[] for arrays of arrays, each element again
 * one of these. {@link #arrayType} tells signed from unsigned. Returned arrays are shared, not
 * copied: do not modify them.
 *
 * <p>The typed getters throw a {@link GgufFormatException} naming the value's offset when a key is
 * present with a type that cannot be converted (e.g. a string where a number is expected).
 */
public final class GgufFile {
    private final ByteSource source;
    private final int version;
    private final Map<String, Object> values;
    private final Map<String, GgufValueType> valueTypes;
    private final Map<String, GgufValueType> arrayTypes;
    private final Map<String, Long> valueOffsets;
    private final List<TensorInfo> tensors;
    private final Map<String, Integer> tensorIndex;
    private final int alignment;
    private final long dataOffset;

    private GgufFile(ByteSource source, GgufReader r) {
        this.source = source;
        this.version = r.version;
        this.values = r.values;
        this.valueTypes = r.valueTypes;
        this.arrayTypes = r.arrayTypes;
        this.valueOffsets = r.valueOffsets;
        this.tensors = Collections.unmodifiableList(r.tensors);
        this.tensorIndex = r.tensorIndex;
        this.alignment = r.alignment;
        this.dataOffset = r.dataOffset;
    }

    private GgufFile(ByteSource source, GgufFile first, List<TensorInfo> tensors, Map<String, Integer> tensorIndex) {
        this.source = source;
        this.version = first.version;
        this.values = first.values;
        this.valueTypes = first.valueTypes;
        this.arrayTypes = first.arrayTypes;
        this.valueOffsets = first.valueOffsets;
        this.tensors = Collections.unmodifiableList(tensors);
        this.tensorIndex = tensorIndex;
        this.alignment = first.alignment;
        this.dataOffset = first.dataOffset;
    }

    /**
     * One model from the shards of a split file (llama.cpp's gguf-split, {@code name-00001-of-00003.gguf}):
     * each shard is a GGUF file of its own; the first holds the model's metadata, and every shard a
     * share of the tensors. {@code whole} is the shards' bytes one after another, and the tensors of the
     * result point into it, so the model reads as if from one file. The shards' {@code split.*}
     * metadata must agree with what is given.
     *
     * @param shards each shard parsed from its own bytes (their sources give the sizes), in order
     * @throws GgufFormatException if shards are missing, out of order or inconsistent
     */
    public static GgufFile ofShards(ByteSource whole, List<GgufFile> shards) {
        if (shards.isEmpty()) {
            throw new GgufFormatException(0, "split model", "no shards given");
        }
        GgufFile first = shards.get(0);
        long count = first.getLong("split.count", 1);
        if (count != shards.size()) {
            throw new GgufFormatException(first.valueOffset("split.count"), "split.count",
                    "the first shard says " + count + " shards, " + shards.size() + " were given");
        }
        List<TensorInfo> all = new java.util.ArrayList<>();
        Map<String, Integer> index = new java.util.HashMap<>();
        long base = 0;
        for (int i = 0; i < shards.size(); i++) {
            GgufFile s = shards.get(i);
            if (s.getLong("split.no", i) != i) {
                throw new GgufFormatException(base, "split.no", "shard " + (i + 1) + " says it is number "
                        + (s.getLong("split.no", i) + 1) + "; give the shards in order");
            }
            for (TensorInfo t : s.tensors) {
                if (index.containsKey(t.name)) {
                    throw new GgufFormatException(base, "tensor '" + t.name + "'", "appears in two shards");
                }
                index.put(t.name, all.size());
                all.add(new TensorInfo(all.size(), t.name, t.ne, t.type, t.offset, base + t.dataOffset));
            }
            base += s.source.size();
        }
        if (base != whole.size()) {
            throw new GgufFormatException(0, "split model", "the shards hold " + base + " bytes, the whole "
                    + whole.size());
        }
        long expected = first.getLong("split.tensors.count", all.size());
        if (expected != all.size()) {
            throw new GgufFormatException(first.valueOffset("split.tensors.count"), "split.tensors.count",
                    "the first shard says " + expected + " tensors, the shards hold " + all.size()
                    + "; a shard is missing or from another model");
        }
        return new GgufFile(whole, first, all, index);
    }

    /**
     * Parses the header, metadata and tensor infos of {@code src}. Reads only those parts.
     *
     * @throws GgufFormatException if the bytes are not a well-formed GGUF v2/v3 file
     */
    public static GgufFile read(ByteSource src) {
        GgufReader r = new GgufReader(src);
        r.read();
        return new GgufFile(src, r);
    }

    public int version() {
        return version;
    }

    public ByteSource source() {
        return source;
    }

    /** general.alignment, or 32 when absent. */
    public int alignment() {
        return alignment;
    }

    /** Absolute offset of the tensor data section. */
    public long dataOffset() {
        return dataOffset;
    }

    // ---- metadata ----

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** Metadata keys in file order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The value, in the Java type the class comment lists, or null if absent. */
    public Object get(String key) {
        return values.get(key);
    }

    /** The stored type of the value, or null if absent. */
    public GgufValueType valueType(String key) {
        return valueTypes.get(key);
    }

    /** The element type of an ARRAY value (of the outermost array), or null. */
    public GgufValueType arrayType(String key) {
        return arrayTypes.get(key);
    }

    /** Absolute file offset of the value, or -1 if absent. */
    public long valueOffset(String key) {
        Long at = valueOffsets.get(key);
        return at == null ? -1 : at;
    }

    /** A STRING value, or null if absent. */
    public String getString(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String)) {
            throw mismatch(key, "a STRING");
        }
        return (String) v;
    }

    public String getString(String key, String dflt) {
        String s = getString(key);
        return s == null ? dflt : s;
    }

    /** Any integer type as a long. */
    public long getLong(String key, long dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (!valueTypes.get(key).isInteger()) {
            throw mismatch(key, "an integer");
        }
        return ((Number) v).longValue();
    }

    /** Any integer type whose value fits in an int. */
    public int getInt(String key, int dflt) {
        long v = getLong(key, dflt);
        if (v != (int) v) {
            throw new GgufFormatException(valueOffset(key), "metadata '" + key + "' value",
                    v + " does not fit in a 32-bit int");
        }
        return (int) v;
    }

    /** FLOAT32, FLOAT64, or any integer type, as a float. */
    public float getFloat(String key, float dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number)) {
            throw mismatch(key, "a number");
        }
        return ((Number) v).floatValue();
    }

    public boolean getBool(String key, boolean dflt) {
        Object v = values.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean)) {
            throw mismatch(key, "a BOOL");
        }
        return (Boolean) v;
    }

    /** An array of STRING, or null if absent. */
    public String[] getStringArray(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String[])) {
            throw mismatch(key, "an array of STRING");
        }
        return (String[]) v;
    }

    /** An array of FLOAT32 (shared), or of FLOAT64 or any integer type (converted); null if absent. */
    public float[] getFloatArray(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof float[]) {
            return (float[]) v;
        }
        if (v instanceof double[]) {
            double[] d = (double[]) v;
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        long[] l = integerArray(key, v);
        if (l == null) {
            throw mismatch(key, "an array of numbers");
        }
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
            f[i] = l[i];
        }
        return f;
    }

    /** An array of any integer type as int[] (INT32/UINT32 shared, others converted); null if absent. */
    public int[] getIntArray(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof int[]) {
            int[] a = (int[]) v;
            if (arrayTypes.get(key) == GgufValueType.UINT32) {
                for (int x : a) {
                    if (x < 0) {
                        throw new GgufFormatException(valueOffset(key), "metadata '" + key + "' value",
                                "UINT32 element " + Integer.toUnsignedString(x) + " does not fit in a 32-bit int");
                    }
                }
            }
            return a;
        }
        long[] l = integerArray(key, v);
        if (l == null) {
            throw mismatch(key, "an array of integers");
        }
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            if (l[i] != (int) l[i]) {
                throw new GgufFormatException(valueOffset(key), "metadata '" + key + "' value",
                        "element " + i + " = " + l[i] + " does not fit in a 32-bit int");
            }
            out[i] = (int) l[i];
        }
        return out;
    }

    /** An array of any integer type as long[]; null if absent. */
    public long[] getLongArray(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        long[] l = integerArray(key, v);
        if (l == null) {
            throw mismatch(key, "an array of integers");
        }
        return l;
    }

    /** Widens an integer array by its stored element type; null if {@code v} is not one. */
    private long[] integerArray(String key, Object v) {
        GgufValueType et = arrayTypes.get(key);
        boolean unsigned = et == GgufValueType.UINT8 || et == GgufValueType.UINT16 || et == GgufValueType.UINT32;
        if (v instanceof long[]) {
            return (long[]) v;
        }
        if (v instanceof int[]) {
            int[] a = (int[]) v;
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? a[i] & 0xFFFFFFFFL : a[i];
            }
            return out;
        }
        if (v instanceof short[]) {
            short[] a = (short[]) v;
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? a[i] & 0xFFFF : a[i];
            }
            return out;
        }
        if (v instanceof byte[]) {
            byte[] a = (byte[]) v;
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = unsigned ? a[i] & 0xFF : a[i];
            }
            return out;
        }
        return null;
    }

    private GgufFormatException mismatch(String key, String expected) {
        GgufValueType t = valueTypes.get(key);
        String found = t == GgufValueType.ARRAY ? "an array of " + arrayTypes.get(key) : t.toString();
        return new GgufFormatException(valueOffset(key), "metadata '" + key + "' value",
                "expected " + expected + ", found " + found);
    }

    // ---- tensors ----

    /** Tensor infos in file order. */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** The tensor with this name, or null. */
    public TensorInfo tensor(String name) {
        Integer i = tensorIndex.get(name);
        return i == null ? null : tensors.get(i);
    }
}
