package dev.hearth.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.tensor.GgmlType;
import org.junit.jupiter.api.Test;

/**
 * llama.cpp's greedy ids for {@code RandomModels.tiny(arch)} (seed 77): one check of every architecture's
 * graph (RoPE ordering, biases, Q/K norms, fused tensors, Gemma's norms, GELU and sliding window) against
 * llama.cpp itself. Provenance and the regeneration script: src/test/resources/llamacpp-crosscheck/.
 */
class RandomModelsLlamaCppTest {
    private static final int[] PROMPT = {1, 300, 301, 302, 260};

    private static void check(Architecture arch, GgmlType type, int... expected) {
        Model m = Model.load(GgufFile.read(new ArrayByteSource(RandomModels.gguf(RandomModels.tiny(arch), type, 77))));
        Transformer t = new Transformer(m, 64);
        t.setKvCacheF16(true); // llama.cpp's default KV cache type
        int[] got = new Generator(t).generate(PROMPT, expected.length, new Sampler(SamplerSettings.greedy()), null, null);
        assertArrayEquals(expected, got, arch + " " + type);
    }

    @Test
    void llama() {
        check(Architecture.LLAMA, GgmlType.F32, 95, 238, 48, 157, 34, 288, 182, 275, 251, 288, 48, 288);
        check(Architecture.LLAMA, GgmlType.Q8_0, 95, 238, 48, 157, 26, 307, 62, 262, 266, 293, 74, 113);
    }

    @Test
    void qwen2() {
        check(Architecture.QWEN2, GgmlType.F32, 66, 66, 66, 66, 66, 66, 48, 48, 48, 48, 48, 48);
    }

    @Test
    void qwen3() {
        check(Architecture.QWEN3, GgmlType.F32, 83, 274, 309, 227, 103, 100, 275, 188, 146, 8, 74, 275);
        check(Architecture.QWEN3, GgmlType.Q8_0, 83, 274, 309, 227, 103, 100, 275, 188, 146, 8, 74, 275);
    }

    @Test
    void phi3() {
        check(Architecture.PHI3, GgmlType.F32, 110, 103, 5, 204, 26, 40, 209, 205, 22, 42, 95, 274);
        check(Architecture.PHI3, GgmlType.Q8_0, 110, 103, 5, 204, 26, 40, 209, 205, 22, 42, 95, 274);
    }

    @Test
    void gemma3() {
        check(Architecture.GEMMA3, GgmlType.F32, 10, 10, 10, 10, 10, 10, 45, 45, 45, 45, 45, 45);
        check(Architecture.GEMMA3, GgmlType.Q8_0, 10, 10, 10, 10, 10, 10, 45, 45, 45, 45, 45, 45);
    }
}
