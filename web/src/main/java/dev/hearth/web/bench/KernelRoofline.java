package dev.hearth.web.bench;

import dev.hearth.gpu.Dispatch;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.kernels.Copy;
import dev.hearth.gpu.kernels.GpuWeight;
import dev.hearth.gpu.kernels.MatVec;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.gpu.webgpu.WebGpu;
import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;

/**
 * The page operation "bench.roofline" {rows, cols}: each matvec variant's effective bandwidth (weight bytes
 * read per second, one vector in) on a rows x cols matrix, against copy.wgsl's bytes moved (read + write)
 * per second over a buffer of the same F32 size: how close each kernel comes to what this adapter can
 * stream. Timed on the wall clock around many dispatches in one submit, up to onSubmittedWorkDone
 * (timestamp queries are optional in WebGPU and absent on SwiftShader; the answer says whether the
 * adapter has them). The copy's result is compared with its Java reference before it is timed.
 */
public final class KernelRoofline {
    /** Wall time one timed submit aims at. */
    private static final double TARGET_MS = 600;
    private static final int MAX_DISPATCHES = 64;

    private KernelRoofline() {}

    @JSBody(script = "return performance.now();")
    private static native double now();

    public static String run(String argsJson) {
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        int rows = ((Number) a.getOrDefault("rows", 4096L)).intValue();
        int cols = ((Number) a.getOrDefault("cols", 4096L)).intValue();
        if (rows <= 0 || cols <= 0 || cols % 256 != 0) {
            throw new IllegalArgumentException("roofline: cols must be a positive multiple of 256 (K-quant super-blocks), got "
                    + rows + " x " + cols);
        }
        long f32Bytes = 4L * rows * cols;
        Gpu gpu = Gpu.open(f32Bytes);
        try {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rows", (long) rows);
            r.put("cols", (long) cols);
            r.put("timestampQuery", WebGpu.hasFeature(gpu.adapter(), "timestamp-query"));
            double copy = copyGBps(gpu, rows * cols);
            r.put("copyGBps", copy);
            List<Object> kernels = new ArrayList<>();
            long dispatches = 0;
            for (GpuWeight.Format f : GpuWeight.Format.values()) {
                if (weightBytes(f, rows, cols) < 0) {
                    continue; // a format added since this was written: its byte count is not known here
                }
                GpuWeight w = weight(gpu, f, rows, cols);
                GPUBuffer x = gpu.upload(randomFloats(cols, 7), "roofline.x");
                GPUBuffer out = gpu.storage(4L * rows, "roofline.out");
                for (MatVec.Strategy s : MatVec.Strategy.values()) {
                    Dispatch d = MatVec.prepare(gpu, w, x, out, 1, s);
                    double[] t = time(gpu, d);
                    double bytes = weightBytes(f, rows, cols);
                    Map<String, Object> k = new LinkedHashMap<>();
                    k.put("kernel", "matvec/" + s.name());
                    k.put("type", f.name());
                    k.put("weightBytes", bytes);
                    k.put("dispatches", (long) t[1]);
                    k.put("msPerDispatch", t[0] / t[1]);
                    double gbps = bytes * t[1] / (t[0] / 1000) / 1e9;
                    k.put("GBps", gbps);
                    k.put("ofCopy", gbps / copy);
                    kernels.add(k);
                    dispatches = Math.max(dispatches, (long) t[1]);
                }
                x.destroy();
                out.destroy();
                w.destroy();
            }
            r.put("dispatches", "up to " + dispatches);
            r.put("kernels", kernels);
            return Json.write(r);
        } finally {
            gpu.destroy();
        }
    }

    /** copy.wgsl over n floats: checked against Copy.reference, then timed; answers GB/s read + written. */
    private static double copyGBps(Gpu gpu, int n) {
        float[] data = randomFloats(n, 3);
        GPUBuffer src = gpu.upload(data, "roofline.copy.src");
        GPUBuffer dst = gpu.storage(4L * n, "roofline.copy.dst");
        try {
            Dispatch d = Copy.prepare(gpu, src, dst, n);
            gpu.run(d);
            float[] got = gpu.readFloats(dst, Math.min(n, 1 << 16));
            float[] want = Copy.reference(data);
            for (int i = 0; i < got.length; i++) {
                if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
                    throw new IllegalStateException("copy.wgsl is wrong at " + i + ": " + got[i] + " instead of " + want[i]);
                }
            }
            double[] t = time(gpu, d);
            return 8.0 * n * t[1] / (t[0] / 1000) / 1e9;
        } finally {
            src.destroy();
            dst.destroy();
        }
    }

    /** {wall ms, dispatches} of one submit of as many copies of d as fill about TARGET_MS (after a warm-up). */
    private static double[] time(Gpu gpu, Dispatch d) {
        double one = submitAndWait(gpu, d, 1); // warm-up: pipeline creation, first touch of the buffers
        one = Math.min(one, submitAndWait(gpu, d, 1));
        int k = (int) Math.max(2, Math.min(MAX_DISPATCHES, Math.ceil(TARGET_MS / Math.max(one, 0.01))));
        return new double[] {submitAndWait(gpu, d, k), k};
    }

    private static double submitAndWait(Gpu gpu, Dispatch d, int k) {
        Dispatch[] ds = new Dispatch[k];
        for (int i = 0; i < k; i++) {
            ds[i] = d;
        }
        double t0 = now();
        gpu.run(ds);
        JsPromises.await(gpu.device().getQueue().onSubmittedWorkDone());
        return now() - t0;
    }

    /** Bytes of the weight as the kernel reads it (repacked quants: their words plus one f32 scale per block); -1 unknown. */
    static double weightBytes(GpuWeight.Format f, int rows, int cols) {
        double values = (double) rows * cols;
        switch (f) {
            case F32: return 4 * values;
            case Q8_0: return values + 4 * values / 32;
            case Q4_0: return values / 2 + 4 * values / 32;
            case Q4_K: return 144 * values / 256;
            case Q6_K: return 210 * values / 256;
            default: return -1;
        }
    }

    /** A random weight of the format: F32 values in [-1, 1); quant blocks of random bytes with a 0.01-ish f16 scale. */
    private static GpuWeight weight(Gpu gpu, GpuWeight.Format f, int rows, int cols) {
        if (f == GpuWeight.Format.F32) {
            return GpuWeight.f32(gpu, randomFloats(rows * cols, 11), rows, cols, "roofline.w");
        }
        int blockBytes = f == GpuWeight.Format.Q8_0 ? 34 : f == GpuWeight.Format.Q4_0 ? 18 : f == GpuWeight.Format.Q4_K ? 144 : 210;
        int blockValues = f.chunk;
        int blocks = rows * (cols / blockValues);
        byte[] raw = new byte[blocks * blockBytes];
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < raw.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            raw[i] = (byte) (s >>> 56);
        }
        // f16 0x211F = 0.01: where each format keeps its block scale(s)
        int[] scaleAt = f == GpuWeight.Format.Q4_K ? new int[] {0, 2} : f == GpuWeight.Format.Q6_K ? new int[] {208} : new int[] {0};
        for (int b = 0; b < blocks; b++) {
            for (int at : scaleAt) {
                raw[b * blockBytes + at] = 0x1F;
                raw[b * blockBytes + at + 1] = 0x21;
            }
        }
        return f.chunk == 256 ? GpuWeight.kquant(gpu, f, raw, rows, cols, "roofline.w")
                : GpuWeight.quantized(gpu, f, raw, rows, cols, "roofline.w");
    }

    private static float[] randomFloats(int n, long seed) {
        float[] v = new float[n];
        long s = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < n; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            v[i] = ((s >>> 40) / (float) (1 << 24)) * 2 - 1;
        }
        return v;
    }
}
