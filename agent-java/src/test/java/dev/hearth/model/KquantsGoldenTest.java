package dev.hearth.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * shared/models/kquants: for every file, llama.cpp's 16 greedy ids for each prompt, and first-position
 * logits within the README's tolerances for a pure-F32-activation forward pass (0.3 K-quants, Q4_1, Q5_x;
 * 0.06 BF16; 0.01 F16; 1e-4 F32). Both activation modes are checked against the same tolerances.
 */
class KquantsGoldenTest {

    static float tolerance(String file) {
        if (file.equals("kq-base.gguf")) {
            return 1e-4f;
        }
        if (file.contains("BF16")) {
            return 0.06f;
        }
        if (file.contains("F16")) {
            return 0.01f;
        }
        return 0.3f;
    }

    @Test
    void everyFileMatchesGoldenIdsAndLogits() throws Exception {
        Path dir = SharedModels.folder("models/kquants");
        Map<String, Object> golden = SharedModels.json(dir.resolve("golden-greedy.json"));
        Map<String, Object> files = Json.asObject(golden.get("files"));
        StringBuilder report = new StringBuilder();
        for (Map.Entry<String, Object> f : files.entrySet()) {
            String file = f.getKey();
            Model m = Model.load(SharedModels.gguf(dir.resolve(file)));
            for (Map.Entry<String, Object> pe : Json.asObject(f.getValue()).entrySet()) {
                Map<String, Object> p = Json.asObject(pe.getValue());
                int[] prompt = SharedModels.ints(p.get("prompt_token_ids"));
                int[] expected = SharedModels.ints(p.get("generated_token_ids"));
                float[] goldenLogits = SharedModels.floats(p.get("first_position_all_logits"));
                for (ActivationRounding.Mode mode : ActivationRounding.Mode.values()) {
                    Transformer t = new Transformer(m, prompt.length + expected.length);
                    t.setActivationRounding(mode);
                    float diff = SharedModels.maxAbsDiff(t.forward(prompt, 0), goldenLogits);
                    t = new Transformer(m, prompt.length + expected.length);
                    t.setActivationRounding(mode);
                    int[] got = new Generator(t).generate(prompt, expected.length,
                            new Sampler(SamplerSettings.greedy()), null, null);
                    String what = file + " \"" + pe.getKey() + "\" " + mode;
                    report.append(what).append(": max |logit diff| ").append(diff).append('\n');
                    assertArrayEquals(expected, got, what);
                    assertTrue(diff <= tolerance(file), what + ": first-position logits differ by " + diff
                            + ", tolerance " + tolerance(file));
                }
            }
        }
        System.out.print(report);
    }
}
