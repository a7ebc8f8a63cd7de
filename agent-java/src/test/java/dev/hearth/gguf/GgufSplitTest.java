package dev.hearth.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.model.Architecture;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shards written by GgufSplit read back through GgufFile.ofShards as the unsplit model, byte for byte. */
class GgufSplitTest {
    static GgufFile model() {
        return GgufFile.read(new ArrayByteSource(RandomModels.gguf(RandomModels.tiny(Architecture.LLAMA), GgmlType.Q8_0, 5)));
    }

    static byte[] concat(List<byte[]> parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    static GgufFile merged(List<byte[]> parts) {
        byte[] all = concat(parts);
        List<GgufFile> shards = new ArrayList<>();
        int at = 0;
        for (byte[] p : parts) {
            shards.add(GgufFile.read(new ArrayByteSource(all, at, p.length)));
            at += p.length;
        }
        return GgufFile.ofShards(new ArrayByteSource(all), shards);
    }

    @Test
    void threeShardsReadBackAsTheWholeModel() {
        GgufFile f = model();
        List<byte[]> parts = GgufSplit.shards(f, 3);
        assertEquals(3, parts.size());
        GgufFile m = merged(parts);
        assertEquals(f.tensors().size(), m.tensors().size());
        assertEquals(f.getString("general.architecture"), m.getString("general.architecture"));
        for (TensorInfo t : f.tensors()) {
            TensorInfo u = m.tensor(t.name);
            assertEquals(t.index, u.index);
            byte[] a = new byte[(int) t.byteSize()];
            byte[] b = new byte[(int) u.byteSize()];
            f.source().read(t.absoluteOffset(), a, 0, a.length);
            m.source().read(u.absoluteOffset(), b, 0, b.length);
            assertArrayEquals(a, b, t.name);
        }
        assertTrue(m.tensor(f.tensors().get(f.tensors().size() - 1).name).absoluteOffset() > parts.get(0).length + parts.get(1).length);
        assertEquals("m-00002-of-00003.gguf", GgufSplit.shardName("m", 1, 3));
    }

    @Test
    void aMissingOrMisorderedShardIsNamed() {
        List<byte[]> parts = GgufSplit.shards(model(), 3);
        GgufFormatException missing = assertThrows(GgufFormatException.class, () -> merged(parts.subList(0, 2)));
        assertTrue(missing.getMessage().contains("3 shards"), missing.getMessage());
        List<byte[]> swapped = new ArrayList<>(parts);
        swapped.set(1, parts.get(2));
        swapped.set(2, parts.get(1));
        GgufFormatException order = assertThrows(GgufFormatException.class, () -> merged(swapped));
        assertTrue(order.getMessage().contains("in order"), order.getMessage());
    }
}
