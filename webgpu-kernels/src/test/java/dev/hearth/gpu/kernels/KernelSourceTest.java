package dev.hearth.gpu.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelSourceTest {
    private static final Params P = Params.of().u32("n").f32("eps").i32("k");

    @Test
    void paramsGenerateTheStructAndPackInTheSameOrder() {
        assertEquals("struct Params {\n    n: u32,\n    eps: f32,\n    k: i32,\n}\n", P.wgsl());
        int[] words = P.pack(7, 0.5, -3);
        assertArrayEquals(new int[] {7, Float.floatToRawIntBits(0.5f), -3, 0}, words);
        assertThrows(IllegalArgumentException.class, () -> P.pack(1, 2));
        assertThrows(IllegalArgumentException.class, () -> P.pack(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> P.pack(1.5, 0, 0));
        assertEquals(4294967295L, P.pack(4294967295.0, 0, 0)[0] & 0xffffffffL);
    }

    @Test
    void variantsByDefines() {
        String src = "a\n#if F32\nf32 {{T}}\n#if !FAST\nslow\n#else\nfast\n#endif\n#else\nquant\n#endif\n{{PARAMS}}z";
        String f32 = KernelSource.expand(src, P, Map.of("F32", "", "T", "float"));
        assertTrue(f32.startsWith("a\nf32 float\nslow\nstruct Params"), f32);
        assertFalse(f32.contains("quant"));
        String fast = KernelSource.expand(src, P, Map.of("F32", "", "FAST", "", "T", "x"));
        assertTrue(fast.contains("fast") && !fast.contains("slow"));
        String q = KernelSource.expand(src, P, Map.of());
        assertTrue(q.startsWith("a\nquant\n"), q);
        assertThrows(IllegalArgumentException.class, () -> KernelSource.expand("#if A\n", P, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> KernelSource.expand("#endif\n", P, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> KernelSource.expand("{{NOPE}}", P, Map.of()));
    }

    @Test
    void everyMatvecVariantExpands() {
        for (GpuWeight.Format f : GpuWeight.Format.values()) {
            for (MatVec.Strategy s : MatVec.Strategy.values()) {
                String wgsl = MatVec.source(f, s);
                assertTrue(wgsl.contains("fn matvec("), f + "/" + s);
                assertFalse(wgsl.contains("#if") || wgsl.contains("{{"), f + "/" + s);
            }
        }
    }

    @Test
    void prefillAttentionTilesFitWorkgroupMemory() {
        for (int hd : new int[] {1, 8, 32, 64, 80, 100, 128, 256, 512}) {
            int[] t = Ops.prefillTiles(hd);
            assertTrue(64 % t[0] == 0 && t[1] >= 1, hd + ": " + t[0] + " rows, " + t[1] + " keys");
            assertTrue(t[0] * hd + t[1] * hd + t[0] * t[1] <= Ops.PREFILL_FLOATS, "head dim " + hd);
            for (KvCache kv : KvCache.values()) {
                String wgsl = Ops.prefillSource(hd, kv);
                assertTrue(wgsl.contains("const HD: u32 = " + hd + "u;"), wgsl);
                String code = wgsl.replaceAll("(?m)^\\s*//.*$", ""); // comments may quote {{...}}
                assertFalse(code.contains("#if") || code.contains("{{"), code);
                assertEquals(kv != KvCache.F32, wgsl.contains("to_f16(v)"));
                assertEquals(kv == KvCache.F16, wgsl.contains("enable f16;") && wgsl.contains("kcache: array<f16>"));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Ops.prefillTiles(513));
    }

    @Test
    void halfToFloat() {
        assertEquals(1.0f, QuantRepack.halfToFloat(0x3c00));
        assertEquals(-2.0f, QuantRepack.halfToFloat(0xc000));
        assertEquals(65504f, QuantRepack.halfToFloat(0x7bff));
        assertEquals((float) Math.pow(2, -24), QuantRepack.halfToFloat(0x0001));
        assertTrue(Float.isNaN(QuantRepack.halfToFloat(0x7e00)));
    }
}
