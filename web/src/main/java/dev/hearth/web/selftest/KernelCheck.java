package dev.hearth.web.selftest;

import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.kernels.ElementwiseKernels;
import dev.hearth.gpu.kernels.KernelChecks;
import dev.hearth.gpu.kernels.ElementwiseReference;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Runs a WGSL kernel on fresh random input in the browser and compares it with the same computation
 * in Java. Arguments: {@code {"n": N, "seed": S, "corrupt": false}}. With {@code corrupt} the GPU
 * result is altered in one element before the comparison, which proves the check can fail.
 */
public final class KernelCheck {
    /** |gpu - java| allowed per element: a + b rounds identically in IEEE f32 on any conforming device. */
    public static final double TOLERANCE = 0.0;

    private KernelCheck() {}

    /** JSON has no NaN: a non-finite error is reported as text (and fails the check). */
    private static Object finiteOrText(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? Double.toString(v) : (Object) v;
    }

    /** Any kernel against its Java reference: see {@link KernelChecks} for the arguments. */
    public static String run(String argsJson) {
        Gpu gpu = Gpu.open(0);
        try {
            return KernelChecks.run(gpu, argsJson);
        } finally {
            gpu.destroy();
        }
    }

    public static String runAdd(String argsJson) {
        Map<String, Object> args = Json.asObject(Json.parse(argsJson));
        int n = ((Number) args.getOrDefault("n", 1000L)).intValue();
        long seed = ((Number) args.getOrDefault("seed", System.currentTimeMillis())).longValue();
        boolean corrupt = Boolean.TRUE.equals(args.get("corrupt"));

        Random rnd = new Random(seed);
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rnd.nextGaussian() * 10);
            b[i] = (float) (rnd.nextGaussian() * 10);
        }
        float[] expected = ElementwiseReference.add(a, b);

        Gpu gpu = Gpu.open(4.0 * n);
        try {
            GPUBuffer ga = gpu.upload(a, "a");
            GPUBuffer gb = gpu.upload(b, "b");
            GPUBuffer out = gpu.storage(4L * n, "out");
            new ElementwiseKernels(gpu).add(ga, gb, out, n);
            float[] actual = gpu.readFloats(out, n);
            if (corrupt && n > 0) {
                actual[n / 2] += 1.0f;
            }
            double maxAbs = 0;
            double maxRel = 0;
            for (int i = 0; i < Math.min(n, actual.length); i++) {
                double d = Math.abs((double) actual[i] - expected[i]);
                maxAbs = Math.max(maxAbs, d);
                maxRel = Math.max(maxRel, d / Math.max(1e-30, Math.abs(expected[i])));
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("kernel", "elementwise.add");
            r.put("n", (long) n);
            r.put("seed", seed);
            r.put("length", (long) actual.length);
            r.put("maxAbsErr", finiteOrText(maxAbs));
            r.put("maxRelErr", finiteOrText(maxRel));
            r.put("tolerance", TOLERANCE);
            r.put("ok", actual.length >= n && maxAbs <= TOLERANCE); // NaN compares false: fails
            r.put("sampleGpu", n > 0 ? finiteOrText(actual[n - 1]) : 0.0);
            r.put("sampleJava", n > 0 ? finiteOrText(expected[n - 1]) : 0.0);
            return Json.write(r);
        } finally {
            gpu.destroy();
        }
    }
}
