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
        check(Architecture.LLAMA, GgmlType.F32, 95, 238, 48, 157, 34, 288, 182, 275, 251, 288, 48, 288);
        check(Architecture.LLAMA, GgmlType.Q8_0, 95, 238, 48, 157, 26, 307, 62, 262, 266, 293, 74, 113);
    }

    @Test
    void qwen2() {
        check(Architecture.QWEN2, GgmlType.F32, 66, 66, 66, 66, 66, 66, 48, 48, 48, 48, 48, 48);
        check(Architecture.QWEN2, GgmlType.Q8_0, 66, 66, 66, 66, 66, 48, 48, 48, 48, 48, 48, 48); // step 6: gap 0.013
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

    @Test
    void variants() {
        // seed 78, F32: llama 3's rope_freqs with linear RoPE scaling 2; Gemma final logit softcap 3;
        // qwen3 with one KV head (MQA); phi3 rotating only 8 of 16 head dims
        RandomModels.Shape llama = RandomModels.tiny(Architecture.LLAMA);
        llama.ropeFreqs = true;
        llama.ropeScalingFactor = 2f;
        check(llama, GgmlType.F32, 78, 191, 75, 65, 115, 202, 279, 310, 309, 66, 226, 226, 226);
        RandomModels.Shape gemma = RandomModels.tiny(Architecture.GEMMA3);
        gemma.finalLogitSoftcap = 3f;
        check(gemma, GgmlType.F32, 78, 155, 155, 155, 117, 117, 117, 117, 57, 138, 138, 138, 48);
        RandomModels.Shape mqa = new RandomModels.Shape(Architecture.QWEN3, 64, 2, 4, 1, 128, 320, 128, 16, true, 0);
        check(mqa, GgmlType.F32, 78, 263, 47, 68, 241, 241, 241, 241, 241, 241, 241, 175, 106);
        RandomModels.Shape phi = RandomModels.tiny(Architecture.PHI3);
        phi.ropeDim = 8;
        check(phi, GgmlType.F32, 78, 226, 310, 0, 193, 309, 237, 28, 260, 185, 34, 237, 28);
    }

    @Test
    void phi3LongRope() {
        // seed 79: rope_factors_long/short and rope.scaling.attn_factor 1.1, original context 32. With a context
        // of 64 (> 32) the long factors apply. llama.cpp stopped after these 6 ids at EOS (id 2), which Hearth
        // also generates next.
        RandomModels.Shape phi = RandomModels.tiny(Architecture.PHI3);
        phi.longRope = true;
        check(phi, GgmlType.F32, 79, 224, 224, 224, 224, 224, 243, 2);
    }
}
