package dev.hearth.gguf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a GGUF file into shards the way llama.cpp's gguf-split does: every shard a GGUF file of its
 * own, the first with all of the model's metadata, each with a consecutive share of the tensors and the
 * keys {@code split.no} (from 0), {@code split.count} and {@code split.tensors.count}. Files are named
 * {@code name-00001-of-00003.gguf}. {@link GgufFile#ofShards} reads them back as one model.
 */
public final class GgufSplit {
    private GgufSplit() {}

    /** The shards' bytes, in order; tensor data is copied, so this is for small files (tests, fixtures). */
    public static List<byte[]> shards(GgufFile f, int count) {
        List<TensorInfo> tensors = f.tensors();
        if (count < 1 || count > tensors.size()) {
            throw new IllegalArgumentException("cannot split " + tensors.size() + " tensors into " + count + " shards");
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            GgufWriter w = new GgufWriter();
            if (i == 0) {
                w.copyMetadata(f);
            } else {
                w.alignment(f.alignment());
            }
            w.putUInt16("split.no", i);
            w.putUInt16("split.count", count);
            w.putInt32("split.tensors.count", tensors.size());
            for (int t = i * tensors.size() / count; t < (i + 1) * tensors.size() / count; t++) {
                TensorInfo info = tensors.get(t);
                byte[] data = new byte[(int) info.byteSize()];
                f.source().read(info.absoluteOffset(), data, 0, data.length);
                w.addTensor(info.name, info.ne(), info.type, data);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            w.write(bytes);
            out.add(bytes.toByteArray());
        }
        return out;
    }

    /** The file name of shard {@code index} (from 0) of {@code count}: {@code base-00001-of-00003.gguf}. */
    public static String shardName(String base, int index, int count) {
        return base + "-" + fiveDigits(index + 1) + "-of-" + fiveDigits(count) + ".gguf";
    }

    private static String fiveDigits(int n) {
        String s = Integer.toString(n);
        return "00000".substring(s.length()) + s;
    }
}
