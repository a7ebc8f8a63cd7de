package dev.hearth.e2e.bench;

import dev.hearth.e2e.browser.BrowserSession;
import dev.hearth.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./hearth bench}: Hearth's in-browser backends ({@code webgpu}, {@code wasm-cpu}) and wllama
 * (llama.cpp compiled to WebAssembly; npm packages installed by the bench) side by side on the same GGUF
 * file in the same headless Chromium page, which is cross-origin isolated so wllama runs multi-threaded.
 * Models are random-weight GGUFs with real models' shapes ({@link BenchModels}). Runs alternate between
 * backends; the table shows medians and each backend's ratio to the fastest wllama. Optionally the kernel
 * roofline ({@link Roofline}): each matvec variant's GB/s against a plain copy kernel's on the same adapter.
 */
public final class BenchCli {
    private BenchCli() {}

    static final String USAGE = "usage: ./hearth bench [--json] [--runs N] [--models a,b] [--backends a,b] "
            + "[--prompts 128,512] [--decode N] [--threads N] [--wllama 2.4.0,3.13.0] [--roofline N|--no-roofline]\n"
            + "  models:   " + BenchModels.NAMES + "\n"
            + "  backends: webgpu[/ROW_PER_THREAD|/WG_PER_ROW], wasm-cpu, wllama-VERSION[/webgpu][@THREADS]\n"
            + "            (VERSION from --wllama; THREADS overrides --threads for that backend)";

    /** What one bench invocation measures. */
    static final class Options {
        boolean json;
        int runs = 3;
        List<String> models = List.of("smollm2-135m-q4_0", "smollm2-135m-q8_0");
        List<String> backends = null; // null: webgpu, wasm-cpu and every wllama version
        int[] prompts = {128, 512};
        int decode = 128;
        int threads = 2;
        List<String> wllama = WllamaPackages.DEFAULT_VERSIONS;
        /** Side of the square roofline matrix; 0 skips the roofline. */
        int roofline = 4096;
        /** Decode tokens for the webgpu backend (SwiftShader decodes slowly); -1: same as decode. */
        int webgpuDecode = -1;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hearth bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Map<String, Object> result = run(o, Path.of(System.getProperty("hearth.site", "web/target/site")),
                Path.of(System.getProperty("hearth.shared", "../shared")),
                Path.of(System.getProperty("user.home"), ".cache", "hearth", "bench"));
        System.out.println(o.json ? Json.write(result) : BenchReport.markdown(result));
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (a.equals("--json")) {
                o.json = true;
                continue;
            }
            if (a.equals("--no-roofline")) {
                o.roofline = 0;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--runs": o.runs = positive(a, v); break;
                case "--decode": o.decode = positive(a, v); break;
                case "--webgpu-decode": o.webgpuDecode = positive(a, v); break;
                case "--threads": o.threads = positive(a, v); break;
                case "--roofline": o.roofline = Integer.parseInt(v); break;
                case "--models": o.models = Arrays.asList(v.split(",")); break;
                case "--backends": o.backends = Arrays.asList(v.split(",")); break;
                case "--wllama": o.wllama = v.isEmpty() ? List.of() : Arrays.asList(v.split(",")); break;
                case "--prompts": {
                    String[] p = v.split(",");
                    o.prompts = new int[p.length];
                    for (int k = 0; k < p.length; k++) {
                        o.prompts[k] = positive(a, p[k]);
                    }
                    break;
                }
                default: throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.backends == null) {
            List<String> b = new ArrayList<>(List.of("webgpu", "wasm-cpu"));
            for (String v : o.wllama) {
                b.add("wllama-" + v);
            }
            o.backends = b;
        }
        for (String b : o.backends) {
            if (!(b.equals("webgpu") || b.startsWith("webgpu/") || b.equals("wasm-cpu") || b.startsWith("wllama-"))) {
                throw new IllegalArgumentException("unknown backend '" + b + "'");
            }
        }
        return o;
    }

    private static int positive(String flag, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException(flag + " needs a positive number, not '" + v + "'");
    }

    /** Runs the bench; answers the JSON-able result (what --json prints). A wllama npm cannot install is left out, saying so. */
    static Map<String, Object> run(Options o, Path site, Path shared, Path cache) throws Exception {
        Files.createDirectories(cache);
        List<Path> files = new ArrayList<>();
        for (String m : o.models) {
            files.add(BenchModels.file(cache, shared, m));
        }
        List<Object[]> mounts = new ArrayList<>();
        mounts.add(new Object[] {"/bench/models/", cache});
        mounts.add(new Object[] {"/bench/js/", scriptFolder(cache)});
        Map<String, String> wllamaLib = new LinkedHashMap<>();
        List<String> backends = new ArrayList<>();
        for (String b : o.backends) {
            if (b.startsWith("wllama-")) {
                String version = wllamaVersion(b);
                if (!wllamaLib.containsKey(version)) {
                    try {
                        Path pkg = WllamaPackages.install(cache, version);
                        mounts.add(new Object[] {"/bench/wllama-" + version + "/", pkg.resolve("esm")});
                        wllamaLib.put(version, "/bench/wllama-" + version + "/");
                    } catch (WllamaPackages.UnavailableException e) {
                        System.err.println("bench: WITHOUT " + b + ": " + e.getMessage());
                        continue;
                    }
                }
            }
            backends.add(b);
        }
        Map<String, BenchRow> rows = new LinkedHashMap<>();
        double loadBefore = Machine.loadAverage();
        Map<String, Object> adapter;
        Map<String, Object> roofline = null;
        try (BrowserSession s = new BrowserSession(site, mounts, "wasm-gc", true)) {
            if (Boolean.getBoolean("hearth.bench.verbose")) { // -Dhearth.bench.verbose=true: every console line
                s.page().onConsoleMessage(m -> {
                    if (!"error".equals(m.type())) {
                        System.err.println("[page " + m.type() + "] " + m.text());
                    }
                });
            }
            adapter = Json.asObject(Json.parse(Json.write(s.call("gpuInfo", new LinkedHashMap<>()))));
            Object isolated = s.page().evaluate("() => self.crossOriginIsolated");
            if (!Boolean.TRUE.equals(isolated)) {
                System.err.println("bench: the page is not cross-origin isolated: wllama runs single-threaded");
            }
            boolean webgpu = backends.stream().anyMatch(b -> b.startsWith("webgpu"));
            if (webgpu && o.webgpuDecode < 0 && "swiftshader".equals(adapter.get("architecture"))) {
                o.webgpuDecode = Math.min(o.decode, 16);
                System.err.println("bench: WebGPU is SwiftShader (the CPU): webgpu decodes " + o.webgpuDecode
                        + " tokens (--webgpu-decode N to change)");
            }
            if (o.roofline > 0) {
                roofline = Roofline.measure(s, o.roofline);
            }
            for (int run = 0; run < o.runs; run++) {
                for (int mi = 0; mi < o.models.size(); mi++) {
                    String m = o.models.get(mi);
                    for (String b : backends) { // alternate: every backend once per round
                        BenchRow r = rows.computeIfAbsent(m + " " + b, k -> new BenchRow(m, b));
                        int[][] prompts = prompts(o.prompts, run);
                        int decode = b.startsWith("webgpu") && o.webgpuDecode > 0 ? o.webgpuDecode : o.decode;
                        RendererMemory.reset();
                        if (b.startsWith("wllama-")) {
                            measureWllama(s, wllamaLib.get(wllamaVersion(b)), wllamaVersion(b), b.contains("/webgpu"),
                                    "/bench/models/" + files.get(mi).getFileName(), prompts, decode, wllamaThreads(b, o.threads), r);
                        } else {
                            measureHearth(s, b, "/bench/models/" + files.get(mi).getFileName(), prompts, decode, r);
                        }
                        System.err.printf(Locale.ROOT, "bench: run %d/%d %s %s: load %.2f s, prefill %s tok/s, decode %.2f tok/s%n",
                                run + 1, o.runs, m, b, r.last(r.loadSeconds), r.lastPrefills(), r.last(r.decode));
                    }
                }
            }
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        all.put("machine", Machine.describe());
        all.put("adapter", adapter.get("vendor") + " / " + adapter.get("architecture"));
        all.put("browser", "headless Chromium");
        all.put("loadAverage", List.of(loadBefore, Machine.loadAverage())); // 1-minute load average before and after
        all.put("runs", (long) o.runs);
        List<Object> prompts = new ArrayList<>();
        for (int p : o.prompts) {
            prompts.add((long) p);
        }
        all.put("promptTokens", prompts);
        all.put("decodeTokens", (long) o.decode);
        if (o.webgpuDecode > 0) {
            all.put("webgpuDecodeTokens", (long) o.webgpuDecode);
        }
        all.put("wllamaThreads", (long) o.threads);
        List<Object> out = new ArrayList<>();
        for (BenchRow r : rows.values()) {
            out.add(r.toJson(o.prompts, rows));
        }
        all.put("results", out);
        if (roofline != null) {
            all.put("roofline", roofline);
        }
        return all;
    }

    /** "wllama-2.4.0/webgpu@1" -> "2.4.0". */
    static String wllamaVersion(String backend) {
        String v = backend.substring("wllama-".length());
        int at = v.indexOf('@');
        v = at < 0 ? v : v.substring(0, at);
        return v.endsWith("/webgpu") ? v.substring(0, v.length() - "/webgpu".length()) : v;
    }

    /** "wllama-2.4.0@1" -> 1; without '@' the --threads value. */
    static int wllamaThreads(String backend, int threads) {
        int at = backend.indexOf('@');
        return at < 0 ? threads : positive("backend " + backend, backend.substring(at + 1));
    }

    /**
     * The prompts of one round: token ids valid in every bench vocabulary (filler pieces 259..458; stories260K
     * has 512 tokens), different in each round and each prompt so that nothing can be served from a cache.
     */
    static int[][] prompts(int[] lengths, int round) {
        int[][] p = new int[lengths.length][];
        for (int k = 0; k < lengths.length; k++) {
            p[k] = new int[lengths[k]];
            for (int i = 0; i < lengths[k]; i++) {
                p[k][i] = 259 + (int) (((long) i * 7919 + round * 131L + k * 17L) % 200);
            }
        }
        return p;
    }

    private static List<Object> list(int[] ids) {
        List<Object> l = new ArrayList<>();
        for (int t : ids) {
            l.add(t);
        }
        return l;
    }

    /** One load + generations with a Hearth backend through the page's engine ops. */
    @SuppressWarnings("unchecked")
    static void measureHearth(BrowserSession s, String backend, String url, int[][] prompts, int decode, BenchRow r) {
        int longest = 0;
        for (int[] p : prompts) {
            longest = Math.max(longest, p.length);
        }
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", url);
        load.put("backend", backend.startsWith("webgpu") ? "webgpu" : backend);
        if (backend.startsWith("webgpu/")) {
            load.put("strategy", backend.substring("webgpu/".length()));
        }
        load.put("contextSize", Math.max(longest, prompts[0].length + decode) + 8);
        Map<String, Object> info = (Map<String, Object>) s.call("engine.load", load);
        r.loadSeconds.add(num(info.get("loadMs")) / 1000);
        r.gpuBytes.add(info.containsKey("bytesOnGpu") ? num(info.get("bytesOnGpu")) : 0);
        double[] prefill = new double[prompts.length];
        for (int k = 0; k < prompts.length; k++) {
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("prompt", list(prompts[k]));
            gen.put("n", k == 0 ? decode + 1 : 1);
            Map<String, Object> g = (Map<String, Object>) s.call("engine.generate", gen);
            double prefillMs = num(g.get("prefillMs"));
            prefill[k] = prompts[k].length / (prefillMs / 1000);
            if (k == 0) {
                r.ttft.add(prefillMs / 1000);
                r.decode.add(num(g.get("decodeTokens")) / (num(g.get("decodeMs")) / 1000));
            }
        }
        r.prefill.add(prefill);
        r.jsHeapBytes.add(num(s.page().evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : -1")));
        r.memoryBytes.add(RendererMemory.peakBytes());
        s.call("engine.unload", new LinkedHashMap<>());
    }

    /** One load + generations with wllama in the same page (its workers). */
    @SuppressWarnings("unchecked")
    static void measureWllama(BrowserSession s, String lib, String version, boolean gpu, String url, int[][] prompts,
                              int decode, int threads, BenchRow r) {
        int longest = 0;
        List<Object> ps = new ArrayList<>();
        for (int[] p : prompts) {
            longest = Math.max(longest, p.length);
            ps.add(list(p));
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("lib", lib + "index.js");
        a.put("assets", lib);
        a.put("major", Integer.parseInt(version.substring(0, version.indexOf('.'))));
        a.put("model", url);
        a.put("prompts", ps);
        a.put("decode", decode);
        a.put("threads", threads);
        a.put("contextSize", Math.max(longest, prompts[0].length + decode) + 8);
        a.put("gpu", gpu);
        a.put("verbose", Boolean.getBoolean("hearth.bench.verbose"));
        Map<String, Object> res = (Map<String, Object>) s.page().evaluate(
                "async a => (await import('/bench/js/wllama-bench.js')).run(a)", a);
        r.loadSeconds.add(num(res.get("loadMs")) / 1000);
        r.gpuBytes.add(0.0);
        r.jsHeapBytes.add(num(res.get("jsHeapBytes")));
        r.memoryBytes.add(RendererMemory.peakBytes());
        r.note = Boolean.TRUE.equals(res.get("multiThread")) ? Math.round(num(res.get("threads"))) + " threads" : "1 thread";
        List<Object> runs = (List<Object>) res.get("runs");
        double[] prefill = new double[prompts.length];
        for (int k = 0; k < runs.size(); k++) {
            Map<String, Object> g = (Map<String, Object>) runs.get(k);
            double prefillMs = num(g.get("prefillMs"));
            prefill[k] = num(g.get("promptTokens")) / (prefillMs / 1000);
            if (k == 0) {
                r.ttft.add(prefillMs / 1000);
                r.decode.add(num(g.get("decodeTokens")) / (num(g.get("decodeMs")) / 1000));
            }
        }
        r.prefill.add(prefill);
    }

    static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    /** The folder holding wllama-bench.js (the classes folder, or a copy in the cache when run from a jar). */
    static Path scriptFolder(Path cache) throws IOException, URISyntaxException {
        URL u = BenchCli.class.getResource("/bench/wllama-bench.js");
        if (u == null) {
            throw new IllegalStateException("bench/wllama-bench.js is missing from the classpath: rebuild e2e-tests");
        }
        if (u.getProtocol().equals("file")) {
            return Path.of(u.toURI()).getParent();
        }
        Path dir = cache.resolve("js");
        Files.createDirectories(dir);
        try (InputStream in = u.openStream()) {
            Files.copy(in, dir.resolve("wllama-bench.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }
}
