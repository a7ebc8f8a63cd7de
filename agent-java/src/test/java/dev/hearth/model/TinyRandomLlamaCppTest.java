package dev.hearth.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * shared/models/tiny-random (F16 weights, 32000-token vocabulary, top logits ~0.004 apart): llama.cpp's greedy
 * ids for prompt ids 1 15043 3186 29892, made with src/test/resources/llamacpp-crosscheck/stories.mjs
 * (node-llama-cpp 3.22.1, F16 KV cache, no flash attention).
 */
class TinyRandomLlamaCppTest {
    @Test
    void f16ModelMatchesLlamaCpp() {
        Path dir = SharedModels.folder("models/tiny-random");
        Model m = Model.load(SharedModels.gguf(dir.resolve("llama-2-tiny-random.gguf")));
        Transformer t = new Transformer(m, 32);
        t.setKvCacheF16(true);
        int[] got = new Generator(t).generate(new int[] {1, 15043, 3186, 29892}, 12,
                new Sampler(SamplerSettings.greedy()), null, null);
        assertArrayEquals(new int[] {29182, 9645, 20945, 16138, 2451, 19209, 19982, 16038, 2611, 30211, 24077, 18579}, got);
    }
}
