package dev.hearth.e2e.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The measurements of one model on one backend, one entry per run; reported as medians. */
final class BenchRow {
    final String model;
    final String backend;
    final List<Double> loadSeconds = new ArrayList<>();
    /** Prefill tokens/s, one value per prompt length, per run. */
    final List<double[]> prefill = new ArrayList<>();
    final List<Double> ttft = new ArrayList<>();
    final List<Double> decode = new ArrayList<>();
    /** Peak resident bytes of the page's renderer process (workers included) during the run. */
    final List<Double> memoryBytes = new ArrayList<>();
    /** The page's JS heap (performance.memory) after the run: the WASM-GC heap of wasm-cpu lives there. */
    final List<Double> jsHeapBytes = new ArrayList<>();
    final List<Double> gpuBytes = new ArrayList<>();
    /** wllama: how many threads it ran with. */
    String note = "";

    BenchRow(String model, String backend) {
        this.model = model;
        this.backend = backend;
    }

    double last(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
    }

    String lastPrefills() {
        if (prefill.isEmpty()) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (double p : prefill.get(prefill.size() - 1)) {
            b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", p));
        }
        return b.toString();
    }

    double medianPrefill(int k) {
        List<Double> v = new ArrayList<>();
        for (double[] p : prefill) {
            v.add(p[k]);
        }
        return median(v);
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length == 0 ? Double.NaN : a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** The wllama row of this model with the highest median decode speed, or null. */
    BenchRow fastestWllama(Map<String, BenchRow> rows) {
        BenchRow best = null;
        for (BenchRow r : rows.values()) {
            if (r.model.equals(model) && r.backend.startsWith("wllama-")
                    && (best == null || median(r.decode) > median(best.decode))) {
                best = r;
            }
        }
        return best;
    }

    Map<String, Object> toJson(int[] promptLengths, Map<String, BenchRow> rows) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model);
        o.put("backend", backend);
        o.put("loadSeconds", median(loadSeconds));
        for (int k = 0; k < promptLengths.length; k++) {
            o.put("prefill" + promptLengths[k] + "TokensPerSecond", medianPrefill(k));
        }
        o.put("timeToFirstTokenSeconds", median(ttft));
        o.put("decodeTokensPerSecond", median(decode));
        o.put("peakMemoryBytes", median(memoryBytes));
        o.put("jsHeapBytes", median(jsHeapBytes));
        o.put("gpuBufferBytes", median(gpuBytes));
        o.put("runs", (long) decode.size());
        if (!note.isEmpty()) {
            o.put("note", note);
        }
        BenchRow w = fastestWllama(rows);
        if (w != null) {
            o.put("versus", w.backend);
            o.put("decodeRatio", median(decode) / median(w.decode));
            o.put("prefillRatio", medianPrefill(0) / w.medianPrefill(0));
        }
        return o;
    }
}
