package dev.hearth.gpu.kernels;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs one kernel on fresh random input on the GPU and compares it with its Java reference.
 * Arguments (JSON): {@code kernel} ("add", "rms_norm", "matvec"), shape fields ({@code n},
 * {@code rows}, {@code batch}), {@code format} and {@code strategy} for matvec, {@code seed}, and
 * {@code corrupt} (alter one GPU value first: proves a wrong result fails). The answer gives the
 * largest absolute and relative error, the error measure and its tolerance, and {@code ok}.
 */
public final class KernelChecks {
    private KernelChecks() {}

    public static String run(Gpu gpu, String argsJson) {
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        String kernel = (String) a.get("kernel");
        long seed = num(a, "seed", System.nanoTime());
        Random rnd = new Random(seed);
        Comparison c;
        switch (kernel) {
            case "add":
                c = add(gpu, rnd, (int) num(a, "n", 1000));
                break;
            case "rms_norm":
                c = rmsNorm(gpu, rnd, (int) num(a, "rows", 3), (int) num(a, "n", 576));
                break;
            case "matvec":
                c = matvec(gpu, rnd, GpuWeight.Format.valueOf((String) a.getOrDefault("format", "F32")),
                        MatVec.Strategy.valueOf((String) a.getOrDefault("strategy", "ROW_PER_THREAD")),
                        (int) num(a, "rows", 100), (int) num(a, "n", 256), (int) num(a, "batch", 1));
                break;
            default:
                throw new IllegalArgumentException("unknown kernel '" + kernel + "'");
        }
        if (Boolean.TRUE.equals(a.get("corrupt")) && c.gpu.length > 0) {
            c.gpu[c.gpu.length / 2] += 1.0f + Math.abs(c.gpu[c.gpu.length / 2]);
        }
        Map<String, Object> r = c.report();
        r.put("kernel", kernel);
        r.put("seed", seed);
        return Json.write(r);
    }

    private static long num(Map<String, Object> a, String key, long dflt) {
        Object v = a.get(key);
        return v instanceof Number ? ((Number) v).longValue() : dflt;
    }

    /** The GPU's and the reference's outputs, and per element the scale the error is measured against. */
    private static final class Comparison {
        float[] gpu;
        float[] expected;
        /** error measure: |gpu - ref| / scale[i]; scale 1 means absolute error */
        double[] scale;
        double tolerance;
        String measure;

        Map<String, Object> report() {
            double maxAbs = 0;
            double maxRel = 0;
            double maxNorm = 0;
            boolean finite = gpu.length == expected.length;
            for (int i = 0; i < Math.min(gpu.length, expected.length); i++) {
                double d = Math.abs((double) gpu[i] - expected[i]);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    finite = false;
                    continue;
                }
                maxAbs = Math.max(maxAbs, d);
                maxRel = Math.max(maxRel, d / Math.max(1e-30, Math.abs(expected[i])));
                maxNorm = Math.max(maxNorm, d / scale[i]);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("length", (long) gpu.length);
            r.put("expectedLength", (long) expected.length);
            r.put("maxAbsErr", maxAbs);
            r.put("maxRelErr", maxRel);
            r.put("errorMeasure", measure);
            r.put("maxErr", maxNorm);
            r.put("tolerance", tolerance);
            r.put("finite", finite);
            r.put("ok", finite && maxNorm <= tolerance);
            return r;
        }
    }

    private static float[] gaussian(Random rnd, int n, double std) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextGaussian() * std);
        }
        return v;
    }

    private static double[] ones(int n) {
        double[] s = new double[n];
        java.util.Arrays.fill(s, 1.0);
        return s;
    }

    private static Comparison add(Gpu gpu, Random rnd, int n) {
        float[] a = gaussian(rnd, n, 10);
        float[] b = gaussian(rnd, n, 10);
        GPUBuffer ga = gpu.upload(a, "a");
        GPUBuffer gb = gpu.upload(b, "b");
        GPUBuffer out = gpu.storage(4L * n, "out");
        new ElementwiseKernels(gpu).add(ga, gb, out, n);
        Comparison c = new Comparison();
        c.gpu = gpu.readFloats(out, n);
        c.expected = ElementwiseReference.add(a, b);
        c.scale = ones(n);
        c.measure = "absolute (f32 addition is exact)";
        c.tolerance = 0;
        ga.destroy();
        gb.destroy();
        out.destroy();
        return c;
    }

    private static Comparison rmsNorm(Gpu gpu, Random rnd, int rows, int n) {
        float[] x = gaussian(rnd, rows * n, 3);
        float[] w = gaussian(rnd, n, 1);
        float eps = 1e-5f;
        GPUBuffer gx = gpu.upload(x, "x");
        GPUBuffer gw = gpu.upload(w, "w");
        GPUBuffer out = gpu.storage(4L * rows * n, "out");
        gpu.run(Norm.rmsNorm(gpu, gx, gw, out, rows, n, eps));
        Comparison c = new Comparison();
        c.gpu = gpu.readFloats(out, rows * n);
        c.expected = NormReference.rmsNorm(x, w, rows, n, eps);
        c.scale = new double[rows * n];
        for (int i = 0; i < rows * n; i++) {
            c.scale[i] = Math.max(1e-6, Math.abs(c.expected[i]));
        }
        c.measure = "relative";
        c.tolerance = 1e-5;
        gx.destroy();
        gw.destroy();
        out.destroy();
        return c;
    }

    /** Random ggml blocks: f16 scales between 2^-7 and 2^-2, random quants. */
    private static byte[] randomBlocks(Random rnd, GpuWeight.Format format, int blocks) {
        int bytes = format == GpuWeight.Format.Q8_0 ? QuantRepack.Q8_0_BYTES : QuantRepack.Q4_0_BYTES;
        byte[] raw = new byte[blocks * bytes];
        rnd.nextBytes(raw);
        for (int b = 0; b < blocks; b++) {
            int half = (8 + rnd.nextInt(6)) << 10 | rnd.nextInt(1024) | (rnd.nextBoolean() ? 0x8000 : 0);
            raw[b * bytes] = (byte) half;
            raw[b * bytes + 1] = (byte) (half >> 8);
        }
        return raw;
    }

    private static Comparison matvec(Gpu gpu, Random rnd, GpuWeight.Format format, MatVec.Strategy strategy,
            int rows, int n, int batch) {
        float[] x = gaussian(rnd, batch * n, 1);
        float[] w;
        GpuWeight gw;
        if (format == GpuWeight.Format.F32) {
            w = gaussian(rnd, rows * n, 0.05);
            gw = GpuWeight.f32(gpu, w, rows, n, "w");
        } else {
            byte[] raw = randomBlocks(rnd, format, rows * n / 32);
            w = QuantRepack.dequantize(raw, format == GpuWeight.Format.Q8_0, rows * n / 32);
            gw = GpuWeight.quantized(gpu, format, raw, rows, n, "w");
        }
        GPUBuffer gx = gpu.upload(x, "x");
        GPUBuffer out = gpu.storage(4L * batch * rows, "out");
        Dispatch d = MatVec.prepare(gpu, gw, gx, out, batch, strategy);
        gpu.run(d);
        Comparison c = new Comparison();
        c.gpu = gpu.readFloats(out, batch * rows);
        c.expected = MatVecReference.matvec(w, x, rows, n, batch);
        // f32 accumulation error grows with the magnitudes summed: measure against sum |w_i x_i|.
        c.scale = new double[batch * rows];
        for (int b = 0; b < batch; b++) {
            for (int r = 0; r < rows; r++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += Math.abs((double) w[r * n + i] * x[b * n + i]);
                }
                c.scale[b * rows + r] = Math.max(1e-12, s);
            }
        }
        c.measure = "|gpu - ref| / sum|w*x|";
        c.tolerance = 1e-5;
        gw.destroy();
        gx.destroy();
        out.destroy();
        return c;
    }
}
