package dev.hearth.e2e.bench;

import dev.hearth.json.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench result (BenchCli.run's JSON-able map) as markdown: a header line and tables. */
final class BenchReport {
    private BenchReport() {}

    static String markdown(Map<String, Object> r) {
        StringBuilder b = new StringBuilder();
        List<Object> prompts = Json.asArray(r.get("promptTokens"));
        List<Object> load = r.containsKey("loadAverage") ? Json.asArray(r.get("loadAverage")) : List.of();
        b.append(String.format(Locale.ROOT, "%s. Machine: %s%s; WebGPU adapter: %s; %s, one page (cross-origin isolated); "
                        + "medians of %s alternating runs; prompts %s tokens, decode %s tokens; wllama with %s threads.%n%n",
                r.get("date"), r.get("machine"), load.size() == 2
                        ? String.format(Locale.ROOT, " (load average %.1f before, %.1f after)", ((Number) load.get(0)).doubleValue(),
                                ((Number) load.get(1)).doubleValue()) : "",
                r.get("adapter"), r.get("browser"), r.get("runs"), join(prompts), r.get("decodeTokens")
                        + (r.containsKey("webgpuDecodeTokens") ? " (webgpu: " + r.get("webgpuDecodeTokens") + ")" : ""),
                r.get("wllamaThreads")));
        b.append("| model | backend | load s |");
        for (Object p : prompts) {
            b.append(" prefill ").append(p).append(" tok/s |");
        }
        b.append(" TTFT s | decode tok/s | peak RSS MB | GPU MB | decode vs wllama | prefill vs wllama |\n");
        b.append("| --- | --- | ---: |");
        for (int i = 0; i < prompts.size(); i++) {
            b.append(" ---: |");
        }
        b.append(" ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Object o : Json.asArray(r.get("results"))) {
            Map<String, Object> row = Json.asObject(o);
            b.append("| ").append(row.get("model")).append(" | ").append(row.get("backend"))
                    .append(row.containsKey("note") ? " (" + row.get("note") + ")" : "").append(" | ")
                    .append(f(row.get("loadSeconds"), 2)).append(" |");
            for (Object p : prompts) {
                b.append(' ').append(f(row.get("prefill" + p + "TokensPerSecond"), 1)).append(" |");
            }
            b.append(' ').append(f(row.get("timeToFirstTokenSeconds"), 2)).append(" | ")
                    .append(f(row.get("decodeTokensPerSecond"), 2)).append(" | ")
                    .append(mb(row.get("peakMemoryBytes"))).append(" | ")
                    .append(mb(row.get("gpuBufferBytes"))).append(" | ")
                    .append(ratio(row.get("decodeRatio"))).append(" | ")
                    .append(ratio(row.get("prefillRatio"))).append(" |\n");
        }
        if (r.containsKey("roofline")) {
            Map<String, Object> roof = Json.asObject(r.get("roofline"));
            b.append(String.format(Locale.ROOT, "%nKernel roofline (%s x %s matrix, %s dispatches per submit): copy kernel %.2f GB/s (read + write).%n%n",
                    roof.get("rows"), roof.get("cols"), roof.get("dispatches"), ((Number) roof.get("copyGBps")).doubleValue()));
            b.append("| kernel | weights | GB/s (weight bytes / time) | vs copy |\n| --- | --- | ---: | ---: |\n");
            for (Object o : Json.asArray(roof.get("kernels"))) {
                Map<String, Object> k = Json.asObject(o);
                b.append("| ").append(k.get("kernel")).append(" | ").append(k.get("type")).append(" | ")
                        .append(f(k.get("GBps"), 2)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f%%", 100 * ((Number) k.get("ofCopy")).doubleValue())).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String join(List<Object> l) {
        StringBuilder b = new StringBuilder();
        for (Object o : l) {
            b.append(b.length() == 0 ? "" : " and ").append(o);
        }
        return b.toString();
    }

    private static String f(Object v, int digits) {
        return v == null ? "-" : String.format(Locale.ROOT, "%." + digits + "f", ((Number) v).doubleValue());
    }

    private static String mb(Object v) {
        if (v == null || ((Number) v).doubleValue() <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.0f", ((Number) v).doubleValue() / (1 << 20));
    }

    private static String ratio(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2fx", ((Number) v).doubleValue());
    }
}
