package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.json.Json;
import dev.hearth.model.ActivationRounding;
import dev.hearth.model.Model;
import dev.hearth.model.Transformer;
import dev.hearth.sampling.Sampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Greedy generation in Chromium, on the WebGPU backend and on the CPU backend (the JVM reference
 * compiled to WASM-GC), against the JVM reference and llama.cpp's goldens for stories260K.
 * Needs ../shared/models (skipped, saying so, only when it is absent).
 */
class GenerateE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static Page page;
    static List<Object> prompts;
    /** llama.cpp's golden for the Q8_0 file (one prompt). */
    static Map<String, Object> q8Golden;

    @BeforeAll
    static void open() throws IOException {
        Path golden = HearthBrowser.shared().resolve("models/stories260K/golden-greedy.json");
        Assumptions.assumeTrue(Files.isRegularFile(golden), "../shared/models is absent: real-model tests skipped");
        Map<String, Object> all = Json.asObject(Json.parse(Files.readString(golden)));
        prompts = Json.asArray(all.get("prompts"));
        q8Golden = Json.asObject(Json.asObject(all.get("quantized")).get("Q8_0"));
        page = browser.sharedReady("index.html?bundle=wasm-gc");
    }

    @AfterAll
    static void close() {
        if (page != null) {
            page.close();
        }
    }

    static int[] ints(Object list) {
        List<Object> l = Json.asArray(list);
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) l.get(i)).intValue();
        }
        return a;
    }

    static List<Integer> boxed(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    static Transformer jvm(String file, ActivationRounding.Mode mode) {
        GgufFile f = GgufFile.read(new FileByteSource(HearthBrowser.shared().resolve("models/stories260K/" + file)));
        Transformer t = new Transformer(Model.load(f), 128);
        t.setActivationRounding(mode);
        t.setKvCacheF16(mode == ActivationRounding.Mode.LLAMA_CPP); // as the engine's "llama.cpp" default
        return t;
    }

    static int[] jvmGreedy(Transformer t, int[] prompt, int n) {
        int[] out = new int[n];
        int next = Sampler.argmax(t.forward(prompt, 0));
        for (int i = 0; i < n; i++) {
            out[i] = next;
            if (i < n - 1) {
                next = Sampler.argmax(t.forward(new int[] {next}, prompt.length + i));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> call(String op, Map<String, Object> args) {
        return (Map<String, Object>) page.evaluate("a => Hearth._call(a[0], a[1])", List.of(op, args));
    }

    /** splitFrom: the position from which WebGPU decodes with split attention (8: every decode step here). */
    @ParameterizedTest
    @CsvSource({"stories260K.gguf, webgpu, 8", "stories260K-Q8_0.gguf, webgpu, 512", "stories260K-Q4_0.gguf, webgpu, 512",
            "stories260K.gguf, wasm-cpu, 0", "stories260K-Q4_0.gguf, wasm-cpu, 0"})
    void greedyIdsMatchTheJvmReference(String file, String backend, int splitFrom) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/models/stories260K/" + file);
        load.put("backend", backend);
        load.put("contextSize", 128);
        if (backend.equals("webgpu")) {
            load.put("splitDecodeFrom", splitFrom);
        }
        System.out.println("[" + backend + "] loaded " + call("engine.load", load));
        Transformer ref = jvm(file, ActivationRounding.Mode.LLAMA_CPP);
        for (Object p : prompts) {
            Map<String, Object> prompt = Json.asObject(p);
            int[] ids = ints(prompt.get("prompt_token_ids"));
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("prompt", boxed(ids));
            gen.put("n", 32);
            Map<String, Object> r = call("engine.generate", gen);
            int[] got = ints(r.get("ids"));
            int[] want = jvmGreedy(ref, ids, 32);
            System.out.printf("[%s] %s %s: prefill %.0f ms, %d decode tokens in %.0f ms%n", backend, file,
                    prompt.get("prompt"), ((Number) r.get("prefillMs")).doubleValue(),
                    ((Number) r.get("decodeTokens")).intValue(), ((Number) r.get("decodeMs")).doubleValue());
            assertArrayEquals(want, got, backend + " differs from the JVM reference on " + file + " / " + prompt.get("prompt"));
            // llama.cpp's goldens: every prompt for the F32 file, one prompt for the Q8_0 file
            if (file.equals("stories260K.gguf")) {
                assertArrayEquals(ints(prompt.get("generated_token_ids")), got, "llama.cpp golden, " + file);
            } else if (file.contains("Q8_0") && q8Golden.get("prompt").equals(prompt.get("prompt"))) {
                assertArrayEquals(ints(q8Golden.get("generated_token_ids")), got, "llama.cpp golden, " + file);
            }
        }
    }

    /** Sampling on WebGPU (top-k read back from the GPU) is reproducible by seed and follows the settings. */
    @org.junit.jupiter.api.Test
    void sampledGenerationIsReproducibleBySeed() {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/models/stories260K/stories260K.gguf");
        load.put("backend", "webgpu");
        load.put("contextSize", 128);
        call("engine.load", load);
        List<Integer> prompt = boxed(new int[] {1, 403, 407, 261, 378});
        int[][] runs = new int[3][];
        long[] seeds = {7, 7, 8};
        for (int i = 0; i < 3; i++) {
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("prompt", prompt);
            gen.put("n", 32);
            gen.put("temperature", 1.0);
            gen.put("top_k", 20);
            gen.put("seed", (int) seeds[i]); // Playwright passes no long
            runs[i] = ints(call("engine.generate", gen).get("ids"));
            for (int id : runs[i]) {
                assertTrue(id >= 0 && id < 512, "token id outside the vocabulary: " + id);
            }
        }
        assertArrayEquals(runs[0], runs[1], "the same seed must give the same tokens");
        assertTrue(!java.util.Arrays.equals(runs[0], runs[2]), "another seed gave the very same 32 tokens");
    }

    /** llama.cpp's greedy goldens for every quantization type (kquants: random weights, 16 tokens per prompt). */
    @ParameterizedTest
    @CsvSource({"kq-base.gguf", "kq-Q2_K.gguf", "kq-Q3_K_M.gguf", "kq-Q4_K_M.gguf", "kq-Q5_K_M.gguf", "kq-Q6_K.gguf",
            "kq-Q4_1.gguf", "kq-Q5_0.gguf", "kq-Q5_1.gguf", "kq-F16.gguf", "kq-BF16.gguf"})
    @SuppressWarnings("unchecked")
    void webgpuReproducesTheKquantGoldens(String file) throws IOException {
        Map<String, Object> goldens = Json.asObject(Json.asObject(Json.asObject(Json.parse(Files.readString(
                HearthBrowser.shared().resolve("models/kquants/golden-greedy.json")))).get("files")).get(file));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/models/kquants/" + file);
        load.put("backend", "webgpu");
        load.put("contextSize", 64);
        call("engine.load", load);
        for (Map.Entry<String, Object> e : goldens.entrySet()) {
            Map<String, Object> g = Json.asObject(e.getValue());
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("prompt", boxed(ints(g.get("prompt_token_ids"))));
            gen.put("n", 16);
            int[] got = ints(call("engine.generate", gen).get("ids"));
            assertArrayEquals(ints(g.get("generated_token_ids")), got, "llama.cpp golden, " + file + " / " + e.getKey());
        }
    }

    @ParameterizedTest
    @CsvSource({"stories260K.gguf, webgpu, 1e-4", "stories260K-Q8_0.gguf, webgpu, 1e-4",
            "stories260K-Q4_0.gguf, webgpu, 1e-4", "stories260K.gguf, wasm-cpu, 1e-5"})
    void firstPositionLogitsMatchTheExactF32Reference(String file, String backend, double tolerance) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/models/stories260K/" + file);
        load.put("backend", backend);
        load.put("contextSize", 128);
        load.put("rounding", "f32");
        call("engine.load", load);
        Transformer ref = jvm(file, ActivationRounding.Mode.F32);
        for (Object p : prompts) {
            int[] ids = ints(Json.asObject(p).get("prompt_token_ids"));
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("prompt", boxed(ids));
            List<Object> got = (List<Object>) page.evaluate("a => Hearth._call('engine.logits', a)", args);
            float[] want = ref.forward(ids, 0);
            double maxAbs = 0;
            double maxRef = 0;
            for (int i = 0; i < want.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(((Number) got.get(i)).doubleValue() - want[i]));
                maxRef = Math.max(maxRef, Math.abs(want[i]));
            }
            System.out.printf("[%s] %s logits: max |browser - jvm| = %.3g (max |logit| %.3g, tolerance %.0e relative)%n",
                    backend, file, maxAbs, maxRef, tolerance);
            assertTrue(maxAbs <= tolerance * maxRef, "logits differ by " + maxAbs);
        }
    }
}
