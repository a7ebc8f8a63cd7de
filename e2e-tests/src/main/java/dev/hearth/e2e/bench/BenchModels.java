package dev.hearth.e2e.bench;

import dev.hearth.model.Architecture;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The bench's model files, each written once into the cache folder: random weights (RandomModels, the GGUF
 * writer) with the exact shapes of SmolLM2-135M and Qwen2.5-0.5B in Q8_0, Q4_0 or F16, or the trained
 * stories260K from ../shared/models. Names: {@code smollm2-135m-q4_0}, {@code qwen2.5-0.5b-q8_0},
 * {@code stories260k}, {@code stories260k-q8_0}, ...
 *
 * <p>The random models carry a SentencePiece-style vocabulary (unk, BOS, EOS, 256 byte tokens, filler
 * pieces) that llama.cpp's loader (and so wllama) accepts; the bench feeds token ids, never text.
 */
final class BenchModels {
    static final String NAMES = "smollm2-135m-{q8_0,q4_0,f16}, qwen2.5-0.5b-{q8_0,q4_0,f16}, stories260k[-q8_0|-q4_0]";

    private BenchModels() {}

    /** Qwen2.5-0.5B: qwen2 (QKV bias), dim 896, 24 layers, 14 heads, 2 KV heads of 64, FFN 4864, vocab 151936, tied. */
    static RandomModels.Shape qwen25_05B() {
        return new RandomModels.Shape(Architecture.QWEN2, 896, 24, 14, 2, 4864, 151936, 32768, 64, true, 0);
    }

    /** The model file, written (or copied from shared) once. */
    static Path file(Path cache, Path shared, String name) throws IOException {
        Path file = cache.resolve(name + ".gguf");
        if (Files.exists(file)) {
            return file;
        }
        if (name.equals("stories260k") || name.equals("stories260k-q8_0") || name.equals("stories260k-q4_0")) {
            String suffix = name.endsWith("q8_0") ? "-Q8_0" : name.endsWith("q4_0") ? "-Q4_0" : "";
            Path src = shared.resolve("models").resolve("stories260K").resolve("stories260K" + suffix + ".gguf");
            if (!Files.isRegularFile(src)) {
                throw new IllegalArgumentException("bench model " + name + " is copied from " + src + ", which is missing");
            }
            Files.copy(src, file);
            return file;
        }
        RandomModels.Shape shape;
        if (name.startsWith("smollm2-135m-")) {
            shape = RandomModels.smolLM2_135M();
        } else if (name.startsWith("qwen2.5-0.5b-")) {
            shape = qwen25_05B();
        } else {
            throw new IllegalArgumentException("unknown bench model '" + name + "': " + NAMES);
        }
        GgmlType type;
        switch (name.substring(name.lastIndexOf('-') + 1)) {
            case "q8_0": type = GgmlType.Q8_0; break;
            case "q4_0": type = GgmlType.Q4_0; break;
            case "f16": type = GgmlType.F16; break;
            default: throw new IllegalArgumentException("unknown bench model '" + name + "': " + NAMES);
        }
        System.err.println("bench: writing " + file + " (" + shape + ", " + type + "; once) ...");
        Path part = cache.resolve(name + ".gguf.part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 1 << 20)) {
            RandomModels.write(shape, type, 135, out);
        }
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
