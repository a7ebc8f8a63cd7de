package dev.hearth.e2e.bench;

import dev.hearth.e2e.browser.BrowserSession;
import dev.hearth.json.Json;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./hearth bench [--json] [--runs N] [--decode N] [--prompt N] [--models a,b]}: Hearth's in-browser
 * backends side by side in one headless Chromium: WebGPU with each matvec strategy and the CPU backend
 * (the JVM reference compiled to WASM-GC), on random-weight models with real models' shapes (written
 * once by the GGUF writer, cached under ~/.cache/hearth/bench). Runs alternate between backends; the
 * table shows medians and each figure's ratio to the CPU backend.
 */
public final class BenchCli {
    private BenchCli() {}

    static final class Row {
        String model;
        String backend;
        final List<Double> load = new ArrayList<>();
        final List<Double> prefill = new ArrayList<>();
        final List<Double> decode = new ArrayList<>();
        final List<Double> ttft = new ArrayList<>();
    }

    public static void main(String[] args) throws Exception {
        boolean json = false;
        int runs = 3;
        int decode = 32;
        int promptLen = 128;
        List<String> models = new ArrayList<>(Arrays.asList("smollm2-135m-q8_0", "smollm2-135m-q4_0"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json": json = true; break;
                case "--runs": runs = Integer.parseInt(args[++i]); break;
                case "--decode": decode = Integer.parseInt(args[++i]); break;
                case "--prompt": promptLen = Integer.parseInt(args[++i]); break;
                case "--models": models = Arrays.asList(args[++i].split(",")); break;
                default:
                    System.err.println("usage: ./hearth bench [--json] [--runs N] [--decode N] [--prompt N] "
                            + "[--models smollm2-135m-q8_0,smollm2-135m-q4_0,smollm2-135m-f16,stories260k,stories260k-q8_0,stories260k-q4_0]");
                    System.exit(2);
            }
        }
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "hearth", "bench");
        Files.createDirectories(cache);
        for (String m : models) {
            model(cache, m);
        }
        String[] backends = {"webgpu/ROW_PER_THREAD", "webgpu/WG_PER_ROW", "wasm-cpu"};
        Path site = Path.of(System.getProperty("hearth.site", "web/target/site"));
        List<Object[]> mounts = new ArrayList<>();
        mounts.add(new Object[] {"/bench/", cache});
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Object> adapter;
        try (BrowserSession s = new BrowserSession(site, mounts, "wasm-gc", false)) {
            adapter = Json.asObject(Json.parse(Json.write(s.call("gpuInfo", new LinkedHashMap<>()))));
            int[] prompt = new int[promptLen];
            for (int i = 0; i < promptLen; i++) {
                prompt[i] = 1 + (i * 7919) % 500; // ids valid in every bench vocabulary (stories260K has 512)
            }
            for (int run = 0; run < runs; run++) {
                for (String m : models) {
                    for (String b : backends) { // alternate: every backend once per round
                        Row r = rows.computeIfAbsent(m + " " + b, k -> new Row());
                        r.model = m;
                        r.backend = b;
                        measure(s, m, b, prompt, decode, r);
                        System.err.printf("run %d/%d %s %s: decode %.2f tok/s%n", run + 1, runs, m, b,
                                r.decode.get(r.decode.size() - 1));
                    }
                }
            }
        }
        String machine = machine();
        String gpu = adapter.get("vendor") + " / " + adapter.get("architecture");
        if (json) {
            List<Object> out = new ArrayList<>();
            for (Row r : rows.values()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("model", r.model);
                o.put("backend", r.backend);
                o.put("loadSeconds", median(r.load));
                o.put("prefillTokensPerSecond", median(r.prefill));
                o.put("timeToFirstTokenSeconds", median(r.ttft));
                o.put("decodeTokensPerSecond", median(r.decode));
                o.put("runs", (long) r.decode.size());
                out.add(o);
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("machine", machine);
            all.put("adapter", gpu);
            all.put("promptTokens", (long) promptLen);
            all.put("decodeTokens", (long) decode);
            all.put("results", out);
            System.out.println(Json.write(all));
            return;
        }
        System.out.println("Machine: " + machine + "; WebGPU adapter: " + gpu + "; headless Chromium; medians of "
                + runs + " alternating runs; prompt " + promptLen + " tokens, decode " + decode + " tokens.");
        System.out.println();
        System.out.println("| model | backend | load s | prefill tok/s | TTFT s | decode tok/s | decode vs wasm-cpu |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (Row r : rows.values()) {
            double cpu = median(rows.get(r.model + " wasm-cpu").decode);
            System.out.printf("| %s | %s | %.2f | %.1f | %.2f | %.2f | %.3fx |%n", r.model, r.backend, median(r.load),
                    median(r.prefill), median(r.ttft), median(r.decode), median(r.decode) / cpu);
        }
    }

    @SuppressWarnings("unchecked")
    static void measure(BrowserSession s, String model, String backend, int[] prompt, int decode, Row r) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/bench/" + model + ".gguf");
        load.put("backend", backend.startsWith("webgpu") ? "webgpu" : backend);
        if (backend.startsWith("webgpu/")) {
            load.put("strategy", backend.substring(7));
        }
        load.put("contextSize", prompt.length + decode + 8);
        Map<String, Object> info = (Map<String, Object>) s.call("engine.load", load);
        r.load.add(((Number) info.get("loadMs")).doubleValue() / 1000);
        List<Integer> p = new ArrayList<>();
        for (int t : prompt) {
            p.add(t);
        }
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("prompt", p);
        gen.put("n", decode + 1);
        Map<String, Object> g = (Map<String, Object>) s.call("engine.generate", gen);
        double prefillMs = ((Number) g.get("prefillMs")).doubleValue();
        double decodeMs = ((Number) g.get("decodeMs")).doubleValue();
        int decoded = ((Number) g.get("decodeTokens")).intValue();
        r.prefill.add(prompt.length / (prefillMs / 1000));
        r.ttft.add(prefillMs / 1000);
        r.decode.add(decoded / (decodeMs / 1000));
        s.call("engine.unload", new LinkedHashMap<>());
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** The model file, written once: SmolLM2-135M's shapes with random weights in the named type. */
    static Path model(Path cache, String name) throws IOException {
        Path file = cache.resolve(name + ".gguf");
        if (Files.exists(file)) {
            return file;
        }
        if (name.startsWith("stories260k")) { // the real trained model from ../shared, copied into the cache
            String suffix = name.equals("stories260k-q8_0") ? "-Q8_0" : name.equals("stories260k-q4_0") ? "-Q4_0" : "";
            Path src = Path.of(System.getProperty("hearth.shared", "../shared"), "models", "stories260K", "stories260K" + suffix + ".gguf");
            Files.copy(src, file);
            return file;
        }
        GgmlType type;
        if (name.endsWith("q8_0")) {
            type = GgmlType.Q8_0;
        } else if (name.endsWith("q4_0")) {
            type = GgmlType.Q4_0;
        } else if (name.endsWith("f16")) {
            type = GgmlType.F16;
        } else {
            throw new IllegalArgumentException("unknown bench model " + name + " (smollm2-135m-q8_0|q4_0|f16)");
        }
        System.err.println("writing " + file + " (once) ...");
        Path tmp = cache.resolve(name + ".gguf.part");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            RandomModels.write(RandomModels.smolLM2_135M(), type, 135, out);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    static String machine() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + ", " + Runtime.getRuntime().availableProcessors() + " cores";
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.arch") + ", " + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
