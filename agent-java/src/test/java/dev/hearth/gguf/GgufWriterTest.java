package dev.hearth.gguf;

import dev.hearth.tensor.FloatTensor;
import dev.hearth.tensor.GgmlType;
import dev.hearth.tensor.Quantizer;
import dev.hearth.tensor.Tensors;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufWriterTest {

    private static final GgmlType[] SUPPORTED = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0,
        GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q2_K, GgmlType.Q3_K,
        GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K};

    @Test
    void everyMetadataTypeRoundTripsInV2AndV3() {
        for (int version : new int[] {2, 3}) {
            GgufWriter w = new GgufWriter().version(version);
            w.putString("general.architecture", "test");
            w.putUInt8("u8", 200).putInt8("i8", -100).putUInt16("u16", 60000).putInt16("i16", -30000);
            w.putUInt32("u32", 4_000_000_000L).putInt32("i32", -2_000_000_000);
            w.putUInt64("u64", 1L << 40).putInt64("i64", -(1L << 50));
            w.putFloat32("f32", 1.5e-5f).putFloat64("f64", Math.PI).putBool("yes", true).putBool("no", false);
            w.putString("utf8", "h\u00e9llo \u4e16\u754c \ud83d\ude00").putString("empty", "");
            w.putStringArray("strings", new String[] {"a", "", "\u00fc"});
            w.putFloatArray("floats", new float[] {1f, -2.5f, Float.MIN_VALUE});
            w.putIntArray("ints", new int[] {1, -1, Integer.MAX_VALUE});
            w.putArray("u8s", new GgufWriter.Array(GgufValueType.UINT8, new byte[] {(byte) 255, 0}));
            w.putArray("u16s", new GgufWriter.Array(GgufValueType.UINT16, new short[] {(short) 65535}));
            w.putArray("u32s", new GgufWriter.Array(GgufValueType.UINT32, new int[] {7}));
            w.putArray("i64s", new GgufWriter.Array(GgufValueType.INT64, new long[] {-5, 1L << 62}));
            w.putArray("f64s", new GgufWriter.Array(GgufValueType.FLOAT64, new double[] {0.25}));
            w.putArray("bools", new GgufWriter.Array(GgufValueType.BOOL, new boolean[] {true, false}));
            w.putArray("empty_array", new GgufWriter.Array(GgufValueType.INT32, new int[0]));
            w.putArray("nested", new GgufWriter.Array(GgufValueType.ARRAY, new GgufWriter.Array[] {
                new GgufWriter.Array(GgufValueType.INT32, new int[] {1, 2}),
                new GgufWriter.Array(GgufValueType.STRING, new String[] {"x"}),
                new GgufWriter.Array(GgufValueType.ARRAY, new GgufWriter.Array[] {
                    new GgufWriter.Array(GgufValueType.FLOAT32, new float[] {3f})})}));

            GgufFile f = GgufFile.read(new ArrayByteSource(w.toByteArray()));
            assertEquals(version, f.version());
            assertEquals(200, f.getLong("u8", 0));
            assertEquals(-100, f.getLong("i8", 0));
            assertEquals(60000, f.getLong("u16", 0));
            assertEquals(-30000, f.getLong("i16", 0));
            assertEquals(4_000_000_000L, f.getLong("u32", 0));
            assertEquals(-2_000_000_000, f.getInt("i32", 0));
            assertEquals(1L << 40, f.getLong("u64", 0));
            assertEquals(-(1L << 50), f.getLong("i64", 0));
            assertEquals(1.5e-5f, f.getFloat("f32", 0));
            assertEquals(Math.PI, (Double) f.get("f64"));
            assertTrue(f.getBool("yes", false));
            assertFalse(f.getBool("no", true));
            assertEquals("h\u00e9llo \u4e16\u754c \ud83d\ude00", f.getString("utf8"));
            assertEquals("", f.getString("empty"));
            assertArrayEquals(new String[] {"a", "", "\u00fc"}, f.getStringArray("strings"));
            assertArrayEquals(new float[] {1f, -2.5f, Float.MIN_VALUE}, f.getFloatArray("floats"));
            assertArrayEquals(new int[] {1, -1, Integer.MAX_VALUE}, f.getIntArray("ints"));
            assertArrayEquals(new int[] {255, 0}, f.getIntArray("u8s"));
            assertArrayEquals(new int[] {65535}, f.getIntArray("u16s"));
            assertArrayEquals(new int[] {7}, f.getIntArray("u32s"));
            assertArrayEquals(new long[] {-5, 1L << 62}, f.getLongArray("i64s"));
            assertArrayEquals(new float[] {0.25f}, f.getFloatArray("f64s"));
            assertArrayEquals(new boolean[] {true, false}, (boolean[]) f.get("bools"));
            assertArrayEquals(new int[0], f.getIntArray("empty_array"));
            Object[] nested = (Object[]) f.get("nested");
            assertEquals(GgufValueType.ARRAY, f.arrayType("nested"));
            assertArrayEquals(new int[] {1, 2}, (int[]) nested[0]);
            assertArrayEquals(new String[] {"x"}, (String[]) nested[1]);
            assertArrayEquals(new float[] {3f}, (float[]) ((Object[]) nested[2])[0]);
            assertEquals(GgufValueType.UINT8, f.valueType("u8"));
            assertEquals(32, f.alignment());
            assertTrue(f.tensors().isEmpty());
        }
    }

    @Test
    void tensorsOfEveryTypeRoundTripWithinQuantizationError() {
        // Largest relative RMS error allowed for Gaussian values, per type in SUPPORTED order.
        double[] bound = {0, 0.001, 0.005, 0.01, 0.15, 0.1, 0.08, 0.05, 0.5, 0.25, 0.12, 0.06, 0.03};
        Random rnd = new Random(11);
        for (int alignment : new int[] {32, 64}) {
            GgufWriter w = new GgufWriter().alignment(alignment);
            w.putString("general.architecture", "test");
            float[][] src = new float[SUPPORTED.length][];
            for (int k = 0; k < SUPPORTED.length; k++) {
                src[k] = new float[512 * 3];
                for (int i = 0; i < src[k].length; i++) {
                    src[k][i] = (float) rnd.nextGaussian() * (k + 1) * 0.01f;
                }
                w.addTensor("t." + SUPPORTED[k], new long[] {512, 3}, SUPPORTED[k], src[k]);
            }
            byte[] bytes = w.toByteArray();
            GgufFile f = GgufFile.read(new ArrayByteSource(bytes));
            assertEquals(alignment, f.alignment());
            assertEquals(0, f.dataOffset() % alignment);
            for (int k = 0; k < SUPPORTED.length; k++) {
                TensorInfo t = f.tensor("t." + SUPPORTED[k]);
                assertEquals(SUPPORTED[k], t.type);
                assertArrayEquals(new long[] {512, 3}, t.ne);
                assertEquals(0, t.offset % alignment);
                FloatTensor q = Tensors.load(f, t);
                float[] got = q.toFloatArray();
                double err = 0, ref = 0;
                for (int i = 0; i < got.length; i++) {
                    err += (got[i] - src[k][i]) * (double) (got[i] - src[k][i]);
                    ref += src[k][i] * (double) src[k][i];
                }
                double rel = Math.sqrt(err / ref);
                if (alignment == 32) {
                    System.out.printf("%-5s write/read relative rms error %.5f%n", SUPPORTED[k], rel);
                }
                assertTrue(rel <= bound[k], SUPPORTED[k] + " relative rms error " + rel);
                if (SUPPORTED[k] == GgmlType.F32) {
                    assertArrayEquals(src[k], got);
                }
                dev.hearth.tensor.DotTestAccess.checkDots(q, t, "written " + SUPPORTED[k]);
            }
        }
    }

    @Test
    void suppliedTensorsAreMadeAtWriteTimeAndMatchEagerOnes() {
        int[] calls = {0};
        float[] v = new float[256 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.1);
        }
        GgufWriter lazy = new GgufWriter();
        lazy.putString("general.architecture", "test");
        lazy.addTensor("a", new long[] {256, 4}, GgmlType.Q4_K, () -> {
            calls[0]++;
            return v;
        });
        lazy.addTensor("b", new long[] {256, 4}, GgmlType.Q8_0, () -> v);
        assertEquals(0, calls[0]);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        lazy.write(out);
        assertEquals(1, calls[0]);
        GgufWriter eager = new GgufWriter();
        eager.putString("general.architecture", "test");
        eager.addTensor("a", new long[] {256, 4}, GgmlType.Q4_K, v);
        eager.addTensor("b", new long[] {256, 4}, GgmlType.Q8_0, v);
        assertArrayEquals(eager.toByteArray(), out.toByteArray());
        GgufWriter bad = new GgufWriter();
        bad.addTensor("c", new long[] {256, 4}, GgmlType.Q6_K, () -> new float[256]);
        assertThrows(IllegalStateException.class, bad::toByteArray);
        assertThrows(IllegalArgumentException.class,
                () -> new GgufWriter().addTensor("d", new long[] {100}, GgmlType.Q8_0, new float[100]));
    }

    @Test
    void unsupportedTypesAreReadableButNotLoadable() {
        // IQ2_XXS: 256 values in 66 bytes. The file parses; loading the tensor names it and its type.
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", "test");
        w.addTensor("blk.0.ffn_up.weight", new long[] {256, 2}, GgmlType.IQ2_XXS, new byte[132]);
        GgufFile f = GgufFile.read(new ArrayByteSource(w.toByteArray()));
        TensorInfo t = f.tensor("blk.0.ffn_up.weight");
        assertEquals(GgmlType.IQ2_XXS, t.type);
        assertEquals(132, t.byteSize());
        dev.hearth.tensor.UnsupportedTensorTypeException e = assertThrows(
                dev.hearth.tensor.UnsupportedTensorTypeException.class, () -> Tensors.load(f, t));
        assertEquals("blk.0.ffn_up.weight", e.tensorName());
        assertEquals(GgmlType.IQ2_XXS, e.type());
        assertTrue(e.getMessage().contains("'blk.0.ffn_up.weight'") && e.getMessage().contains("IQ2_XXS"),
                e.getMessage());
    }

    @Test
    void referenceQuantizersReproduceLlamaCppBytes() {
        checkSameBytes("models/stories260K/stories260K.gguf", "models/stories260K/stories260K-Q8_0.gguf");
        checkSameBytes("models/stories260K/stories260K.gguf", "models/stories260K/stories260K-Q4_0.gguf");
        checkSameBytes("models/kquants/kq-base.gguf", "models/kquants/kq-Q4_1.gguf");
        checkSameBytes("models/kquants/kq-base.gguf", "models/kquants/kq-Q5_0.gguf");
        checkSameBytes("models/kquants/kq-base.gguf", "models/kquants/kq-Q5_1.gguf");
        checkSameBytes("models/kquants/kq-base.gguf", "models/kquants/kq-F16.gguf");
        checkSameBytes("models/kquants/kq-base.gguf", "models/kquants/kq-BF16.gguf");
    }

    private static void checkSameBytes(String f32Rel, String quantRel) {
        try (FileByteSource a = new FileByteSource(SharedFiles.file(f32Rel));
             FileByteSource b = new FileByteSource(SharedFiles.file(quantRel))) {
            GgufFile base = GgufFile.read(a);
            GgufFile quant = GgufFile.read(b);
            int checked = 0;
            for (TensorInfo t : quant.tensors()) {
                if (t.type == GgmlType.F32) {
                    continue;
                }
                byte[] want = new byte[(int) t.byteSize()];
                b.read(t.absoluteOffset(), want, 0, want.length);
                byte[] got = Quantizer.quantize(t.type, Tensors.toFloatArray(base, t.name));
                if (!Arrays.equals(want, got)) {
                    int i = Arrays.mismatch(want, got);
                    throw new AssertionError(quantRel + " " + t.name + " (" + t.type + "): byte " + i + " of "
                            + want.length + " is " + want[i] + " in the file, " + got[i] + " from Quantizer");
                }
                checked++;
            }
            assertTrue(checked > 0);
            System.out.println(quantRel + ": Quantizer gives llama.cpp's bytes for all " + checked + " tensors");
        }
    }

    @Test
    void rewritingARealFileGivesTheSameBytes() {
        for (String rel : new String[] {"models/stories260K/stories260K-Q8_0.gguf", "models/kquants/kq-Q4_K_M.gguf"}) {
            byte[] orig = SharedFiles.bytes(rel);
            GgufFile f = GgufFile.read(new ArrayByteSource(orig));
            GgufWriter w = new GgufWriter();
            List<String> skipped = w.copyMetadata(f);
            assertTrue(skipped.isEmpty());
            for (TensorInfo t : f.tensors()) {
                byte[] data = new byte[(int) t.byteSize()];
                f.source().read(t.absoluteOffset(), data, 0, data.length);
                w.addTensor(t.name, t.ne, t.type, data);
            }
            byte[] again = w.toByteArray();
            assertEquals(orig.length, again.length, rel);
            assertEquals(-1, Arrays.mismatch(orig, again), rel + ": first differing byte");
        }
    }
}
