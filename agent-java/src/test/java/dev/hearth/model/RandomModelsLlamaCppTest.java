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
        check(RandomModels.tiny(arch), type, 77, expected);
    }

    private static void check(RandomModels.Shape shape, GgmlType type, long seed, int... expected) {
        Architecture arch = shape.arch;
        Model m = Model.load(GgufFile.read(new ArrayByteSource(RandomModels.gguf(shape, type, seed))));
        Transformer t = new Transformer(m, 64);
        t.setKvCacheF16(true); // llama.cpp's default KV cache type
        int[] got = new Generator(t).generate(PROMPT, expected.length, new Sampler(SamplerSettings.greedy()), null, null);
        assertArrayEquals(expected, got, arch + " " + type);
    }

    @Test
    void llama() {
        check(Architecture.LLAMA, GgmlType.F32, 51, 51, 51, 306, 128, 305, 128, 305, 128, 305, 128, 305);
        check(Architecture.LLAMA, GgmlType.Q8_0, 51, 51, 51, 306, 128, 305, 128, 305, 128, 305, 128, 305);
    }

    @Test
    void qwen2() {
        check(Architecture.QWEN2, GgmlType.F32, 178, 184, 231, 208, 161, 69, 231, 42, 232, 192, 257, 231);
        check(Architecture.QWEN2, GgmlType.Q8_0, 178, 184, 231, 208, 161, 69, 231, 42, 232, 192, 257, 231);
    }

    @Test
    void qwen3() {
        check(Architecture.QWEN3, GgmlType.F32, 95, 129, 130, 57, 41, 57, 250, 316, 149, 149, 239, 303);
        check(Architecture.QWEN3, GgmlType.Q8_0, 95, 129, 130, 57, 41, 57, 250, 316, 149, 149, 239, 303);
    }

    @Test
    void phi3() {
        check(Architecture.PHI3, GgmlType.F32, 37, 310, 234, 10, 10, 297, 297, 37, 310, 37, 234, 234);
        check(Architecture.PHI3, GgmlType.Q8_0, 37, 310, 234, 10, 10, 297, 297, 37, 254, 234, 297, 242);
    }

    @Test
    void gemma3() {
        // seed 89: with 77 every step picks the same token. Q8_0 step 5 is a near tie (0.009) that llama.cpp's
        // own rounding decides: q scaled before its F16 rounding and GELU through ggml's F16 table
        RandomModels.Shape g = RandomModels.tiny(Architecture.GEMMA3);
        check(g, GgmlType.F32, 89, 28, 28, 28, 63, 63, 293, 293, 293, 293, 306, 306, 306);
        check(g, GgmlType.Q8_0, 89, 28, 28, 28, 63, 63, 293, 293, 293, 293, 306, 306, 306);
    }

    @Test
    void variants() {
        // seed 78, F32: llama 3's rope_freqs with linear RoPE scaling 2; qwen3 with one KV head (MQA);
        // phi3 rotating only 8 of its 16 head dims
        RandomModels.Shape llama = RandomModels.tiny(Architecture.LLAMA);
        llama.ropeFreqs = true;
        llama.ropeScalingFactor = 2f;
        check(llama, GgmlType.F32, 78, 151, 245, 129, 34, 244, 245, 163, 66, 31, 245, 163, 31);
        RandomModels.Shape mqa = new RandomModels.Shape(Architecture.QWEN3, 64, 2, 4, 1, 128, 320, 128, 16, true, 0);
        check(mqa, GgmlType.F32, 78, 281, 50, 50, 50, 256, 256, 279, 47, 47, 186, 73, 73);
        RandomModels.Shape phi = RandomModels.tiny(Architecture.PHI3);
        phi.ropeDim = 8;
        check(phi, GgmlType.F32, 78, 199, 280, 199, 280, 114, 280, 298, 129, 96, 129, 227, 310);
    }

    @Test
    void phi3LongRope() {
        // seed 79: rope_factors_long/short and rope.scaling.attn_factor 1.1, original context 32. With a context
        // of 64 (> 32) the long factors apply. llama.cpp stopped after id 317, "<|end|>", an end-of-generation token.
        RandomModels.Shape phi = RandomModels.tiny(Architecture.PHI3);
        phi.longRope = true;
        check(phi, GgmlType.F32, 79, 71, 250, 299, 317);
    }
}
