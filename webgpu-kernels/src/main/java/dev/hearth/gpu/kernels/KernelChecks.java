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
                c = Boolean.TRUE.equals(a.get("add")) ? addRmsNorm(gpu, rnd, (int) num(a, "rows", 3), (int) num(a, "n", 576))
                        : rmsNorm(gpu, rnd, (int) num(a, "rows", 3), (int) num(a, "n", 576));
                break;
            case "store":
                c = store(gpu, rnd, KvCache.valueOf((String) a.getOrDefault("kv", "F32")), Boolean.TRUE.equals(a.get("pair")),
                        (int) num(a, "batch", 3), (int) num(a, "row", 96), (int) num(a, "pos0", 5));
                break;
            case "matvec":
                c = matvec(gpu, rnd, GpuWeight.Format.valueOf((String) a.getOrDefault("format", "F32")),
                        MatVec.Strategy.valueOf((String) a.getOrDefault("strategy", "ROW_PER_THREAD")),
                        (int) num(a, "rows", 100), (int) num(a, "n", 256), (int) num(a, "batch", 1));
                break;
            case "add_to":
            case "add_row":
                c = addInPlace(gpu, rnd, kernel.equals("add_row"), (int) num(a, "n", 1000), (int) num(a, "row", 10));
                break;
            case "rope":
                c = rope(gpu, rnd, Boolean.TRUE.equals(a.get("neox")), (int) num(a, "batch", 2), (int) num(a, "heads", 4),
                        (int) num(a, "heads2", 0), (int) num(a, "headDim", 64), (int) num(a, "rotDims", 64),
                        (int) num(a, "pos0", 5));
                break;
            case "gated":
                c = gated(gpu, rnd, Boolean.TRUE.equals(a.get("gelu")), Boolean.TRUE.equals(a.get("fused")),
                        (int) num(a, "batch", 2), (int) num(a, "n", 172));
                break;
            case "attention":
                c = attention(gpu, rnd, (int) num(a, "batch", 1), (int) num(a, "nHead", 8), (int) num(a, "nKv", 4),
                        (int) num(a, "headDim", 8), (int) num(a, "pos0", 10), (int) num(a, "ctx", 128),
                        (int) num(a, "window", 0), (String) a.getOrDefault("variant", "single"),
                        KvCache.valueOf((String) a.getOrDefault("kv", "F32")));
                break;
            case "argmax":
                c = argmax(gpu, rnd, (int) num(a, "n", 32000), Boolean.TRUE.equals(a.get("ties")));
                break;
            case "round":
                c = round(gpu, rnd, GpuWeight.Rounding.valueOf((String) a.get("mode")), (int) num(a, "batch", 2),
                        (int) num(a, "n", 256));
                break;
            case "top_k":
                c = topK(gpu, rnd, (int) num(a, "n", 32000), (int) num(a, "k", 40));
                break;
            case "repack":
                c = repack(gpu, rnd, (String) a.get("type"), (int) num(a, "rows", 7), (int) num(a, "n", 64));
                break;
            case "embed":
                c = embed(gpu, rnd, GpuWeight.Format.valueOf((String) a.getOrDefault("format", "F32")),
                        (int) num(a, "vocab", 100), (int) num(a, "dim", 64), (int) num(a, "batch", 3));
                break;
            default:
                throw new IllegalArgumentException("unknown kernel '" + kernel + "'");
        }
        if (Boolean.TRUE.equals(a.get("corrupt")) && c.gpu.length > 0) {
            c.gpu[c.gpu.length / 2] += 1.0f; // one value off by 1: the comparison must catch it
        }
        Map<String, Object> r = c.report();
        r.put("kernel", kernel);
        r.put("seed", seed);
        return Json.write(r);
    }

    /** JSON has no NaN: a non-finite value is reported as text. */
    private static Object finiteOrText(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? Double.toString(v) : (Object) v;
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
        /** elements allowed above the tolerance (a rounding decision flipped by a last-bit difference) */
        int allowedOutliers;

        Map<String, Object> report() {
            double maxAbs = 0;
            double maxRel = 0;
            double maxNorm = 0;
            int outliers = 0;
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
                if (d / scale[i] > tolerance) {
                    outliers++;
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("length", (long) gpu.length);
            r.put("expectedLength", (long) expected.length);
            r.put("maxAbsErr", maxAbs);
            r.put("maxRelErr", maxRel);
            r.put("errorMeasure", measure);
            r.put("maxErr", maxNorm);
            r.put("tolerance", tolerance);
            r.put("outliers", (long) outliers);
            r.put("allowedOutliers", (long) allowedOutliers);
            r.put("finite", finite);
            r.put("ok", finite && outliers <= allowedOutliers);
            if (gpu.length > 0 && expected.length > 0) { // one value of each side, for the log
                r.put("lastGpu", finiteOrText(gpu[gpu.length - 1]));
                r.put("lastExpected", finiteOrText(expected[expected.length - 1]));
            }
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

    /** norm.wgsl ADD: x += branch, branch = rmsnorm(x) * w; both buffers compared (x, then branch). */
    private static Comparison addRmsNorm(Gpu gpu, Random rnd, int rows, int n) {
        float[] x = gaussian(rnd, rows * n, 3);
        float[] b = gaussian(rnd, rows * n, 3);
        float[] w = gaussian(rnd, n, 1);
        float eps = 1e-5f;
        float[] sum = new float[rows * n];
        for (int i = 0; i < sum.length; i++) {
            sum[i] = x[i] + b[i];
        }
        float[] normed = NormReference.rmsNorm(sum, w, rows, n, eps);
        GPUBuffer gx = gpu.upload(x, "x");
        GPUBuffer gb = gpu.upload(b, "branch");
        GPUBuffer gw = gpu.upload(w, "w");
        gpu.run(Norm.addRmsNorm(gpu, gx, gb, gw, rows, n, eps));
        float[] got = new float[2 * rows * n];
        System.arraycopy(gpu.readFloats(gx, rows * n), 0, got, 0, rows * n);
        System.arraycopy(gpu.readFloats(gb, rows * n), 0, got, rows * n, rows * n);
        float[] expected = new float[2 * rows * n];
        System.arraycopy(sum, 0, expected, 0, rows * n);
        System.arraycopy(normed, 0, expected, rows * n, rows * n);
        Comparison c = relative(got, expected, 1e-6, 1e-5);
        for (GPUBuffer g : new GPUBuffer[] {gx, gb, gw}) {
            g.destroy();
        }
        return c;
    }

    /**
     * The store kernel (pair: K and V at once) into caches of ctx = pos0 + batch + 2 rows: the step's rows land
     * at pos0.., rounded to F16 for an F16 cache, and the rows around them keep their old values.
     */
    private static Comparison store(Gpu gpu, Random rnd, KvCache kv, boolean pair, int batch, int row, int pos0) {
        if (kv == KvCache.F16 && !gpu.shaderF16()) {
            throw new IllegalArgumentException("kv F16 needs the shader-f16 feature, which this adapter lacks");
        }
        int ctx = pos0 + batch + 2;
        int caches = pair ? 2 : 1;
        float[][] src = new float[caches][];
        float[][] old = new float[caches][];
        GPUBuffer[] gsrc = new GPUBuffer[caches];
        GPUBuffer[] gcache = new GPUBuffer[caches];
        for (int j = 0; j < caches; j++) {
            src[j] = gaussian(rnd, batch * row, 2);
            old[j] = gaussian(rnd, ctx * row, 1);
            for (int i = 0; i < old[j].length; i++) {
                old[j][i] = kv == KvCache.F32 ? old[j][i] : Reference.f16(old[j][i]);
            }
            gsrc[j] = gpu.upload(src[j], "src");
            gcache[j] = kv == KvCache.F16 ? gpu.upload(halves(old[j]), "cache") : gpu.upload(old[j], "cache");
        }
        ElementwiseKernels ew = new ElementwiseKernels(gpu);
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(pos0, batch);
        gpu.run(pair ? ew.storePair(gcache[0], gsrc[0], gcache[1], gsrc[1], step, batch, row, kv)
                : ew.store(gcache[0], gsrc[0], step, batch, row, kv));
        float[] got = new float[caches * ctx * row];
        float[] expected = new float[caches * ctx * row];
        for (int j = 0; j < caches; j++) {
            float[] back;
            if (kv == KvCache.F16) {
                float[] words = gpu.readFloats(gcache[j], (ctx * row + 1) / 2);
                back = new float[ctx * row];
                for (int i = 0; i < back.length; i++) {
                    int bits = Float.floatToRawIntBits(words[i / 2]) >>> (16 * (i % 2));
                    back[i] = dev.hearth.tensor.Half.toFloat(bits & 0xffff);
                }
            } else {
                back = gpu.readFloats(gcache[j], ctx * row);
            }
            System.arraycopy(back, 0, got, j * ctx * row, ctx * row);
            System.arraycopy(old[j], 0, expected, j * ctx * row, ctx * row);
            for (int i = 0; i < batch * row; i++) {
                expected[j * ctx * row + pos0 * row + i] = kv == KvCache.F32 ? src[j][i] : Reference.f16(src[j][i]);
            }
            gsrc[j].destroy();
            gcache[j].destroy();
        }
        step.destroy();
        return exact(got, expected, "exact (a copy, or the nearest F16)");
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

    /** Random K-quant super-blocks: random bytes, with sane f16 scales (2^-9 .. 2^-4) where the layout keeps them. */
    private static byte[] randomKBlocks(Random rnd, GpuWeight.Format format, int blocks) {
        int bytes = format == GpuWeight.Format.Q4_K ? 144 : 210;
        byte[] raw = new byte[blocks * bytes];
        rnd.nextBytes(raw);
        for (int b = 0; b < blocks; b++) {
            int[] at = format == GpuWeight.Format.Q4_K ? new int[] {0, 2} : new int[] {208};
            for (int o : at) {
                int half = (6 + rnd.nextInt(5)) << 10 | rnd.nextInt(1024);
                raw[b * bytes + o] = (byte) half;
                raw[b * bytes + o + 1] = (byte) (half >> 8);
            }
        }
        return raw;
    }

    /** The reference decoding of K-quant blocks: agent-java's dequantizer (bit-identical to llama.cpp's). */
    private static float[] kDequantize(GpuWeight.Format format, byte[] raw, int values) {
        dev.hearth.tensor.GgmlType t = format == GpuWeight.Format.Q4_K ? dev.hearth.tensor.GgmlType.Q4_K
                : dev.hearth.tensor.GgmlType.Q6_K;
        float[] out = new float[values];
        dev.hearth.tensor.Tensors.fromBytes(t, values, raw).dequantize(0, out, 0, values);
        return out;
    }

    private static Comparison matvec(Gpu gpu, Random rnd, GpuWeight.Format format, MatVec.Strategy strategy,
            int rows, int n, int batch) {
        float[] x = gaussian(rnd, batch * n, 1);
        float[] w;
        GpuWeight gw;
        if (format == GpuWeight.Format.F32) {
            w = gaussian(rnd, rows * n, 0.05);
            gw = GpuWeight.f32(gpu, w, rows, n, "w");
        } else if (format == GpuWeight.Format.F16) {
            w = f16Values(gpu, gaussian(rnd, rows * n, 0.05));
            gw = GpuWeight.of(format, rows, n, gpu.upload(halves(w), "w"), null);
        } else if (format.chunk == 256) {
            byte[] raw = randomKBlocks(rnd, format, rows * n / 256);
            w = kDequantize(format, raw, rows * n);
            gw = GpuWeight.kquant(gpu, format, raw, rows, n, "w");
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

    private static Comparison exact(float[] gpuOut, float[] expected, String measure) {
        Comparison c = new Comparison();
        c.gpu = gpuOut;
        c.expected = expected;
        c.scale = ones(expected.length);
        c.measure = measure;
        c.tolerance = 0;
        return c;
    }

    /** Error relative to the output's own magnitude (plus a floor), for smooth single-pass ops. */
    private static Comparison relative(float[] gpuOut, float[] expected, double floor, double tolerance) {
        Comparison c = new Comparison();
        c.gpu = gpuOut;
        c.expected = expected;
        c.scale = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            c.scale[i] = Math.max(floor, Math.abs(expected[i]));
        }
        c.measure = "|gpu - ref| / max(" + floor + ", |ref|)";
        c.tolerance = tolerance;
        return c;
    }

    private static Comparison addInPlace(Gpu gpu, Random rnd, boolean row, int n, int rowLen) {
        float[] acc = gaussian(rnd, n, 10);
        float[] b = gaussian(rnd, row ? rowLen : n, 10);
        GPUBuffer ga = gpu.upload(acc, "acc");
        GPUBuffer gb = gpu.upload(b, "b");
        ElementwiseKernels k = new ElementwiseKernels(gpu);
        gpu.run(row ? k.addRow(ga, gb, n, rowLen) : k.addTo(ga, gb, n));
        float[] expected = new float[n];
        for (int i = 0; i < n; i++) {
            expected[i] = acc[i] + b[row ? i % rowLen : i];
        }
        Comparison c = exact(gpu.readFloats(ga, n), expected, "absolute (f32 addition is exact)");
        ga.destroy();
        gb.destroy();
        return c;
    }

    /** rope.wgsl; heads2 > 0: the PAIR variant on a second buffer of heads2 heads too (q and k at once). */
    private static Comparison rope(Gpu gpu, Random rnd, boolean neox, int batch, int heads, int heads2, int headDim,
            int rotDims, int pos0) {
        int ctx = pos0 + batch;
        float[] table = RopeTable.compute(ctx, rotDims, 10000.0, 1.0);
        float[] x = gaussian(rnd, batch * heads * headDim, 1);
        float[] x2 = gaussian(rnd, batch * heads2 * headDim, 1);
        float[] expected = new float[x.length + x2.length];
        float[] e1 = java.util.Arrays.copyOf(x, x.length); // not clone(): TeaVM 0.15 WASM-GC fails to compile array clone()
        float[] e2 = java.util.Arrays.copyOf(x2, x2.length);
        Reference.rope(e1, batch, heads, headDim, rotDims, pos0, table, neox);
        Reference.rope(e2, batch, heads2, headDim, rotDims, pos0, table, neox);
        System.arraycopy(e1, 0, expected, 0, e1.length);
        System.arraycopy(e2, 0, expected, e1.length, e2.length);
        GPUBuffer gx = gpu.upload(x, "x");
        GPUBuffer gx2 = gpu.upload(x2, "x2");
        GPUBuffer gt = gpu.upload(table, "rope.table");
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(pos0, batch);
        gpu.run(heads2 > 0 ? ops.ropePair(gx, gx2, gt, step, batch, heads, heads2, headDim, rotDims, neox)
                : ops.rope(gx, gt, step, batch, heads, headDim, rotDims, neox));
        float[] got = new float[expected.length];
        System.arraycopy(gpu.readFloats(gx, x.length), 0, got, 0, x.length);
        if (heads2 > 0) {
            System.arraycopy(gpu.readFloats(gx2, x2.length), 0, got, x.length, x2.length);
        }
        Comparison c = relative(got, expected, 1e-3, 1e-5);
        gx.destroy();
        gx2.destroy();
        gt.destroy();
        step.destroy();
        return c;
    }

    private static Comparison gated(Gpu gpu, Random rnd, boolean gelu, boolean fused, int batch, int n) {
        float[] gate = gaussian(rnd, batch * n, 3);
        float[] up = gaussian(rnd, batch * n, 1);
        float[] expected = Reference.gated(gate, up, batch, n, gelu);
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(0, batch);
        GPUBuffer out = gpu.storage(4L * batch * n, "out");
        GPUBuffer gg;
        GPUBuffer gu;
        if (fused) { // phi3: one buffer (batch, 2n) holding gate then up per row
            float[] both = new float[batch * 2 * n];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(gate, b * n, both, b * 2 * n, n);
                System.arraycopy(up, b * n, both, b * 2 * n + n, n);
            }
            gg = gpu.upload(both, "gate_up");
            gu = gg;
            gpu.run(ops.gated(gg, gu, out, step, batch, n, 2 * n, 0, 2 * n, n, gelu));
        } else {
            gg = gpu.upload(gate, "gate");
            gu = gpu.upload(up, "up");
            gpu.run(ops.gated(gg, gu, out, step, batch, n, n, 0, n, 0, gelu));
        }
        // Rounding happens at the scale of the operands: measure against |g * u| (near-zero outputs of
        // a large negative g are cancellation noise, not errors).
        Comparison c = relative(gpu.readFloats(out, batch * n), expected, 1e-3, 2e-5);
        for (int i = 0; i < batch * n; i++) {
            c.scale[i] = Math.max(c.scale[i], Math.abs((double) gate[i] * up[i]));
        }
        c.measure = "|gpu - ref| / max(0.001, |ref|, |gate * up|)";
        gg.destroy();
        gu.destroy();
        out.destroy();
        step.destroy();
        return c;
    }

    /**
     * One of the attention kernels ({@code variant}: "single" attention.wgsl, "prefill" the tiled
     * attention_prefill.wgsl, "split" the split-sequence decode) against Reference.attention. With an F16
     * cache the keys and values are F16-rounded, as the store kernel leaves them (for kv F16 uploaded as
     * f16 bits, which needs an adapter with shader-f16).
     */
    private static Comparison attention(Gpu gpu, Random rnd, int batch, int nHead, int nKv, int headDim, int pos0,
            int ctx, int window, String variant, KvCache kv) {
        if (kv == KvCache.F16 && !gpu.shaderF16()) {
            throw new IllegalArgumentException("kv F16 needs the shader-f16 feature, which this adapter lacks");
        }
        boolean kvF16 = kv != KvCache.F32;
        int win = window <= 0 ? ctx : window;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        float[] q = gaussian(rnd, batch * nHead * headDim, 1);
        float[] k = gaussian(rnd, ctx * nKv * headDim, 1);
        float[] v = gaussian(rnd, ctx * nKv * headDim, 1);
        float[] vAbs = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            if (kvF16) {
                k[i] = Reference.f16(k[i]);
                v[i] = Reference.f16(v[i]);
            }
            vAbs[i] = Math.abs(v[i]);
        }
        float[] expected = Reference.attention(q, k, v, batch, nHead, nKv, headDim, pos0, scale, win, kvF16);
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(pos0, batch);
        GPUBuffer gq = gpu.upload(q, "q");
        GPUBuffer gk = kv == KvCache.F16 ? gpu.upload(halves(k), "kcache") : gpu.upload(k, "kcache");
        GPUBuffer gv = kv == KvCache.F16 ? gpu.upload(halves(v), "vcache") : gpu.upload(v, "vcache");
        GPUBuffer att = gpu.storage(4L * batch * nHead * ctx, "att");
        GPUBuffer out = gpu.storage(4L * batch * nHead * headDim, "out");
        switch (variant) {
            case "single":
                gpu.run(ops.attention(gq, gk, gv, att, out, step, batch, nHead, nKv, headDim, ctx, scale, win, kv));
                break;
            case "prefill":
                gpu.run(ops.attentionPrefill(gq, gk, gv, out, step, batch, nHead, nKv, headDim, ctx, scale, win, kv));
                break;
            case "split": {
                if (batch != 1) {
                    throw new IllegalArgumentException("split attention decodes one token, not " + batch);
                }
                int chunks = Ops.splitChunks(ctx);
                GPUBuffer part = gpu.storage(4L * nHead * chunks * 2, "part");
                GPUBuffer pout = gpu.storage(4L * nHead * chunks * headDim, "pout");
                gpu.run(ops.attentionSplit(gq, gk, gv, att, part, pout, out, step, nHead, nKv, headDim, ctx, scale, win, kv));
                gpu.readFloats(out, 1); // the run is done before its scratch goes
                part.destroy();
                pout.destroy();
                break;
            }
            default:
                throw new IllegalArgumentException("unknown attention variant '" + variant + "'");
        }
        // The output is a weighted mean of values: measure the error against the same mean of |v|, the
        // scale its rounding happens at. With kvF16, one weight whose F16 rounding flips on a last-bit
        // difference moves an output by up to 2^-11 of that scale: 1e-3 allows two such flips.
        float[] magnitude = Reference.attention(q, k, vAbs, batch, nHead, nKv, headDim, pos0, scale, win, kvF16);
        Comparison c = relative(gpu.readFloats(out, expected.length), expected, 1e-6, kvF16 ? 1e-3 : 1e-5);
        for (int i = 0; i < expected.length; i++) {
            c.scale[i] = Math.max(1e-6, magnitude[i]);
        }
        c.measure = "|gpu - ref| / (attention-weighted mean of |v|)";
        for (GPUBuffer b : new GPUBuffer[] {step, gq, gk, gv, att, out}) {
            b.destroy();
        }
        return c;
    }

    /** The values rounded to F16, for weights of the F16 format (which needs shader-f16). */
    private static float[] f16Values(Gpu gpu, float[] values) {
        if (!gpu.shaderF16()) {
            throw new IllegalArgumentException("the F16 format needs the shader-f16 feature, which this adapter lacks");
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = Reference.f16(values[i]);
        }
        return values;
    }

    /** F16 values as an array<f16> buffer's u32 words: two halves per word, the first in the low bits. */
    private static int[] halves(float[] values) {
        int[] words = new int[(values.length + 1) / 2];
        for (int i = 0; i < values.length; i++) {
            words[i / 2] |= (dev.hearth.tensor.Half.fromFloat(values[i]) & 0xffff) << (16 * (i % 2));
        }
        return words;
    }

    private static Comparison argmax(Gpu gpu, Random rnd, int n, boolean ties) {
        float[] logits = gaussian(rnd, n, 3);
        if (ties) { // the maximum appears several times: the lowest index must win
            int first = rnd.nextInt(n);
            for (int j = 0; j < 4; j++) {
                logits[first + rnd.nextInt(n - first)] = 100f;
            }
            logits[first] = 100f;
        }
        GPUBuffer gl = gpu.upload(logits, "logits");
        GPUBuffer result = gpu.storage(4, "argmax");
        gpu.run(new Ops(gpu).argmax(gl, result, n, 0));
        float bits = gpu.readFloats(result, 1)[0];
        float[] got = {(float) Float.floatToRawIntBits(bits)};
        float[] want = {(float) Reference.argmax(logits, 0, n)};
        gl.destroy();
        result.destroy();
        return exact(got, want, "token id");
    }

    private static Comparison embed(Gpu gpu, Random rnd, GpuWeight.Format format, int vocab, int dim, int batch) {
        float[] table;
        GpuWeight gw;
        if (format == GpuWeight.Format.F32) {
            table = gaussian(rnd, vocab * dim, 1);
            gw = GpuWeight.f32(gpu, table, vocab, dim, "embd");
        } else if (format == GpuWeight.Format.F16) {
            table = f16Values(gpu, gaussian(rnd, vocab * dim, 1));
            gw = GpuWeight.of(format, vocab, dim, gpu.upload(halves(table), "embd"), null);
        } else if (format.chunk == 256) {
            byte[] raw = randomKBlocks(rnd, format, vocab * dim / 256);
            table = kDequantize(format, raw, vocab * dim);
            gw = GpuWeight.kquant(gpu, format, raw, vocab, dim, "embd");
        } else {
            byte[] raw = randomBlocks(rnd, format, vocab * dim / 32);
            table = QuantRepack.dequantize(raw, format == GpuWeight.Format.Q8_0, vocab * dim / 32);
            gw = GpuWeight.quantized(gpu, format, raw, vocab, dim, "embd");
        }
        int[] tokens = new int[batch];
        for (int b = 0; b < batch; b++) {
            tokens[b] = b == 0 ? vocab - 1 : rnd.nextInt(vocab);
        }
        float scale = 1.5f;
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(0, batch);
        GPUBuffer gt = gpu.upload(tokens, "tokens");
        GPUBuffer x = gpu.storage(4L * batch * dim, "x");
        gpu.run(ops.embed(gw, gt, x, step, batch, scale));
        Comparison c = exact(gpu.readFloats(x, batch * dim), Reference.embed(table, tokens, dim, scale),
                "absolute (one f32 product)");
        gw.destroy();
        for (GPUBuffer b : new GPUBuffer[] {step, gt, x}) {
            b.destroy();
        }
        return c;
    }

    private static Comparison round(Gpu gpu, Random rnd, GpuWeight.Rounding mode, int batch, int n) {
        float[] x = gaussian(rnd, batch * n, 2);
        x[0] = 0f;
        for (int i = 0; i < Math.min(32, x.length); i++) {
            x[i] = 0f; // an all-zero block
        }
        dev.hearth.tensor.GgmlType weightType = mode == GpuWeight.Rounding.Q8_0 ? dev.hearth.tensor.GgmlType.Q8_0
                : mode == GpuWeight.Rounding.Q8_K ? dev.hearth.tensor.GgmlType.Q4_K
                : mode == GpuWeight.Rounding.F16 ? dev.hearth.tensor.GgmlType.F16 : dev.hearth.tensor.GgmlType.BF16;
        float[] expected = new float[x.length];
        for (int b = 0; b < batch; b++) {
            float[] row = java.util.Arrays.copyOfRange(x, b * n, (b + 1) * n);
            float[] out = new float[n];
            dev.hearth.model.ActivationRounding.round(weightType, row, n, out);
            System.arraycopy(out, 0, expected, b * n, n);
        }
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(0, batch);
        GPUBuffer gx = gpu.upload(x, "x");
        GPUBuffer out = gpu.storage(4L * x.length, "out");
        gpu.run(ops.round(gx, out, step, batch, n, mode));
        // WGSL division is accurate to 2.5 ulp, not correctly rounded: a scale may differ in its last
        // bit (2 ulp allowed), and very rarely that flips one value's rounding (1 in 1000 allowed).
        Comparison c = relative(gpu.readFloats(out, x.length), expected, 1e-30, 2.5e-7);
        c.measure = "|gpu - ref| / |ref|, at most 1 in 1000 values beyond";
        c.allowedOutliers = x.length / 1000;
        for (GPUBuffer b : new GPUBuffer[] {step, gx, out}) {
            b.destroy();
        }
        return c;
    }

    /**
     * repack.wgsl: random file bytes of a tensor in {@code type}, uploaded raw and converted on the GPU,
     * then read back whole through the embedding kernel (which dequantizes every row), against the
     * plain Java decoding of the same bytes.
     */
    private static Comparison repack(Gpu gpu, Random rnd, String type, int rows, int n) {
        int values = rows * n;
        byte[] raw;
        float[] expected;
        if (type.equals("Q8_0") || type.equals("Q4_0")) {
            GpuWeight.Format f = GpuWeight.Format.valueOf(type);
            raw = randomBlocks(rnd, f, values / 32);
            expected = QuantRepack.dequantize(raw, f == GpuWeight.Format.Q8_0, values / 32);
        } else {
            raw = new byte[2 * values];
            expected = new float[values];
            for (int i = 0; i < values; i++) {
                float v = (float) rnd.nextGaussian();
                int bits = type.equals("F16") ? dev.hearth.tensor.Half.fromFloat(v) : dev.hearth.tensor.Half.floatToBf16(v);
                raw[2 * i] = (byte) bits;
                raw[2 * i + 1] = (byte) (bits >> 8);
                expected[i] = type.equals("F16") ? dev.hearth.tensor.Half.toFloat(bits & 0xffff)
                        : dev.hearth.tensor.Half.bf16ToFloat(bits & 0xffff);
            }
        }
        byte[] padded = java.util.Arrays.copyOf(raw, (raw.length + 3) & ~3);
        GPUBuffer staged = gpu.storage(padded.length, "raw");
        gpu.device().getQueue().writeBuffer(staged, 0, org.teavm.jso.typedarrays.Int8Array.copyFromJavaArray(padded));
        GpuWeight w = Repack.weight(gpu, staged, type, rows, n, "w");
        int[] all = new int[rows];
        for (int r = 0; r < rows; r++) {
            all[r] = r;
        }
        Ops ops = new Ops(gpu);
        GPUBuffer step = ops.step(0, rows);
        GPUBuffer tokens = gpu.upload(all, "tokens");
        GPUBuffer x = gpu.storage(4L * values, "x");
        gpu.run(ops.embed(w, tokens, x, step, rows, 1f));
        Comparison c = exact(gpu.readFloats(x, values), expected, "absolute (decoding is exact)");
        w.destroy();
        for (GPUBuffer b : new GPUBuffer[] {step, tokens, x}) {
            b.destroy();
        }
        return c;
    }

    /** top_k on logits with ties planted: ids must equal the reference's exactly, values too. */
    private static Comparison topK(Gpu gpu, Random rnd, int n, int k) {
        float[] logits = gaussian(rnd, n, 3);
        for (int j = 0; j < 5; j++) {
            logits[rnd.nextInt(n)] = 9f; // ties at the top
        }
        GPUBuffer gl = gpu.upload(logits, "logits");
        GPUBuffer result = gpu.storage(8L * k, "top_k");
        gpu.run(new Ops(gpu).topK(gl, result, n, 0, k));
        float[] raw = gpu.readFloats(result, 2 * k);
        int[] want = Reference.topK(logits, k);
        float[] got = new float[2 * k];
        float[] expected = new float[2 * k];
        for (int i = 0; i < k; i++) {
            got[2 * i] = Float.floatToRawIntBits(raw[2 * i]); // an index, read back through a float view
            got[2 * i + 1] = raw[2 * i + 1];
            expected[2 * i] = want[i];
            expected[2 * i + 1] = logits[want[i]];
        }
        gl.destroy();
        result.destroy();
        return exact(got, expected, "ids and values (exact)");
    }
}
