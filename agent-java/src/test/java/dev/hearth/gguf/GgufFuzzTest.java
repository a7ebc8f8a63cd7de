package dev.hearth.gguf;

import dev.hearth.tensor.Tensors;
import dev.hearth.tensor.UnsupportedTensorTypeException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Corrupts and truncates real GGUF files and checks that the reader either reads them or fails
 * with a {@link GgufFormatException} that names the offset and the field: never another
 * exception (out of memory, index or negative size), never a hang.
 *
 * <p>Targeted corruptions put impossible values into every length, count, type and offset field,
 * found by a small walker below that is independent of the reader; the error must then point at
 * exactly that field's offset. Random byte changes and truncations cover the rest.
 */
class GgufFuzzTest {
    /** The shared files, when present, plus {@link #generated()} (always). */
    private static List<String> files() {
        List<String> out = new ArrayList<>();
        out.add(GENERATED);
        if (SharedFiles.present()) {
            out.addAll(java.util.Arrays.asList(SHARED));
        }
        return out;
    }

    private static final String GENERATED = "(generated: every value type, nested arrays, every tensor type)";

    private static byte[] bytes(String name) {
        return name.equals(GENERATED) ? generated() : SharedFiles.bytes(name);
    }

    /** A small file with every metadata value type, nested arrays and a tensor of each supported type. */
    static byte[] generated() {
        GgufWriter w = new GgufWriter().alignment(64);
        w.putString("general.architecture", "fuzz");
        w.putUInt8("u8", 1).putInt8("i8", -1).putUInt16("u16", 2).putInt16("i16", -2).putUInt32("u32", 3)
                .putInt32("i32", -3).putUInt64("u64", 4).putInt64("i64", -4).putFloat32("f32", 0.5f)
                .putFloat64("f64", 0.25).putBool("b", true).putString("s", "text");
        w.putArray("u16s", new GgufWriter.Array(GgufValueType.UINT16, new short[] {1, 2, 3}));
        w.putArray("f64s", new GgufWriter.Array(GgufValueType.FLOAT64, new double[] {1, 2}));
        w.putArray("bools", new GgufWriter.Array(GgufValueType.BOOL, new boolean[] {true, false, true}));
        w.putStringArray("strings", new String[] {"a", "bc", ""});
        w.putArray("nested", new GgufWriter.Array(GgufValueType.ARRAY, new GgufWriter.Array[] {
            new GgufWriter.Array(GgufValueType.STRING, new String[] {"x", "yz"}),
            new GgufWriter.Array(GgufValueType.ARRAY, new GgufWriter.Array[] {
                new GgufWriter.Array(GgufValueType.INT8, new byte[] {1, 2})})}));
        dev.hearth.tensor.GgmlType[] types = {dev.hearth.tensor.GgmlType.F32, dev.hearth.tensor.GgmlType.F16,
            dev.hearth.tensor.GgmlType.BF16, dev.hearth.tensor.GgmlType.Q8_0, dev.hearth.tensor.GgmlType.Q4_0,
            dev.hearth.tensor.GgmlType.Q4_1, dev.hearth.tensor.GgmlType.Q5_0, dev.hearth.tensor.GgmlType.Q5_1,
            dev.hearth.tensor.GgmlType.Q2_K, dev.hearth.tensor.GgmlType.Q3_K, dev.hearth.tensor.GgmlType.Q4_K,
            dev.hearth.tensor.GgmlType.Q5_K, dev.hearth.tensor.GgmlType.Q6_K};
        Random rnd = new Random(3);
        for (dev.hearth.tensor.GgmlType t : types) {
            float[] v = new float[256 * 2];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            w.addTensor("w." + t, new long[] {256, 2}, t, v);
        }
        w.addTensor("bias", new long[] {4}, dev.hearth.tensor.GgmlType.F32, new float[] {1, 2, 3, 4});
        return w.toByteArray();
    }

    private static final String[] SHARED = {
        "models/stories260K/stories260K-Q8_0.gguf",
        "models/kquants/kq-Q4_K_M.gguf",
        "models/tiny-random/llama-2-tiny-random.gguf",
        "tokenizer-vectors/ggml-vocab-phi-3.gguf",
    };
    /** No single parse of these small files may take longer than this. */
    private static final long MAX_NANOS_PER_CASE = 2_000_000_000L;

    private enum Kind { COUNT, STRING_LENGTH, VALUE_TYPE, ARRAY_TYPE, ARRAY_LENGTH, N_DIMS, DIM, TENSOR_TYPE, TENSOR_OFFSET }

    private static final class Field {
        final long at;
        final Kind kind;
        final long remainingAfter; // bytes after the field

        Field(long at, Kind kind, long size, int width) {
            this.at = at;
            this.kind = kind;
            this.remainingAfter = size - at - width;
        }
    }

    private long cases;
    private long rejected;
    private long worstNanos;

    @Test
    void impossibleValuesInEveryFieldAreRejectedAtThatField() {
        for (String rel : files()) {
            byte[] orig = bytes(rel);
            List<Field> fields = walk(orig);
            assertFalse(fields.isEmpty());
            long strings = fields.stream().filter(f -> f.kind == Kind.STRING_LENGTH).count();
            // Vocabulary files have tens of thousands of strings, and each case parses everything
            // before the corrupted field: about 50 evenly spread strings per file are enough.
            long stride = Math.max(1, strings / 50);
            long seen = 0;
            for (Field f : fields) {
                if (f.kind == Kind.STRING_LENGTH && seen++ % stride != 0) {
                    continue;
                }
                int width = f.kind == Kind.VALUE_TYPE || f.kind == Kind.ARRAY_TYPE || f.kind == Kind.N_DIMS
                        || f.kind == Kind.TENSOR_TYPE ? 4 : 8;
                byte[] saved = java.util.Arrays.copyOfRange(orig, (int) f.at, (int) f.at + width);
                for (long v : impossible(f, orig.length)) {
                    // Corrupt in place and restore afterwards: copying megabyte files thousands of
                    // times would dominate the test's time.
                    put(orig, (int) f.at, v, width);
                    GgufFormatException e;
                    try {
                        e = parseExpectingFailure(orig, rel + " " + f.kind + " at " + f.at + " = " + v);
                    } finally {
                        System.arraycopy(saved, 0, orig, (int) f.at, width);
                    }
                    if (f.kind != Kind.DIM) {
                        assertEquals(f.at, e.offset(), rel + " " + f.kind + " = " + Long.toUnsignedString(v)
                                + ": " + e.getMessage());
                    } else {
                        assertTrue(e.offset() >= f.at, e.getMessage());
                    }
                }
            }
        }
        System.out.printf("targeted: %d cases, all rejected at the corrupted field; slowest %.1f ms%n",
                cases, worstNanos / 1e6);
    }

    /** Values no reader may accept in this field. */
    private static long[] impossible(Field f, long size) {
        long tooLong = f.remainingAfter + 1;
        switch (f.kind) {
            case COUNT:
            case ARRAY_LENGTH:
                return new long[] {1L << 60, -1L, Long.MIN_VALUE, 1L << 32, tooLong * 8};
            case STRING_LENGTH:
                return new long[] {1L << 60, -1L, -8L, tooLong, Integer.MAX_VALUE + 1L};
            case VALUE_TYPE:
            case ARRAY_TYPE:
                return new long[] {13, 99, 0xFFFFFFFFL};
            case N_DIMS:
                return new long[] {5, 0x80000000L, 0xFFFFFFFFL};
            case DIM:
                return new long[] {1L << 60, -1L, Long.MIN_VALUE};
            case TENSOR_TYPE:
                return new long[] {4 /* Q4_2, removed */, 40, 1000, 0xFFFFFFFFL};
            case TENSOR_OFFSET:
                return new long[] {1L << 60, -32L, (size + 31) / 32 * 32, 1};
            default:
                throw new IllegalStateException();
        }
    }

    @Test
    void truncationAtManyOffsetsIsRejected() {
        Random rnd = new Random(42);
        for (String rel : files()) {
            byte[] orig = bytes(rel);
            GgufFile whole = GgufFile.read(new ArrayByteSource(orig));
            long metaEnd = Math.min(whole.dataOffset(), orig.length);
            List<Integer> cuts = new ArrayList<>();
            // Every byte of the first 512, then a sample of the metadata and tensor infos, then the data.
            for (int i = 0; i < Math.min(512, metaEnd); i++) {
                cuts.add(i);
            }
            for (int k = 0; k < 400; k++) {
                cuts.add(512 + rnd.nextInt((int) Math.max(1, metaEnd - 512)));
            }
            // Cuts in the data must fall before the end of the last tensor's bytes (the padding
            // after it may go).
            long dataEnd = 0;
            for (TensorInfo t : whole.tensors()) {
                dataEnd = Math.max(dataEnd, t.absoluteOffset() + t.byteSize());
            }
            if (dataEnd > metaEnd) {
                for (int k = 0; k < 20; k++) {
                    cuts.add((int) (metaEnd + rnd.nextInt((int) (dataEnd - metaEnd))));
                }
            }
            for (int cut : cuts) {
                byte[] b = java.util.Arrays.copyOf(orig, cut);
                GgufFormatException e = parseExpectingFailure(b, rel + " truncated to " + cut);
                assertTrue(e.offset() <= cut, e.getMessage());
            }
        }
        System.out.printf("truncations: %d cases, all rejected; slowest %.1f ms%n", cases, worstNanos / 1e6);
    }

    @Test
    void randomByteChangesNeverEscapeAsOtherExceptions() {
        Random rnd = new Random(7);
        for (String rel : files()) {
            byte[] orig = bytes(rel);
            GgufFile whole = GgufFile.read(new ArrayByteSource(orig));
            int metaEnd = (int) Math.min(whole.dataOffset(), orig.length);
            int perFile = metaEnd > 100_000 ? 150 : 700;
            for (int k = 0; k < perFile; k++) {
                byte[] b = orig.clone();
                int changes = 1 + rnd.nextInt(4);
                for (int c = 0; c < changes; c++) {
                    // Mostly near the start, where the counts and types are dense.
                    int pos = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.min(64, metaEnd)) : rnd.nextInt(metaEnd);
                    switch (rnd.nextInt(3)) {
                        case 0: b[pos] = (byte) rnd.nextInt(256); break;
                        case 1: b[pos] = (byte) 0xFF; break;
                        default: b[pos] ^= (byte) (1 << rnd.nextInt(8)); break;
                    }
                }
                parseAndLoad(b, rel + " case " + k);
            }
        }
        System.out.printf("random changes: %d cases, %d rejected with GgufFormatException, the rest read"
                + " and loaded; slowest %.1f ms%n", cases, rejected, worstNanos / 1e6);
    }

    private GgufFormatException parseExpectingFailure(byte[] b, String what) {
        long t0 = System.nanoTime();
        try {
            GgufFile.read(new ArrayByteSource(b));
            fail(what + ": was accepted");
            return null;
        } catch (GgufFormatException e) {
            checkMessage(e, b.length, what);
            return e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + e, e);
        } finally {
            note(t0, what);
        }
    }

    /** Either a GgufFormatException, or a file whose every tensor loads. */
    private void parseAndLoad(byte[] b, String what) {
        long t0 = System.nanoTime();
        try {
            GgufFile f = GgufFile.read(new ArrayByteSource(b));
            for (TensorInfo t : f.tensors()) {
                assertTrue(t.absoluteOffset() + t.byteSize() <= b.length, what + " " + t);
                try {
                    Tensors.load(f, t);
                } catch (UnsupportedTensorTypeException e) {
                    assertTrue(e.getMessage().contains(t.name), e.getMessage());
                }
            }
        } catch (GgufFormatException e) {
            rejected++;
            checkMessage(e, b.length, what);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + ": " + e, e);
        } finally {
            note(t0, what);
        }
    }

    private void note(long t0, String what) {
        long dt = System.nanoTime() - t0;
        cases++;
        worstNanos = Math.max(worstNanos, dt);
        assertTrue(dt < MAX_NANOS_PER_CASE, what + " took " + dt / 1e6 + " ms");
    }

    private static void checkMessage(GgufFormatException e, long size, String what) {
        assertTrue(e.offset() >= 0 && e.offset() <= size, what + ": offset " + e.offset() + " of " + size);
        assertTrue(e.getMessage().startsWith("at offset " + e.offset() + ", "), what + ": " + e.getMessage());
        assertTrue(e.field() != null && !e.field().isEmpty(), what + ": " + e.getMessage());
    }

    private static void put(byte[] b, int at, long v, int width) {
        for (int i = 0; i < width; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    // ---- an independent walk over a well-formed file, listing the fields to corrupt ----

    private static List<Field> walk(byte[] b) {
        List<Field> out = new ArrayList<>();
        long[] p = {8};
        out.add(new Field(p[0], Kind.COUNT, b.length, 8));
        long nTensors = le(b, p, 8);
        out.add(new Field(p[0], Kind.COUNT, b.length, 8));
        long nKv = le(b, p, 8);
        for (long i = 0; i < nKv; i++) {
            walkString(b, p, out);
            out.add(new Field(p[0], Kind.VALUE_TYPE, b.length, 4));
            walkValue(b, p, (int) le(b, p, 4), out);
        }
        for (long i = 0; i < nTensors; i++) {
            walkString(b, p, out);
            out.add(new Field(p[0], Kind.N_DIMS, b.length, 4));
            long nd = le(b, p, 4);
            for (int d = 0; d < nd; d++) {
                out.add(new Field(p[0], Kind.DIM, b.length, 8));
                le(b, p, 8);
            }
            out.add(new Field(p[0], Kind.TENSOR_TYPE, b.length, 4));
            le(b, p, 4);
            out.add(new Field(p[0], Kind.TENSOR_OFFSET, b.length, 8));
            le(b, p, 8);
        }
        return out;
    }

    private static void walkString(byte[] b, long[] p, List<Field> out) {
        out.add(new Field(p[0], Kind.STRING_LENGTH, b.length, 8));
        long len = le(b, p, 8);
        p[0] += len;
    }

    private static final int[] FIXED = {1, 1, 2, 2, 4, 4, 4, 1, -1, -1, 8, 8, 8};

    private static void walkValue(byte[] b, long[] p, int type, List<Field> out) {
        if (type == 8) {
            walkString(b, p, out);
        } else if (type == 9) {
            out.add(new Field(p[0], Kind.ARRAY_TYPE, b.length, 4));
            int et = (int) le(b, p, 4);
            out.add(new Field(p[0], Kind.ARRAY_LENGTH, b.length, 8));
            long n = le(b, p, 8);
            if (et != 8 && et != 9) {
                p[0] += n * FIXED[et];
            } else {
                for (long i = 0; i < n; i++) {
                    walkValue(b, p, et, out);
                }
            }
        } else {
            p[0] += FIXED[type];
        }
    }

    private static long le(byte[] b, long[] p, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (b[(int) p[0] + i] & 0xFFL) << (8 * i);
        }
        p[0] += width;
        return v;
    }
}
