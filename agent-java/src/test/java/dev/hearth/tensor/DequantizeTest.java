package dev.hearth.tensor;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.SharedFiles;
import dev.hearth.gguf.TensorInfo;
import dev.hearth.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Dequantization against llama.cpp. {@code models/kquants/dequant-samples.json} holds raw block bytes
 * and the values ggml's own {@code to_float} produced from them (see that folder's README for
 * provenance); ours must be bit-identical. Q8_0 and Q4_0, which that file does not cover, are
 * checked against the F32 stories260K weights they were quantized from.
 */
class DequantizeTest {

    @Test
    void bitIdenticalToLlamaCppOnEverySample() {
        Map<String, Object> root = Json.asObject(Json.parse(SharedFiles.text("models/kquants/dequant-samples.json")));
        Map<String, Object> files = Json.asObject(root.get("files"));
        int tensors = 0;
        int values = 0;
        for (Map.Entry<String, Object> file : files.entrySet()) {
            try (FileByteSource src = new FileByteSource(SharedFiles.file("models/kquants/" + file.getKey()))) {
                GgufFile gguf = GgufFile.read(src);
                for (Map.Entry<String, Object> e : Json.asObject(file.getValue()).entrySet()) {
                    String where = file.getKey() + " " + e.getKey();
                    Map<String, Object> t = Json.asObject(e.getValue());
                    GgmlType type = GgmlType.valueOf((String) t.get("type"));
                    assertEquals(((Number) t.get("block_size")).intValue(), type.blockSize, where);
                    assertEquals(((Number) t.get("block_bytes")).intValue(), type.typeSize, where);
                    byte[] raw = hex((String) t.get("raw_hex"));
                    List<Object> expected = Json.asArray(t.get("dequantized"));
                    int n = expected.size();
                    assertEquals(type.byteSize(n), raw.length, where);

                    TensorInfo info = gguf.tensor(e.getKey());
                    assertEquals(type, info.type, where);
                    assertEquals(((Number) t.get("file_data_offset")).longValue(), info.absoluteOffset(), where);

                    FloatTensor fromSample = Tensors.fromBytes(type, n, raw);
                    FloatTensor fromFile = Tensors.load(gguf, info);
                    float[] fast = new float[n];
                    fromSample.dequantize(0, fast, 0, n);
                    float[] fastFile = new float[n];
                    fromFile.dequantize(0, fastFile, 0, n);
                    for (int i = 0; i < n; i++) {
                        float want = (float) ((Number) expected.get(i)).doubleValue();
                        assertBits(want, fromSample.getFloat(i), where + " getFloat " + i);
                        assertBits(want, fast[i], where + " dequantize " + i);
                        assertBits(want, fromFile.getFloat(i), where + " file getFloat " + i);
                        assertBits(want, fastFile[i], where + " file dequantize " + i);
                    }
                    tensors++;
                    values += n;
                }
            }
        }
        System.out.println("dequant-samples.json: " + values + " values of " + tensors
                + " tensors bit-identical to llama.cpp (getFloat and dequantize, sample bytes and file)");
        assertEquals(30, tensors);
    }

    @Test
    void everyKquantsTensorIsCloseToItsF32Source() {
        String[] names = {"kq-Q2_K.gguf", "kq-Q3_K_M.gguf", "kq-Q4_K_M.gguf", "kq-Q5_K_M.gguf", "kq-Q6_K.gguf",
            "kq-Q4_1.gguf", "kq-Q5_0.gguf", "kq-Q5_1.gguf", "kq-F16.gguf", "kq-BF16.gguf"};
        // Largest RMS error allowed, relative to the tensor's RMS value: loose bounds that a
        // wrong bit layout (values landing in the wrong place) exceeds many times over.
        double[] bound = {0.45, 0.25, 0.12, 0.06, 0.03, 0.12, 0.06, 0.06, 0.001, 0.006};
        try (FileByteSource baseSrc = new FileByteSource(SharedFiles.file("models/kquants/kq-base.gguf"))) {
            GgufFile base = GgufFile.read(baseSrc);
            for (int k = 0; k < names.length; k++) {
                try (FileByteSource src = new FileByteSource(SharedFiles.file("models/kquants/" + names[k]))) {
                    GgufFile f = GgufFile.read(src);
                    double worst = 0;
                    for (TensorInfo t : f.tensors()) {
                        float[] want = Tensors.toFloatArray(base, t.name);
                        FloatTensor q = Tensors.load(f, t);
                        float[] got = q.toFloatArray();
                        double err = 0, ref = 0;
                        for (int i = 0; i < got.length; i++) {
                            err += (got[i] - want[i]) * (double) (got[i] - want[i]);
                            ref += want[i] * (double) want[i];
                            if (i % 97 == 0) {
                                assertBits(got[i], q.getFloat(i), names[k] + " " + t.name + " " + i);
                            }
                        }
                        double rel = Math.sqrt(err / ref);
                        worst = Math.max(worst, rel);
                        assertTrue(rel < bound[k], names[k] + " " + t.name + " relative rms error " + rel);
                    }
                    System.out.printf("%-16s worst tensor relative rms error vs F32 source %.5f%n", names[k], worst);
                }
            }
        }
    }

    @Test
    void stories260KQ8_0AndQ4_0AreWithinQuantizationErrorOfF32() {
        try (FileByteSource baseSrc = new FileByteSource(SharedFiles.file("models/stories260K/stories260K.gguf"))) {
            GgufFile base = GgufFile.read(baseSrc);
            checkAgainstF32(base, "models/stories260K/stories260K-Q8_0.gguf", GgmlType.Q8_0);
            checkAgainstF32(base, "models/stories260K/stories260K-Q4_0.gguf", GgmlType.Q4_0);
        }
    }

    private static void checkAgainstF32(GgufFile base, String rel, GgmlType qtype) {
        try (FileByteSource src = new FileByteSource(SharedFiles.file(rel))) {
            GgufFile f = GgufFile.read(src);
            int quantized = 0;
            double worstRatio = 0;
            for (TensorInfo t : f.tensors()) {
                float[] want = Tensors.toFloatArray(base, t.name);
                FloatTensor q = Tensors.load(f, t);
                float[] got = q.toFloatArray();
                assertEquals(want.length, got.length);
                if (t.type == GgmlType.F32) {
                    for (int i = 0; i < got.length; i++) {
                        assertBits(want[i], got[i], rel + " " + t.name + " " + i);
                    }
                } else if (t.type == GgmlType.F16) {
                    for (int i = 0; i < got.length; i++) {
                        assertTrue(Math.abs(got[i] - want[i]) <= Math.abs(want[i]) * 0x1p-11f + 0x1p-25f,
                                rel + " " + t.name + " " + i + ": " + got[i] + " vs " + want[i]);
                    }
                } else {
                    assertEquals(qtype, t.type, t.name);
                    quantized++;
                    for (int b = 0; b < got.length; b += 32) {
                        float amax = 0;
                        for (int j = 0; j < 32; j++) {
                            amax = Math.max(amax, Math.abs(want[b + j]));
                        }
                        // Q8_0: step amax/127, rounding to nearest: error at most half a step, plus
                        // the scale's own F16 rounding (relative 2^-11) times up to 127 steps.
                        // Q4_0: step amax/8, and the value at +amax clamps to 7 steps, so up to a
                        // whole step, plus 8 steps times 2^-11.
                        float step = qtype == GgmlType.Q8_0 ? amax / 127 : amax / 8;
                        float allowed = (qtype == GgmlType.Q8_0 ? 0.5f + 127 * 0x1p-11f : 1f + 8 * 0x1p-11f)
                                * step * 1.001f + 1e-7f;
                        for (int j = 0; j < 32; j++) {
                            float err = Math.abs(got[b + j] - want[b + j]);
                            worstRatio = Math.max(worstRatio, err / (step + 1e-30));
                            assertTrue(err <= allowed, rel + " " + t.name + " element " + (b + j)
                                    + ": " + got[b + j] + " vs F32 " + want[b + j] + ", step " + step);
                        }
                    }
                    DotTest.checkDots(q, t, rel);
                }
            }
            assertEquals(32, quantized, rel);
            System.out.printf("%s: 32 %s tensors within quantization error of F32 (worst error %.3f steps)%n",
                    rel, qtype, worstRatio);
        }
    }

    static void assertBits(float want, float got, String where) {
        if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got)) {
            fail(where + ": expected " + want + " (0x" + Integer.toHexString(Float.floatToRawIntBits(want))
                    + "), got " + got + " (0x" + Integer.toHexString(Float.floatToRawIntBits(got)) + ")");
        }
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
