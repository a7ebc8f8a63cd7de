package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.model.ActivationRounding;
import dev.hearth.model.Architecture;
import dev.hearth.model.Model;
import dev.hearth.model.RandomModels;
import dev.hearth.model.Transformer;
import dev.hearth.sampling.Sampler;
import dev.hearth.tensor.GgmlType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For a random-weight model of every architecture (written by the GGUF writer, fresh seed each run),
 * the WebGPU backend's logits agree with the JVM reference (exact F32 math on both sides) at every
 * step of a 16-token greedy run: the prompt as one batch (tiled prefill attention), then one token at a
 * time (one-pass decode attention up to position 9, split over the sequence after).
 */
class ArchitecturesE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    /** max |gpu - jvm| over the vocabulary, relative to max |jvm logit|, at every step. */
    static final double TOLERANCE = 1e-4;

    @TempDir
    static Path models;
    static Page page;

    @BeforeAll
    static void open() {
        browser.server().mount("/generated/", models);
        page = browser.sharedReady("index.html?bundle=wasm-gc");
    }

    @AfterAll
    static void close() {
        page.close();
    }

    @SuppressWarnings("unchecked")
    static float[] gpuLogits(int[] tokens, int pos) {
        Map<String, Object> a = new LinkedHashMap<>();
        List<Integer> t = new ArrayList<>();
        for (int v : tokens) {
            t.add(v);
        }
        a.put("prompt", t);
        a.put("pos", pos);
        List<Object> l = (List<Object>) page.evaluate("a => Hearth._call('engine.logits', a)", a);
        float[] out = new float[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).floatValue();
        }
        return out;
    }

    static double compare(float[] gpu, float[] jvm) {
        double maxAbs = 0;
        double maxRef = 1e-30;
        for (int i = 0; i < jvm.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(gpu[i] - jvm[i]));
            maxRef = Math.max(maxRef, Math.abs(jvm[i]));
        }
        return maxAbs / maxRef;
    }

    @ParameterizedTest
    @CsvSource({"LLAMA, F32", "LLAMA, Q8_0", "QWEN2, F32", "QWEN2, Q4_0", "QWEN3, F32", "QWEN3, Q8_0",
            "PHI3, F32", "PHI3, Q4_0", "GEMMA3, F32", "GEMMA3, F16"})
    void gpuLogitsAgreeWithTheJvmAtEveryStep(Architecture arch, GgmlType type) throws IOException {
        long seed = new Random().nextLong();
        byte[] file = RandomModels.gguf(RandomModels.tiny(arch), type, seed);
        String name = arch + "-" + type + ".gguf";
        Files.write(models.resolve(name), file);

        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/generated/" + name);
        load.put("backend", "webgpu");
        load.put("contextSize", 64);
        load.put("rounding", "f32");
        load.put("splitDecodeFrom", 10); // decode steps at positions 5..9 attend in one pass, later ones split
        page.evaluate("a => Hearth._call('engine.load', a)", load);

        Transformer jvm = new Transformer(Model.load(GgufFile.read(new ArrayByteSource(file))), 64);
        jvm.setActivationRounding(ActivationRounding.Mode.F32);
        int[] prompt = {1, 17, 42, 99, 5};
        float[] ref = jvm.forward(prompt, 0);
        float[] got = gpuLogits(prompt, 0);
        double worst = compare(got, ref);
        int pos = prompt.length;
        for (int stepIndex = 0; stepIndex < 16; stepIndex++) {
            int next = Sampler.argmax(ref);
            ref = jvm.forward(new int[] {next}, pos);
            got = gpuLogits(new int[] {next}, pos);
            pos++;
            double err = compare(got, ref);
            worst = Math.max(worst, err);
            assertTrue(err <= TOLERANCE, arch + "/" + type + " seed " + seed + ": step " + stepIndex
                    + " logits differ by " + err + " (relative to the largest logit)");
        }
        System.out.printf("%s/%s seed %d: max |gpu - jvm| / max|logit| over 17 steps = %.3g (tolerance %.0e)%n",
                arch, type, seed, worst, TOLERANCE);
    }
}
