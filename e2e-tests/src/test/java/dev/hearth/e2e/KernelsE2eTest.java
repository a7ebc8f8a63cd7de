package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every WGSL kernel against its Java reference, in Chromium (WASM-GC bundle), on fresh random
 * inputs, at several shapes including sizes that are not multiples of the workgroup size. Prints
 * the largest errors; fails above each kernel's stated tolerance.
 */
class KernelsE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static Page page;
    static final Random SEEDS = new Random();

    @BeforeAll
    static void open() {
        page = browser.sharedReady("index.html?bundle=wasm-gc");
    }

    @AfterAll
    static void close() {
        page.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> check(Map<String, Object> args) {
        args.put("seed", (double) SEEDS.nextInt(Integer.MAX_VALUE));
        Map<String, Object> r = (Map<String, Object>) page.evaluate("a => Hearth._call('kernelCheck', a)", args);
        System.out.printf("%-60s max err %.3g (%s, tol %.1g)  max abs %.3g  max rel %.3g%n", args,
                ((Number) r.get("maxErr")).doubleValue(), r.get("errorMeasure"), ((Number) r.get("tolerance")).doubleValue(),
                ((Number) r.get("maxAbsErr")).doubleValue(), ((Number) r.get("maxRelErr")).doubleValue());
        return r;
    }

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static void assertOk(Map<String, Object> r) {
        assertEquals(r.get("expectedLength"), r.get("length"), "read-back length");
        assertTrue((Boolean) r.get("finite"), "non-finite GPU output: " + r);
        assertTrue((Boolean) r.get("ok"), "GPU differs from the Java reference beyond tolerance: " + r);
    }

    @Test
    void matvecKQuantsDecodedInPlace() {
        List<String> failures = new ArrayList<>();
        for (String format : new String[] {"Q4_K", "Q6_K"}) {
            for (String strategy : new String[] {"ROW_PER_THREAD", "WG_PER_ROW"}) {
                for (int[] s : new int[][] {{1, 256, 1}, {63, 512, 2}, {65, 768, 1}}) {
                    Map<String, Object> r = check(args("kernel", "matvec", "format", format, "strategy", strategy,
                            "rows", s[0], "n", s[1], "batch", s[2]));
                    if (!Boolean.TRUE.equals(r.get("ok"))) {
                        failures.add(format + "/" + strategy + " " + java.util.Arrays.toString(s) + ": " + r);
                    }
                }
            }
            assertOk(check(args("kernel", "embed", "format", format, "vocab", 30, "dim", 512, "batch", 4)));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void rmsNorm() {
        for (int[] s : new int[][] {{1, 64}, {3, 576}, {2, 1000}, {5, 37}}) {
            assertOk(check(args("kernel", "rms_norm", "rows", s[0], "n", s[1])));
            assertOk(check(args("kernel", "rms_norm", "add", true, "rows", s[0], "n", s[1]))); // x += b, then the norm
        }
    }

    @Test
    void matvecEveryFormatAndStrategy() {
        List<String> failures = new ArrayList<>();
        for (String format : new String[] {"F32", "Q8_0", "Q4_0"}) {
            for (String strategy : new String[] {"ROW_PER_THREAD", "WG_PER_ROW"}) {
                int[][] shapes = format.equals("F32")
                        ? new int[][] {{1, 1, 1}, {63, 100, 1}, {65, 172, 2}, {576, 576, 1}, {100, 1000, 3}}
                        : new int[][] {{1, 32, 1}, {63, 96, 1}, {65, 256, 2}, {576, 576, 1}, {1000, 64, 3}};
                for (int[] s : shapes) {
                    Map<String, Object> r = check(args("kernel", "matvec", "format", format, "strategy", strategy,
                            "rows", s[0], "n", s[1], "batch", s[2]));
                    if (!Boolean.TRUE.equals(r.get("ok"))) {
                        failures.add(format + "/" + strategy + " " + java.util.Arrays.toString(s) + ": " + r);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void elementwiseInPlace() {
        for (int n : new int[] {1, 63, 1000, 70_001}) {
            assertOk(check(args("kernel", "add_to", "n", n)));
            assertOk(check(args("kernel", "add_row", "n", n * 3, "row", n)));
        }
    }

    @Test
    void ropeNormalAndNeox() {
        for (boolean neox : new boolean[] {false, true}) {
            assertOk(check(args("kernel", "rope", "neox", neox, "batch", 1, "heads", 9, "headDim", 64, "rotDims", 64, "pos0", 0)));
            assertOk(check(args("kernel", "rope", "neox", neox, "batch", 3, "heads", 5, "headDim", 80, "rotDims", 32, "pos0", 117)));
            assertOk(check(args("kernel", "rope", "neox", neox, "batch", 2, "heads", 2, "headDim", 128, "rotDims", 128, "pos0", 3000)));
            // q and k in one dispatch
            assertOk(check(args("kernel", "rope", "neox", neox, "batch", 1, "heads", 9, "heads2", 3, "headDim", 64, "rotDims", 64, "pos0", 7)));
            assertOk(check(args("kernel", "rope", "neox", neox, "batch", 3, "heads", 5, "heads2", 1, "headDim", 80, "rotDims", 32, "pos0", 117)));
        }
    }

    @Test
    void gatedActivations() {
        for (boolean gelu : new boolean[] {false, true}) {
            assertOk(check(args("kernel", "gated", "gelu", gelu, "batch", 1, "n", 172)));
            assertOk(check(args("kernel", "gated", "gelu", gelu, "batch", 3, "n", 1536)));
            assertOk(check(args("kernel", "gated", "gelu", gelu, "fused", true, "batch", 2, "n", 65)));
        }
    }

    @Test
    void attentionCausalGqaAndSlidingWindow() {
        assertOk(check(args("kernel", "attention", "batch", 1, "nHead", 8, "nKv", 4, "headDim", 8, "pos0", 0, "ctx", 16)));
        assertOk(check(args("kernel", "attention", "batch", 1, "nHead", 9, "nKv", 3, "headDim", 64, "pos0", 200, "ctx", 256)));
        assertOk(check(args("kernel", "attention", "batch", 5, "nHead", 4, "nKv", 2, "headDim", 64, "pos0", 0, "ctx", 64)));
        assertOk(check(args("kernel", "attention", "batch", 7, "nHead", 4, "nKv", 1, "headDim", 100, "pos0", 30, "ctx", 40)));
        assertOk(check(args("kernel", "attention", "batch", 3, "nHead", 4, "nKv", 4, "headDim", 32, "pos0", 90, "ctx", 128, "window", 16)));
    }

    @Test
    void kvCacheStore() {
        for (String kv : new String[] {"F32", "F16_ROUNDED"}) {
            for (boolean pair : new boolean[] {false, true}) {
                assertOk(check(args("kernel", "store", "kv", kv, "pair", pair, "batch", 1, "row", 192, "pos0", 0)));
                assertOk(check(args("kernel", "store", "kv", kv, "pair", pair, "batch", 5, "row", 65, "pos0", 30)));
            }
        }
    }

    @Test
    void attentionKvF16() {
        assertOk(check(args("kernel", "attention", "kv", "F16_ROUNDED", "batch", 1, "nHead", 9, "nKv", 3, "headDim", 64, "pos0", 200, "ctx", 256)));
        assertOk(check(args("kernel", "attention", "kv", "F16_ROUNDED", "batch", 4, "nHead", 4, "nKv", 2, "headDim", 32, "pos0", 20, "ctx", 32, "window", 8)));
    }

    /**
     * The tiled prefill kernel: batches that are not multiples of its row tiles (16 rows of 64-dim heads,
     * 8 of 256-dim), key ranges that end mid-tile, GQA groups of 1, 2, 3 and 4, a sliding window, a head
     * dimension that is not a multiple of its lanes (100), and the F16 KV cache emulation.
     */
    @Test
    void attentionPrefillTiledCausal() {
        List<String> failures = new ArrayList<>();
        Object[][] shapes = {
            {"batch", 1, "nHead", 4, "nKv", 4, "headDim", 64, "pos0", 0, "ctx", 8},
            {"batch", 5, "nHead", 4, "nKv", 2, "headDim", 64, "pos0", 0, "ctx", 64},
            {"batch", 7, "nHead", 4, "nKv", 1, "headDim", 100, "pos0", 30, "ctx", 40},
            {"batch", 37, "nHead", 9, "nKv", 3, "headDim", 64, "pos0", 3, "ctx", 45},
            {"batch", 17, "nHead", 8, "nKv", 4, "headDim", 128, "pos0", 60, "ctx", 80},
            {"batch", 11, "nHead", 4, "nKv", 1, "headDim", 256, "pos0", 5, "ctx", 16, "window", 6},
            {"batch", 20, "nHead", 4, "nKv", 4, "headDim", 32, "pos0", 90, "ctx", 128, "window", 16},
        };
        for (boolean kvF16 : new boolean[] {false, true}) {
            for (Object[] s : shapes) {
                Map<String, Object> a = args(s);
                a.put("kernel", "attention");
                a.put("variant", "prefill");
                a.put("kv", kvF16 ? "F16_ROUNDED" : "F32");
                Map<String, Object> r = check(a);
                if (!Boolean.TRUE.equals(r.get("ok"))) {
                    failures.add(a + ": " + r);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The split-sequence decode attention: spans of one chunk, a partial last chunk, several chunks, a
     * sliding window that starts mid-context, GQA, and the F16 KV cache emulation.
     */
    @Test
    void attentionSplitDecode() {
        List<String> failures = new ArrayList<>();
        Object[][] shapes = {
            {"nHead", 4, "nKv", 4, "headDim", 64, "pos0", 0, "ctx", 300},
            {"nHead", 9, "nKv", 3, "headDim", 64, "pos0", 255, "ctx", 300},
            {"nHead", 4, "nKv", 2, "headDim", 100, "pos0", 700, "ctx", 1000},
            {"nHead", 8, "nKv", 1, "headDim", 128, "pos0", 1500, "ctx", 1600, "window", 600},
        };
        for (boolean kvF16 : new boolean[] {false, true}) {
            for (Object[] s : shapes) {
                Map<String, Object> a = args(s);
                a.put("kernel", "attention");
                a.put("variant", "split");
                a.put("batch", 1);
                a.put("kv", kvF16 ? "F16_ROUNDED" : "F32");
                Map<String, Object> r = check(a);
                if (!Boolean.TRUE.equals(r.get("ok"))) {
                    failures.add(a + ": " + r);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /**
     * The f16-storage variants (KV cache as array<f16>, F16 weights as stored), on the GPU only where the
     * adapter has shader-f16. SwiftShader (CI) has not: there they are only compiled, by naga, in
     * webgpu-kernels' WgslValidationTest.
     */
    @Test
    void f16StorageVariantsWhereTheAdapterHasShaderF16() {
        boolean f16 = (Boolean) page.evaluate("async () => { const a = await navigator.gpu.requestAdapter();"
                + " return !!a && a.features.has('shader-f16'); }");
        Assumptions.assumeTrue(f16, "this adapter has no shader-f16: the f16 kernels are not run here");
        for (String variant : new String[] {"single", "prefill", "split"}) {
            assertOk(check(args("kernel", "attention", "variant", variant, "kv", "F16", "batch", variant.equals("prefill") ? 9 : 1,
                    "nHead", 9, "nKv", 3, "headDim", 64, "pos0", 270, "ctx", 300)));
        }
        for (String strategy : new String[] {"ROW_PER_THREAD", "WG_PER_ROW"}) {
            assertOk(check(args("kernel", "matvec", "format", "F16", "strategy", strategy, "rows", 65, "n", 172, "batch", 2)));
        }
        assertOk(check(args("kernel", "embed", "format", "F16", "vocab", 100, "dim", 576, "batch", 5)));
        for (boolean pair : new boolean[] {false, true}) {
            assertOk(check(args("kernel", "store", "kv", "F16", "pair", pair, "batch", 5, "row", 65, "pos0", 30)));
        }
    }

    @Test
    void argmaxTiesGoToTheLowestId() {
        for (int n : new int[] {1, 255, 512, 32000, 151_936}) {
            assertOk(check(args("kernel", "argmax", "n", n)));
        }
        for (int i = 0; i < 5; i++) {
            assertOk(check(args("kernel", "argmax", "n", 49152, "ties", true)));
        }
    }

    @Test
    void inputRoundingIsIdenticalToTheJvmReference() {
        for (String mode : new String[] {"Q8_0", "Q8_K", "F16", "BF16"}) {
            assertOk(check(args("kernel", "round", "mode", mode, "batch", 1, "n", 256)));
            assertOk(check(args("kernel", "round", "mode", mode, "batch", 3, "n", 512)));
        }
    }

    @Test
    void topKOnTheGpu() {
        assertOk(check(args("kernel", "top_k", "n", 512, "k", 8)));
        assertOk(check(args("kernel", "top_k", "n", 49152, "k", 40)));
        assertOk(check(args("kernel", "top_k", "n", 1000, "k", 64)));
    }

    @Test
    void embeddingEveryFormat() {
        for (String format : new String[] {"F32", "Q8_0", "Q4_0"}) {
            assertOk(check(args("kernel", "embed", "format", format, "vocab", 512, "dim", 64, "batch", 1)));
            assertOk(check(args("kernel", "embed", "format", format, "vocab", 100, "dim", 576, "batch", 5)));
        }
    }

    @Test
    void repackFromFileBytesOnTheGpu() {
        for (String type : new String[] {"Q8_0", "Q4_0", "F16", "BF16"}) {
            assertOk(check(args("kernel", "repack", "type", type, "rows", 1, "n", 32)));
            assertOk(check(args("kernel", "repack", "type", type, "rows", 7, "n", 96))); // 21 blocks: odd byte counts
            assertOk(check(args("kernel", "repack", "type", type, "rows", 50, "n", 576)));
        }
    }

    @Test
    void aCorruptedResultFails() {
        Map<String, Object> r = check(args("kernel", "matvec", "format", "Q4_0", "strategy", "WG_PER_ROW",
                "rows", 64, "n", 64, "batch", 1, "corrupt", true));
        assertFalse((Boolean) r.get("ok"));
    }
}
