package dev.hearth.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The bench harness end to end on stories260K (from ../shared; skipped only when that is absent): our
 * backends, and wllama 2.x and 3.x when npm can install them (otherwise the wllama part is reported as
 * skipped, after our backends were checked), plus a small kernel roofline. Every column must hold a
 * positive number.
 */
class BenchE2eTest {
    static Path site() {
        return Path.of(System.getProperty("hearth.site", "../web/target/site")).toAbsolutePath().normalize();
    }

    static Path shared() {
        return Path.of(System.getProperty("hearth.shared", "../../shared")).toAbsolutePath().normalize();
    }

    @Test
    void everyBackendReportsEveryColumn() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(shared().resolve("models/stories260K/stories260K.gguf")),
                "../shared/models is absent: the bench test needs stories260K");
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "hearth", "bench");
        Files.createDirectories(cache);
        String npmProblem = null;
        List<String> backends = new ArrayList<>(List.of("webgpu", "wasm-cpu"));
        for (String v : WllamaPackages.DEFAULT_VERSIONS) {
            try {
                WllamaPackages.install(cache, v);
                backends.add("wllama-" + v);
            } catch (WllamaPackages.UnavailableException e) {
                npmProblem = e.getMessage();
            }
        }
        BenchCli.Options o = BenchCli.parse(new String[] {"--models", "stories260k", "--prompts", "16,32",
                "--decode", "8", "--runs", "1", "--roofline", "256", "--backends", String.join(",", backends)});
        Map<String, Object> r = BenchCli.run(o, site(), shared(), cache);

        assertTrue(((String) r.get("machine")).contains("cores"), "machine: " + r.get("machine"));
        assertTrue(((String) r.get("adapter")).contains("/"), "adapter: " + r.get("adapter"));
        List<Object> results = Json.asArray(r.get("results"));
        assertEquals(backends.size(), results.size(), "one row per backend: " + Json.write(results));
        String[] columns = {"loadSeconds", "prefill16TokensPerSecond", "prefill32TokensPerSecond",
            "timeToFirstTokenSeconds", "decodeTokensPerSecond", "peakMemoryBytes", "jsHeapBytes"};
        for (Object o2 : results) {
            Map<String, Object> row = Json.asObject(o2);
            for (String c : columns) {
                Object v = row.get(c);
                assertTrue(v instanceof Number && ((Number) v).doubleValue() > 0
                        && !Double.isInfinite(((Number) v).doubleValue()), row.get("backend") + " " + c + " = " + v);
            }
            boolean gpu = row.get("backend").equals("webgpu");
            assertEquals(gpu, ((Number) row.get("gpuBufferBytes")).doubleValue() > 0, row.get("backend") + " GPU bytes");
            if (backends.size() > 2) {
                assertTrue(((Number) row.get("decodeRatio")).doubleValue() > 0, "ratio to wllama: " + row);
            }
        }
        Map<String, Object> roof = Json.asObject(r.get("roofline"));
        assertTrue(((Number) roof.get("copyGBps")).doubleValue() > 0, "copy GB/s: " + roof);
        List<Object> kernels = Json.asArray(roof.get("kernels"));
        assertTrue(kernels.size() >= 10, "every matvec format x strategy: " + kernels);
        for (Object k : kernels) {
            assertTrue(((Number) Json.asObject(k).get("GBps")).doubleValue() > 0, "kernel GB/s: " + k);
        }
        String table = BenchReport.markdown(r);
        assertTrue(table.contains("| stories260k | wasm-cpu |"), table);
        Assumptions.assumeTrue(npmProblem == null, "wllama part skipped, npm could not install it: " + npmProblem);
    }
}
