package dev.hearth.gguf;

import dev.hearth.tensor.GgmlType;
import dev.hearth.tensor.Quantizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes GGUF files (v3 by default; v2 has the same layout): metadata of every value type,
 * tensors of any ggml type, and the alignment padding. Made for building random-weight test
 * models. Tensors are given as block bytes, as floats (quantized with {@link Quantizer}), or as a
 * supplier of floats that is called only while {@link #write} streams the file.
 *
 * <pre>
 *   GgufWriter w = new GgufWriter();
 *   w.putString("general.architecture", "llama");
 *   w.putUInt32("llama.block_count", 2);
 *   w.addTensor("token_embd.weight", new long[] {dim, vocab}, GgmlType.Q8_0, values);
 *   byte[] file = w.toByteArray();
 * </pre>
 */
public final class GgufWriter {

    /** A metadata array value: its element type and a Java array of matching type. */
    public static final class Array {
        final GgufValueType elementType;
        final Object values;
        final int length;

        /**
         * @param values byte[] for UINT8/INT8, short[] for UINT16/INT16, int[] for UINT32/INT32,
         *     long[] for UINT64/INT64, float[], double[], boolean[], String[], or Array[] for ARRAY
         */
        public Array(GgufValueType elementType, Object values) {
            this.elementType = elementType;
            this.values = values;
            this.length = lengthOf(elementType, values);
        }

        /** The array's length, checking that its Java type fits the element type (no reflection: TeaVM). */
        private static int lengthOf(GgufValueType t, Object v) {
            switch (t) {
                case UINT8: case INT8: if (v instanceof byte[]) return ((byte[]) v).length; break;
                case UINT16: case INT16: if (v instanceof short[]) return ((short[]) v).length; break;
                case UINT32: case INT32: if (v instanceof int[]) return ((int[]) v).length; break;
                case UINT64: case INT64: if (v instanceof long[]) return ((long[]) v).length; break;
                case FLOAT32: if (v instanceof float[]) return ((float[]) v).length; break;
                case FLOAT64: if (v instanceof double[]) return ((double[]) v).length; break;
                case BOOL: if (v instanceof boolean[]) return ((boolean[]) v).length; break;
                case STRING: if (v instanceof String[]) return ((String[]) v).length; break;
                case ARRAY: if (v instanceof Array[]) return ((Array[]) v).length; break;
                default: break;
            }
            throw new IllegalArgumentException("a GGUF array of " + t + " cannot hold a "
                    + (v == null ? "null" : v.getClass().getSimpleName()));
        }
    }

    private static final class Value {
        final GgufValueType type;
        final Object value;

        Value(GgufValueType type, Object value) {
            this.type = type;
            this.value = value;
        }
    }

    private static final class Tensor {
        final String name;
        final long[] ne;
        final GgmlType type;
        /** The block bytes, or null when {@link #values} makes them at write time. */
        final byte[] data;
        final Supplier<float[]> values;
        final long byteSize;
        long offset;

        Tensor(String name, long[] ne, GgmlType type, byte[] data, Supplier<float[]> values, long byteSize) {
            this.name = name;
            this.ne = java.util.Arrays.copyOf(ne, ne.length); // not clone(): see TeaVmCompatibilityTest
            this.type = type;
            this.data = data;
            this.values = values;
            this.byteSize = byteSize;
        }

        byte[] bytes() {
            if (data != null) {
                return data;
            }
            byte[] b = Quantizer.quantize(type, values.get());
            if (b.length != byteSize) {
                throw new IllegalStateException("tensor '" + name + "': its supplier gave "
                        + b.length + " bytes of " + type + ", expected " + byteSize);
            }
            return b;
        }
    }

    private final Map<String, Value> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int version = 3;
    private int alignment = 32;

    /** Writes this GGUF version in the header: 3 (default) or 2. */
    public GgufWriter version(int v) {
        if (v != 2 && v != 3) {
            throw new IllegalArgumentException("GGUF version " + v + " cannot be written; use 2 or 3");
        }
        version = v;
        return this;
    }

    /** Sets the alignment and writes it as {@code general.alignment} (UINT32). */
    public GgufWriter alignment(int a) {
        if (a <= 0 || (a & (a - 1)) != 0) {
            throw new IllegalArgumentException("alignment " + a + " is not a power of two");
        }
        alignment = a;
        return putUInt32("general.alignment", a);
    }

    // ---- metadata ----

    public GgufWriter putUInt8(String key, int v) {
        return put(key, GgufValueType.UINT8, v);
    }

    public GgufWriter putInt8(String key, int v) {
        return put(key, GgufValueType.INT8, v);
    }

    public GgufWriter putUInt16(String key, int v) {
        return put(key, GgufValueType.UINT16, v);
    }

    public GgufWriter putInt16(String key, int v) {
        return put(key, GgufValueType.INT16, v);
    }

    public GgufWriter putUInt32(String key, long v) {
        return put(key, GgufValueType.UINT32, v);
    }

    public GgufWriter putInt32(String key, int v) {
        return put(key, GgufValueType.INT32, v);
    }

    public GgufWriter putUInt64(String key, long v) {
        return put(key, GgufValueType.UINT64, v);
    }

    public GgufWriter putInt64(String key, long v) {
        return put(key, GgufValueType.INT64, v);
    }

    public GgufWriter putFloat32(String key, float v) {
        return put(key, GgufValueType.FLOAT32, v);
    }

    public GgufWriter putFloat64(String key, double v) {
        return put(key, GgufValueType.FLOAT64, v);
    }

    public GgufWriter putBool(String key, boolean v) {
        return put(key, GgufValueType.BOOL, v);
    }

    public GgufWriter putString(String key, String v) {
        return put(key, GgufValueType.STRING, v);
    }

    public GgufWriter putArray(String key, Array a) {
        return put(key, GgufValueType.ARRAY, a);
    }

    public GgufWriter putStringArray(String key, String[] v) {
        return putArray(key, new Array(GgufValueType.STRING, v));
    }

    public GgufWriter putFloatArray(String key, float[] v) {
        return putArray(key, new Array(GgufValueType.FLOAT32, v));
    }

    /** An INT32 array (what llama.cpp uses for token types). */
    public GgufWriter putIntArray(String key, int[] v) {
        return putArray(key, new Array(GgufValueType.INT32, v));
    }

    /**
     * Copies every metadata entry of {@code f}, in order and with its stored type (except
     * {@code general.alignment}, which {@link #alignment} sets). Arrays of arrays are not copied
     * (their inner element types are not kept by the reader); their keys are returned.
     */
    public List<String> copyMetadata(GgufFile f) {
        List<String> skipped = new ArrayList<>();
        for (String key : f.keys()) {
            GgufValueType t = f.valueType(key);
            Object v = f.get(key);
            if (key.equals("general.alignment")) {
                alignment((int) f.getLong(key, 32));
            } else if (t != GgufValueType.ARRAY) {
                put(key, t, v);
            } else if (f.arrayType(key) == GgufValueType.ARRAY) {
                skipped.add(key);
            } else {
                putArray(key, new Array(f.arrayType(key), v));
            }
        }
        return skipped;
    }

    private GgufWriter put(String key, GgufValueType type, Object v) {
        metadata.put(key, new Value(type, v));
        return this;
    }

    // ---- tensors ----

    /** Adds a tensor whose data is already in {@code type}'s block layout. */
    public GgufWriter addTensor(String name, long[] ne, GgmlType type, byte[] data) {
        long bytes = checkedByteSize(name, ne, type);
        if (bytes != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "': " + data.length + " bytes given, "
                    + type + " of this shape takes " + bytes);
        }
        tensors.add(new Tensor(name, ne, type, data, null, bytes));
        return this;
    }

    /** Adds a tensor of {@code values}, quantized to {@code type} now. */
    public GgufWriter addTensor(String name, long[] ne, GgmlType type, float[] values) {
        return addTensor(name, ne, type, Quantizer.quantize(type, values));
    }

    /**
     * Adds a tensor whose values are made and quantized only while {@link #write} runs, one tensor
     * at a time: large random models never need all their weights in memory at once.
     */
    public GgufWriter addTensor(String name, long[] ne, GgmlType type, Supplier<float[]> values) {
        tensors.add(new Tensor(name, ne, type, null, values, checkedByteSize(name, ne, type)));
        return this;
    }

    private long checkedByteSize(String name, long[] ne, GgmlType type) {
        if (!type.hasLayout()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + type + " has no known layout");
        }
        long n = 1;
        for (long d : ne) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension " + d);
            }
            n = Math.multiplyExact(n, d);
        }
        if (ne.length == 0 || ne.length > 4 || ne[0] % type.blockSize != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': " + ne.length + " dimensions with row length "
                    + (ne.length == 0 ? "none" : Long.toString(ne[0])) + "; " + type
                    + " needs 1 to 4 dimensions and a row length that is a multiple of " + type.blockSize);
        }
        for (Tensor t : tensors) {
            if (t.name.equals(name)) {
                throw new IllegalArgumentException("tensor '" + name + "' was already added");
            }
        }
        return type.byteSize(n);
    }

    // ---- output ----

    public byte[] toByteArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    public void write(OutputStream os) {
        try {
            writeTo(os);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeTo(OutputStream os) throws IOException {
        Sink out = new Sink(os);
        // header: magic, version, tensor_count, metadata_kv_count
        out.bytes(new byte[] {'G', 'G', 'U', 'F'});
        out.u32(version);
        out.u64(tensors.size());
        out.u64(metadata.size());
        for (Map.Entry<String, Value> e : metadata.entrySet()) {
            out.string(e.getKey());
            out.u32(e.getValue().type.id);
            writeValue(out, e.getValue().type, e.getValue().value);
        }
        // tensor infos: name, n_dims, ne[], type, offset (each tensor's data padded to the alignment)
        long offset = 0;
        for (Tensor t : tensors) {
            t.offset = offset;
            offset = pad(offset + t.byteSize);
        }
        for (Tensor t : tensors) {
            out.string(t.name);
            out.u32(t.ne.length);
            for (long d : t.ne) {
                out.u64(d);
            }
            out.u32(t.type.id);
            out.u64(t.offset);
        }
        out.zeros(pad(out.written) - out.written);
        for (Tensor t : tensors) {
            byte[] data = t.bytes();
            out.bytes(data);
            out.zeros(pad(data.length) - data.length);
        }
        out.flush();
    }

    private long pad(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    private static void writeValue(Sink out, GgufValueType type, Object v) throws IOException {
        switch (type) {
            case UINT8: case INT8: out.u8(((Number) v).intValue()); break;
            case UINT16: case INT16: out.u16(((Number) v).intValue()); break;
            case UINT32: case INT32: out.u32(((Number) v).longValue()); break;
            case UINT64: case INT64: out.u64(((Number) v).longValue()); break;
            case FLOAT32: out.u32(Float.floatToRawIntBits((Float) v)); break;
            case FLOAT64: out.u64(Double.doubleToRawLongBits((Double) v)); break;
            case BOOL: out.u8((Boolean) v ? 1 : 0); break;
            case STRING: out.string((String) v); break;
            case ARRAY: writeArray(out, (Array) v); break;
            default: throw new IllegalStateException(type.toString());
        }
    }

    private static void writeArray(Sink out, Array a) throws IOException {
        out.u32(a.elementType.id);
        out.u64(a.length);
        for (int i = 0; i < a.length; i++) {
            Object v = a.values;
            switch (a.elementType) {
                case UINT8: case INT8: out.u8(((byte[]) v)[i]); break;
                case UINT16: case INT16: out.u16(((short[]) v)[i]); break;
                case UINT32: case INT32: out.u32(((int[]) v)[i]); break;
                case UINT64: case INT64: out.u64(((long[]) v)[i]); break;
                case FLOAT32: out.u32(Float.floatToRawIntBits(((float[]) v)[i])); break;
                case FLOAT64: out.u64(Double.doubleToRawLongBits(((double[]) v)[i])); break;
                case BOOL: out.u8(((boolean[]) v)[i] ? 1 : 0); break;
                case STRING: out.string(((String[]) v)[i]); break;
                case ARRAY: writeArray(out, ((Array[]) v)[i]); break;
                default: throw new IllegalStateException(a.elementType.toString());
            }
        }
    }

    /** Little-endian output with a byte count. */
    private static final class Sink {
        private final OutputStream os;
        private final byte[] buf = new byte[1 << 16];
        private int n;
        long written;

        Sink(OutputStream os) {
            this.os = os;
        }

        void u8(int v) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) v;
            written++;
        }

        void u16(int v) throws IOException {
            u8(v);
            u8(v >> 8);
        }

        void u32(long v) throws IOException {
            for (int i = 0; i < 4; i++) {
                u8((int) (v >>> (8 * i)));
            }
        }

        void u64(long v) throws IOException {
            for (int i = 0; i < 8; i++) {
                u8((int) (v >>> (8 * i)));
            }
        }

        // gguf_string_t: uint64 length, then the UTF-8 bytes
        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            bytes(b);
        }

        void bytes(byte[] b) throws IOException {
            flush();
            os.write(b);
            written += b.length;
        }

        void zeros(long count) throws IOException {
            for (long i = 0; i < count; i++) {
                u8(0);
            }
        }

        void flush() throws IOException {
            os.write(buf, 0, n);
            n = 0;
        }
    }
}
