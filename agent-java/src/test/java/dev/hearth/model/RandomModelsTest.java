package dev.hearth.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.tensor.GgmlType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomModelsTest {
    private static final int[] TOKENS = {1, 300, 17, 299, 42, 310, 5, 260, 261, 77};

    private static Model load(Architecture arch, GgmlType type) {
        byte[] bytes = RandomModels.gguf(RandomModels.tiny(arch), type, 1234);
        return Model.load(GgufFile.read(new ArrayByteSource(bytes)));
    }

    @Test
    void everyArchitectureLoadsAndGivesFiniteLogits() {
        for (Architecture arch : Architecture.values()) {
            for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0}) {
                Model m = load(arch, type);
                assertEquals(arch, m.config.arch);
                Transformer t = new Transformer(m, 32);
                float[] logits = t.forward(TOKENS, 0);
                assertEquals(320, logits.length);
                float spread = 0f;
                for (float l : logits) {
                    assertTrue(Float.isFinite(l), arch + " " + type + " gives a non-finite logit");
                    spread = Math.max(spread, Math.abs(l - logits[0]));
                }
                assertTrue(spread > 1e-3f, arch + " " + type + " logits are all equal");
            }
        }
    }

    @Test
    void kQuantModelsRun() {
        RandomModels.Shape s = new RandomModels.Shape(Architecture.QWEN3, 256, 1, 4, 2, 256, 320, 64, 64, true, 0);
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q5_0}) {
            Model m = Model.load(GgufFile.read(new ArrayByteSource(RandomModels.gguf(s, type, 9))));
            for (float l : new Transformer(m, 8).forward(new int[] {1, 2, 3}, 0)) {
                assertTrue(Float.isFinite(l), type.toString());
            }
        }
    }

    @Test
    void batchAndTokenByTokenGiveTheSameLogits() {
        for (Architecture arch : Architecture.values()) {
            Model m = load(arch, GgmlType.Q8_0);
            Transformer batch = new Transformer(m, 32);
            float[] a = batch.forward(TOKENS, 0).clone();
            Transformer single = new Transformer(m, 32);
            float[] b = null;
            for (int i = 0; i < TOKENS.length; i++) {
                b = single.forward(new int[] {TOKENS[i]}, i);
            }
            assertArrayEquals(a, b, arch.toString());
            // a prompt split in two batches continues from the KV cache
            Transformer split = new Transformer(m, 32);
            split.forward(Arrays.copyOf(TOKENS, 4), 0);
            assertArrayEquals(a, split.forward(Arrays.copyOfRange(TOKENS, 4, TOKENS.length), 4), arch.toString());
        }
    }

    @Test
    void positionAndContextMatter() {
        Model m = load(Architecture.LLAMA, GgmlType.F32);
        float[] a = new Transformer(m, 32).forward(new int[] {1, 300, 17}, 0).clone();
        float[] b = new Transformer(m, 32).forward(new int[] {1, 301, 17}, 0).clone();
        assertFalse(Arrays.equals(a, b), "an earlier token must change the last logits (attention)");
    }

    @Test
    void configReadsEachFamily() {
        ModelConfig g = load(Architecture.GEMMA3, GgmlType.F32).config;
        assertEquals(32, g.headDimK);
        assertEquals(4 * 32, g.qDim());
        assertEquals(4, g.slidingWindow);
        assertTrue(g.isSlidingLayer(0) && g.isSlidingLayer(4) && !g.isSlidingLayer(5) && g.isSlidingLayer(6));
        assertEquals(10000f, g.ropeBaseSliding);
        assertEquals(1000000f, g.ropeBase);
        assertEquals((float) Math.sqrt(64), g.embeddingScale);
        assertEquals(1e-6f, g.rmsEps);
        assertTrue(g.arch.ropeNeox);

        ModelConfig l = load(Architecture.LLAMA, GgmlType.F32).config;
        assertFalse(l.arch.ropeNeox);
        assertFalse(l.isSlidingLayer(0));
        assertEquals(16, l.headDimK);
        assertEquals(320, l.vocabSize);

        Model q2 = load(Architecture.QWEN2, GgmlType.F32);
        assertTrue(q2.layers[0].bq != null && q2.layers[0].bk != null && q2.layers[0].bv != null);
        assertTrue(q2.output == q2.tokenEmbd, "qwen2's tiny model ties its output to token_embd");
        Model q3 = load(Architecture.QWEN3, GgmlType.F32);
        assertTrue(q3.layers[1].qNorm != null && q3.layers[1].kNorm != null);
        Model phi = load(Architecture.PHI3, GgmlType.Q8_0);
        assertTrue(phi.layers[0].wq.tensor == phi.layers[0].wv.tensor, "phi3's Q, K, V share attn_qkv");
        assertEquals(64 + 32, phi.layers[0].wv.firstRow);
        assertEquals(128, phi.layers[0].wUp.firstRow);
    }

    @Test
    void slidingWindowLimitsWhatLocalLayersSee() {
        // window 4: each sliding layer looks 3 positions back, so 5 sliding layers reach 15 back at most.
        int[] a = new int[20];
        for (int i = 0; i < a.length; i++) {
            a[i] = 259 + i;
        }
        int[] b = a.clone();
        b[1] = 300; // position 1 is 18 before the last position
        RandomModels.Shape allSliding = new RandomModels.Shape(Architecture.GEMMA3, 64, 5, 4, 2, 128, 320, 128, 32, true, 4);
        Model local = Model.load(GgufFile.read(new ArrayByteSource(RandomModels.gguf(allSliding, GgmlType.F32, 5))));
        assertTrue(local.config.isSlidingLayer(4));
        assertArrayEquals(new Transformer(local, 32).forward(a, 0).clone(), new Transformer(local, 32).forward(b, 0).clone());
        // with layer 5 global (7 layers), the far token is seen again
        Model global = load(Architecture.GEMMA3, GgmlType.F32);
        assertFalse(Arrays.equals(new Transformer(global, 32).forward(a, 0).clone(), new Transformer(global, 32).forward(b, 0).clone()));
        // and a token inside the window changes the logits even when all layers slide
        int[] c = a.clone();
        c[17] = 300;
        assertFalse(Arrays.equals(new Transformer(local, 32).forward(a, 0).clone(), new Transformer(local, 32).forward(c, 0).clone()));
    }

    @Test
    void finalLogitSoftcapBoundsTheLogits() {
        // softcapping cannot change a greedy choice (tanh is monotonic), so check the values
        RandomModels.Shape s = RandomModels.tiny(Architecture.GEMMA3);
        s.finalLogitSoftcap = 0.5f;
        Model capped = Model.load(GgufFile.read(new ArrayByteSource(RandomModels.gguf(s, GgmlType.F32, 3))));
        Model plain = Model.load(GgufFile.read(new ArrayByteSource(
                RandomModels.gguf(RandomModels.tiny(Architecture.GEMMA3), GgmlType.F32, 3))));
        float[] a = new Transformer(capped, 8).forward(TOKENS_SHORT, 0);
        float[] b = new Transformer(plain, 8).forward(TOKENS_SHORT, 0);
        for (int i = 0; i < a.length; i++) {
            assertEquals(0.5f * (float) Math.tanh(b[i] / 0.5f), a[i], 1e-6f);
        }
    }

    private static final int[] TOKENS_SHORT = {1, 300, 17};

    @Test
    void unsupportedArchitectureIsANamedError() {
        UnsupportedArchitectureException e = assertThrows(UnsupportedArchitectureException.class,
                () -> Architecture.fromGgufName("mamba"));
        assertTrue(e.getMessage().contains("mamba") && e.getMessage().contains("llama"));
    }

    @Test
    void smolLM2ShapesMatchTheRealModel() {
        RandomModels.Shape s = RandomModels.smolLM2_135M();
        assertEquals(576, s.dim);
        assertEquals(30, s.nLayers);
        assertEquals(9, s.nHeads);
        assertEquals(3, s.nKvHeads);
        assertEquals(1536, s.ffnDim);
        assertEquals(49152, s.vocab);
        assertTrue(s.tiedEmbeddings);
    }
}
