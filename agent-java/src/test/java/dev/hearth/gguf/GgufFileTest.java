package dev.hearth.gguf;

import dev.hearth.tensor.GgmlType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GgufFileTest {

    @Test
    void parsesEverySharedGgufFile() {
        List<Path> files = SharedFiles.allGguf();
        assertFalse(files.isEmpty(), "no .gguf files under the shared folder");
        for (Path p : files) {
            try (FileByteSource src = new FileByteSource(p)) {
                GgufFile f = GgufFile.read(src);
                assertTrue(f.version() == 2 || f.version() == 3, p + " version " + f.version());
                assertTrue(f.has("general.architecture"), p + " has general.architecture");
                assertEquals(0, f.dataOffset() % f.alignment(), p.toString());
                long end = f.dataOffset();
                for (TensorInfo t : f.tensors()) {
                    assertTrue(t.absoluteOffset() + t.byteSize() <= src.size(), t.toString());
                    assertEquals(0, t.offset % f.alignment(), t.toString());
                    assertEquals(t, f.tensor(t.name));
                    end = Math.max(end, t.absoluteOffset() + t.byteSize());
                }
                System.out.printf("%-45s v%d %3d keys %3d tensors, data at %d, tensor bytes end at %d of %d%n",
                        root(p), f.version(), f.keys().size(), f.tensors().size(), f.dataOffset(), end,
                        src.size());
            }
        }
    }

    private static String root(Path p) {
        return SharedFiles.root().relativize(p).toString();
    }

    @Test
    void stories260KMetadataAndTensors() {
        try (FileByteSource src = new FileByteSource(SharedFiles.file("models/stories260K/stories260K.gguf"))) {
            GgufFile f = GgufFile.read(src);
            assertEquals(3, f.version());
            assertEquals("llama", f.getString("general.architecture"));
            assertEquals(64, f.getLong("llama.embedding_length", -1));
            assertEquals(5, f.getLong("llama.block_count", -1));
            assertEquals(8, f.getLong("llama.attention.head_count", -1));
            assertEquals(4, f.getLong("llama.attention.head_count_kv", -1));
            assertEquals(172, f.getLong("llama.feed_forward_length", -1));
            assertEquals(128, f.getLong("llama.context_length", -1));
            assertEquals(1e-5f, f.getFloat("llama.attention.layer_norm_rms_epsilon", 0), 1e-9f);
            assertEquals(10000f, f.getFloat("llama.rope.freq_base", 10000f));
            assertEquals("llama", f.getString("tokenizer.ggml.model"));
            assertEquals(512, f.getStringArray("tokenizer.ggml.tokens").length);
            assertEquals(512, f.getFloatArray("tokenizer.ggml.scores").length);
            assertEquals(512, f.getIntArray("tokenizer.ggml.token_type").length);
            assertEquals(1, f.getLong("tokenizer.ggml.bos_token_id", -1));
            assertEquals(2, f.getLong("tokenizer.ggml.eos_token_id", -1));
            assertEquals("<0x0A>", f.getStringArray("tokenizer.ggml.tokens")[13]);
            assertNull(f.getString("no.such.key"));
            assertEquals("x", f.getString("no.such.key", "x"));
            assertNull(f.getIntArray("no.such.key"));
            assertThrows(GgufFormatException.class, () -> f.getLong("general.architecture", 0));
            assertThrows(GgufFormatException.class, () -> f.getString("llama.block_count"));
            assertEquals(32, f.alignment());

            TensorInfo emb = f.tensor("token_embd.weight");
            assertNotNull(emb);
            assertArrayEquals(new long[] {64, 512}, emb.ne);
            assertEquals(GgmlType.F32, emb.type);
            assertEquals(64 * 512, emb.elementCount());
            assertEquals(64 * 512 * 4, emb.byteSize());
            assertNull(f.tensor("nope"));
        }
    }

    @Test
    void quantizedStoriesTensorTypeCounts() {
        assertEquals(Map.of(GgmlType.Q8_0, 32, GgmlType.F16, 5, GgmlType.F32, 11),
                typeCounts("models/stories260K/stories260K-Q8_0.gguf"));
        assertEquals(Map.of(GgmlType.Q4_0, 32, GgmlType.F16, 5, GgmlType.F32, 11),
                typeCounts("models/stories260K/stories260K-Q4_0.gguf"));
        assertEquals(Map.of(GgmlType.Q4_K, 16, GgmlType.F32, 5),
                typeCounts("models/kquants/kq-Q4_K_M.gguf"));
    }

    private static Map<GgmlType, Integer> typeCounts(String rel) {
        try (FileByteSource src = new FileByteSource(SharedFiles.file(rel))) {
            Map<GgmlType, Integer> m = new EnumMap<>(GgmlType.class);
            for (TensorInfo t : GgufFile.read(src).tensors()) {
                m.merge(t.type, 1, Integer::sum);
            }
            return m;
        }
    }

    @Test
    void arrayAndFileSourcesAgree() {
        byte[] bytes = SharedFiles.bytes("models/kquants/kq-Q6_K.gguf");
        GgufFile a = GgufFile.read(new ArrayByteSource(bytes));
        try (FileByteSource src = new FileByteSource(SharedFiles.file("models/kquants/kq-Q6_K.gguf"))) {
            GgufFile b = GgufFile.read(src);
            assertEquals(a.keys(), b.keys());
            assertEquals(a.dataOffset(), b.dataOffset());
            assertEquals(a.tensors().size(), b.tensors().size());
            for (int i = 0; i < a.tensors().size(); i++) {
                assertEquals(a.tensors().get(i).toString(), b.tensors().get(i).toString());
            }
        }
    }

    @Test
    void errorMessagesNameOffsetAndField() {
        byte[] b = SharedFiles.bytes("models/stories260K/stories260K.gguf");
        GgufFile f = GgufFile.read(new ArrayByteSource(b));
        // n_dims of tensor 7 sits after its name (8-byte length + the bytes). Find it by walking
        // back from the tensor's ne[0] field: the info is name, n_dims, ne..., type, offset.
        TensorInfo t = f.tensor("blk.0.attn_q.weight");
        int at = indexOf(b, t.name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + t.name.length();
        b[at] = 9;
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.read(new ArrayByteSource(b)));
        assertEquals("at offset " + at + ", tensor " + t.index + " 'blk.0.attn_q.weight' n_dims: 9 is more than 4",
                e.getMessage());
        assertEquals(at, e.offset());
        assertEquals("tensor " + t.index + " 'blk.0.attn_q.weight' n_dims", e.field());

        // A string inside the vocabulary array: the element index is named.
        byte[] c = SharedFiles.bytes("models/stories260K/stories260K.gguf");
        int tok = indexOf(c, "<0x0A>".getBytes(java.nio.charset.StandardCharsets.UTF_8)) - 8;
        c[tok + 7] = 0x40; // length 2^62 + 6
        e = assertThrows(GgufFormatException.class, () -> GgufFile.read(new ArrayByteSource(c)));
        assertEquals(tok, e.offset());
        assertTrue(e.field().endsWith("'tokenizer.ggml.tokens' value[13] string length"), e.getMessage());
        System.out.println(e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void rejectsWrongMagicAndVersion() {
        GgufFormatException e = assertThrows(GgufFormatException.class,
                () -> GgufFile.read(new ArrayByteSource(new byte[] {'G', 'G'})));
        assertEquals(0, e.offset());
        assertEquals("header magic", e.field());
        e = assertThrows(GgufFormatException.class,
                () -> GgufFile.read(new ArrayByteSource("GGML\u0003\0\0\0".getBytes())));
        assertTrue(e.getMessage().contains("not a GGUF file"), e.getMessage());
        e = assertThrows(GgufFormatException.class,
                () -> GgufFile.read(new ArrayByteSource("GGUF\u0001\0\0\0".getBytes())));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("v1"), e.getMessage());
        e = assertThrows(GgufFormatException.class,
                () -> GgufFile.read(new ArrayByteSource("GGUF\0\0\0\u0003".getBytes())));
        assertTrue(e.getMessage().contains("big-endian"), e.getMessage());
        e = assertThrows(GgufFormatException.class,
                () -> GgufFile.read(new ArrayByteSource("GGUF\u0003\0\0\0".getBytes())));
        assertEquals("header tensor_count", e.field());
    }
}
