package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Java compiled by TeaVM (both bundles) gets a WebGPU device through Hearth's own bindings, runs a
 * WGSL kernel on fresh random input, reads it back, and compares with the same computation in Java.
 */
class WebGpuKernelE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    /** Sizes around the workgroup size (64) and not multiples of it. */
    private static final int[] SIZES = {1, 63, 64, 65, 1000, 100_003};

    static Page ready(String bundle) {
        Page page = browser.open("index.html?bundle=" + bundle);
        Object running = page.evaluate("() => Hearth.ready");
        assertEquals(bundle, running, "the page ran another bundle than asked");
        return page;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> check(Page page, int n, long seed, boolean corrupt) {
        return (Map<String, Object>) page.evaluate(
                "a => Hearth._call('kernelCheck', {kernel: 'add', n: a[0], seed: a[1], corrupt: a[2]})",
                Arrays.asList(n, (double) seed, corrupt));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-gc", "js"})
    void gpuAddMatchesJavaOnFreshRandomInput(String bundle) {
        Page page = ready(bundle);
        long seed = new Random().nextInt(Integer.MAX_VALUE);
        for (int n : SIZES) {
            Map<String, Object> r = check(page, n, seed + n, false);
            System.out.printf("[%s] elementwise.add n=%d seed=%d max|gpu-java|=%s max rel=%s (gpu %s, java %s)%n",
                    bundle, n, seed + n, r.get("maxAbsErr"), r.get("maxRelErr"), r.get("lastGpu"), r.get("lastExpected"));
            assertTrue((Boolean) r.get("finite"), "non-finite GPU output: " + r);
            double maxAbs = ((Number) r.get("maxAbsErr")).doubleValue();
            assertEquals(n, ((Number) r.get("length")).intValue(), "read-back length");
            assertEquals(0.0, maxAbs, "f32 addition must be exact on the GPU");
            assertEquals(r.get("lastExpected"), r.get("lastGpu"));
            assertTrue((Boolean) r.get("ok"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wasm-gc", "js"})
    void aWrongGpuResultIsDetected(String bundle) {
        Page page = ready(bundle);
        Map<String, Object> r = check(page, 1000, 42, true);
        assertFalse((Boolean) r.get("ok"), "a corrupted result must fail the comparison");
        assertEquals(1.0, ((Number) r.get("maxAbsErr")).doubleValue(), 1e-3);
    }
}
