package dev.hearth.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.gguf.GgufFile;
import dev.hearth.json.Json;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * shared/models/stories260K: llama.cpp's greedy ids (BOS + prompt as one batch, 32 argmax tokens) and
 * first-position logits, from golden-greedy.json (see the README there for how it was made).
 *
 * <p>The forward pass rounds matmul inputs as llama.cpp does ({@link ActivationRounding}); the Q8_0
 * golden logits come from an F16 KV cache, so that run emulates one too. Measured: F32 within 5e-6 of
 * the f32kv logits, Q8_0 within 2e-6 of the f16kv logits.
 */
class Stories260KGoldenTest {
    private static final float LOGIT_TOLERANCE = 2e-2f;

    @Test
    void f32MatchesGoldenIdsAndLogits() throws Exception {
        Path dir = SharedModels.folder("models/stories260K");
        Map<String, Object> golden = SharedModels.json(dir.resolve("golden-greedy.json"));
        for (Object o : Json.asArray(golden.get("prompts"))) {
            Map<String, Object> p = Json.asObject(o);
            check(dir.resolve("stories260K.gguf"), p, "first_position_all_logits_f32kv", false);
        }
    }

    @Test
    void q8_0MatchesGoldenIdsAndLogits() throws Exception {
        Path dir = SharedModels.folder("models/stories260K");
        Map<String, Object> golden = SharedModels.json(dir.resolve("golden-greedy.json"));
        Map<String, Object> q8 = Json.asObject(Json.asObject(golden.get("quantized")).get("Q8_0"));
        // quantized.Q8_0 holds one prompt (an object) or several (an array)
        List<Object> prompts = q8.containsKey("prompt") ? List.of(q8) : Json.asArray(q8.get("prompts"));
        for (Object o : prompts) {
            check(dir.resolve("stories260K-Q8_0.gguf"), Json.asObject(o), "first_position_all_logits_f16kv", true);
        }
    }

    @Test
    void q4_0RunsAndFollowsTheF32Ids() throws Exception {
        // golden-greedy.json has no Q4_0 section: check the file runs and report how far it agrees with F32
        Path dir = SharedModels.folder("models/stories260K");
        Map<String, Object> golden = SharedModels.json(dir.resolve("golden-greedy.json"));
        Map<String, Object> p = Json.asObject(Json.asArray(golden.get("prompts")).get(0));
        int[] prompt = SharedModels.ints(p.get("prompt_token_ids"));
        int[] expected = SharedModels.ints(p.get("generated_token_ids"));
        int[] got = greedy(SharedModels.gguf(dir.resolve("stories260K-Q4_0.gguf")), prompt, expected.length, null, true);
        int agree = 0;
        while (agree < got.length && got[agree] == expected[agree]) {
            agree++;
        }
        System.out.println("stories260K-Q4_0: first " + agree + " of " + expected.length + " greedy ids equal F32's");
        assertEquals(expected.length, got.length);
        // measured: 23 of 32 (F16 KV, llama.cpp rounding); Q4_0 drifts from F32 later in the story
        assertTrue(agree >= 16, "Q4_0 agrees with F32's greedy ids for only " + agree + " tokens");
    }

    private static void check(Path file, Map<String, Object> p, String logitsKey, boolean kvF16) {
        int[] prompt = SharedModels.ints(p.get("prompt_token_ids"));
        int[] expected = SharedModels.ints(p.get("generated_token_ids"));
        float[][] first = new float[1][];
        int[] got = greedy(SharedModels.gguf(file), prompt, expected.length, first, kvF16);
        assertArrayEquals(expected, got, file.getFileName() + " \"" + p.get("prompt") + "\"");
        if (p.get(logitsKey) != null) { // the golden holds logits for the first prompt only
            float diff = SharedModels.maxAbsDiff(first[0], SharedModels.floats(p.get(logitsKey)));
            System.out.println(file.getFileName() + " \"" + p.get("prompt") + "\": max |logit diff| " + diff);
            assertTrue(diff <= LOGIT_TOLERANCE, "first-position logits differ by " + diff);
        }
    }

    /** Greedy ids after the prompt; firstLogits[0] gets a copy of the logits after the prompt batch. */
    static int[] greedy(GgufFile gguf, int[] prompt, int n, float[][] firstLogits, boolean kvF16) {
        Model m = Model.load(gguf);
        Transformer t = new Transformer(m, Math.min(m.config.contextLength, prompt.length + n));
        t.setKvCacheF16(kvF16);
        if (firstLogits != null) {
            firstLogits[0] = t.forward(prompt, 0).clone();
            t = new Transformer(m, Math.min(m.config.contextLength, prompt.length + n));
            t.setKvCacheF16(kvF16);
        }
        return new Generator(t).generate(prompt, n, new Sampler(SamplerSettings.greedy()), null, null);
    }
}
