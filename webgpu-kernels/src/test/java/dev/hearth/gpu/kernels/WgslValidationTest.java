package dev.hearth.gpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kernel variant, the f16 ones included, parsed and validated by naga (wgpu's WGSL compiler, as
 * WebAssembly, run by node: src/build/wgsl-check). The browser tests compile the f32 variants with
 * Chromium's Tint, but CI's adapter (SwiftShader) has no shader-f16, so this is the check that the
 * f16 variants ({@code enable f16;}) compile at all; their results are tested on the GPU only where an
 * adapter has shader-f16 (KernelsE2eTest). {@code ./hearth setup} installs the validator; without it
 * this test is skipped, saying so, except on CI (CI=true), where it fails.
 */
class WgslValidationTest {
    static final Path CHECK = Path.of("src/build/wgsl-check");

    /** name -> WGSL of every variant the engine can build. */
    static Map<String, String> variants() {
        Map<String, String> v = new LinkedHashMap<>();
        for (GpuWeight.Format f : GpuWeight.Format.values()) {
            for (MatVec.Strategy s : MatVec.Strategy.values()) {
                v.put("matvec_" + f + "_" + s, MatVec.source(f, s));
            }
            v.put("embed_" + f, KernelSource.expand(WgslSources.EMBED, Ops.EMBED, f.defines()));
        }
        for (KvCache kv : KvCache.values()) {
            v.put("attention_" + "kv-" + kv, Ops.attentionSource(kv));
            v.put("attention_split_" + "kv-" + kv, Ops.splitSource(kv));
            v.put("store_" + "kv-" + kv, ElementwiseKernels.storeSource(kv, false));
            v.put("store_pair_" + "kv-" + kv, ElementwiseKernels.storeSource(kv, true));
            for (int hd : new int[] {32, 64, 80, 100, 128, 256}) {
                v.put("attention_prefill_" + hd + "_kv-" + kv, Ops.prefillSource(hd, kv));
            }
        }
        v.put("elementwise_add", KernelSource.expand(WgslSources.ELEMENTWISE, ElementwiseKernels.PARAMS, Map.of("ADD", "")));
        v.put("elementwise_in_place", KernelSource.expand(WgslSources.ELEMENTWISE, ElementwiseKernels.PARAMS, Map.of()));
        v.put("rms_norm", KernelSource.expand(WgslSources.NORM, Norm.PARAMS, Map.of()));
        v.put("rms_norm_in_place", KernelSource.expand(WgslSources.NORM, Norm.PARAMS, Map.of("INPLACE", "")));
        v.put("add_rms_norm", KernelSource.expand(WgslSources.NORM, Norm.PARAMS, Map.of("ADD", "")));
        v.put("rope", KernelSource.expand(WgslSources.ROPE, Ops.ROPE, Map.of()));
        v.put("rope_neox", KernelSource.expand(WgslSources.ROPE, Ops.ROPE, Map.of("NEOX", "")));
        v.put("rope_pair", KernelSource.expand(WgslSources.ROPE, Ops.ROPE, Map.of("PAIR", "")));
        v.put("rope_neox_pair", KernelSource.expand(WgslSources.ROPE, Ops.ROPE, Map.of("NEOX", "", "PAIR", "")));
        v.put("ffn_silu", KernelSource.expand(WgslSources.FFN, Ops.FFN, Map.of("SILU", "")));
        v.put("ffn_gelu", KernelSource.expand(WgslSources.FFN, Ops.FFN, Map.of("GELU", "")));
        v.put("logits", KernelSource.expand(WgslSources.LOGITS, Ops.LOGITS, Map.of()));
        for (GpuWeight.Rounding r : GpuWeight.Rounding.values()) {
            v.put("round_" + r, KernelSource.expand(WgslSources.ROUND, Ops.ROUND, Map.of(r.name(), "")));
        }
        for (String type : new String[] {"Q8_0", "Q4_0", "F16", "BF16"}) {
            v.put("repack_" + type, KernelSource.expand(WgslSources.REPACK, Repack.PARAMS, Map.of(type, "")));
        }
        return v;
    }

    @Test
    void theF16VariantsEnableF16AndTheOthersDoNot() {
        Map<String, String> v = variants();
        int f16 = 0;
        for (Map.Entry<String, String> e : v.entrySet()) {
            boolean enables = e.getValue().lines().anyMatch(l -> l.trim().equals("enable f16;"));
            // f16 storage: the KV cache in f16 (kv-F16) and F16 weights (matvec_F16_*, embed_F16)
            boolean f16Storage = e.getKey().endsWith("kv-F16") || e.getKey().startsWith("matvec_F16_")
                    || e.getKey().equals("embed_F16");
            assertEquals(f16Storage, enables, e.getKey());
            if (enables) {
                f16++;
                assertTrue(e.getValue().contains("array<f16>"), e.getKey());
            }
        }
        assertTrue(f16 >= 9, "f16 variants: " + f16);
    }

    @Test
    void everyVariantPassesNaga(@TempDir Path dir) throws IOException, InterruptedException {
        boolean installed = Files.isDirectory(CHECK.resolve("node_modules/naga-wasm"));
        if (!installed) {
            String why = "naga (src/build/wgsl-check/node_modules) is not installed: run ./hearth setup";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.assumeTrue(false, why);
        }
        List<String> command = new ArrayList<>(List.of("node", CHECK.resolve("validate.mjs").toString()));
        for (Map.Entry<String, String> e : variants().entrySet()) {
            Path f = dir.resolve(e.getKey() + ".wgsl");
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            command.add(f.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        long ok = out.lines().filter(l -> l.startsWith("ok ")).count();
        System.out.println("naga: " + ok + " of " + (command.size() - 2) + " kernel variants valid");
        assertEquals(0, rc, out);
        assertEquals(command.size() - 2, ok, out);
    }
}
