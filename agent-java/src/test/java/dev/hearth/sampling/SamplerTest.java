package dev.hearth.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float[] HALF_THREE_TWO = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};

    @Test
    void splitMix64MatchesTheReferenceSequence() {
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xe220a8397b1dcdafL, r.nextLong());
        assertEquals(0x6e789e6aa1b965f4L, r.nextLong());
        assertEquals(0x06c45d188009454fL, r.nextLong());
        SplitMix64 f = new SplitMix64(0);
        assertEquals(0.8833107948303223f, f.nextFloat());
        assertEquals(0.4315279722213745f, f.nextFloat());
    }

    @Test
    void greedyTiesGoToTheLowestId() {
        assertEquals(1, Sampler.argmax(new float[] {1f, 3f, 3f, 2f}));
        assertEquals(0, new Sampler(SamplerSettings.greedy()).sample(new float[] {5f, 5f, 5f}));
    }

    @Test
    void packedOrderIsDescendingLogitThenAscendingId() {
        float[] l = {-2f, 3f, -0.5f, 3f, 0f, Float.NEGATIVE_INFINITY, -0f};
        long[] p = new long[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = Sampler.pack(l[i], i);
        }
        java.util.Arrays.sort(p);
        int[] ids = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            ids[i] = Sampler.id(p[i]);
        }
        // 0f sorts above -0f: their bit patterns differ and both orders are valid; fix what we do
        assertArrayEquals(new int[] {1, 3, 4, 6, 2, 0, 5}, ids);
    }

    @Test
    void repeatPenaltyDividesPositiveAndMultipliesNegativeLogits() {
        Sampler s = new Sampler(SamplerSettings.greedy().withRepeatPenalty(1.2f));
        s.accept(0);
        assertEquals(1, s.sample(new float[] {2.0f, 1.9f})); // 2.0 / 1.2 = 1.667 < 1.9
        assertEquals(0, s.sample(new float[] {2.0f, 1.6f}));
        assertEquals(1, s.sample(new float[] {-1.0f, -1.1f})); // -1.0 * 1.2 = -1.2 < -1.1
    }

    @Test
    void presenceAndFrequencyPenalties() {
        Sampler presence = new Sampler(SamplerSettings.greedy().withPresencePenalty(0.3f));
        presence.accept(0);
        presence.accept(0);
        assertEquals(1, presence.sample(new float[] {1.0f, 0.8f})); // 1.0 - 0.3 = 0.7, once however often seen
        assertEquals(0, presence.sample(new float[] {1.0f, 0.6f}));

        Sampler freq = new Sampler(SamplerSettings.greedy().withFrequencyPenalty(0.15f));
        freq.accept(0);
        assertEquals(0, freq.sample(new float[] {1.0f, 0.8f})); // 0.85
        freq.accept(0);
        assertEquals(1, freq.sample(new float[] {1.0f, 0.8f})); // 0.70
    }

    @Test
    void penaltiesOnlyLookAtTheLastNTokens() {
        Sampler s = new Sampler(SamplerSettings.greedy().withPresencePenalty(1f).withPenaltyLastN(2));
        s.accept(0);
        s.accept(5);
        assertEquals(1, s.sample(new float[] {1.0f, 0.5f}));
        s.accept(6);
        assertEquals(0, s.sample(new float[] {1.0f, 0.5f})); // token 0 left the window
    }

    @Test
    void seededDrawsFollowTheRng() {
        // uniforms from seed 0: 0.8833, 0.4315, 0.0264; cumulative probabilities 0.5, 0.8, 1.0
        Sampler s = new Sampler(SamplerSettings.defaults().withTemperature(1f).withTopK(0).withTopP(1f).withMinP(0f));
        assertEquals(2, s.sample(HALF_THREE_TWO));
        assertEquals(0, s.sample(HALF_THREE_TWO));
        assertEquals(0, s.sample(HALF_THREE_TWO));
        int[] a = draw(SamplerSettings.defaults().withSeed(42), 50);
        int[] b = draw(SamplerSettings.defaults().withSeed(42), 50);
        assertArrayEquals(a, b);
    }

    @Test
    void frequenciesFollowTheSoftmax() {
        int[] counts = counts(SamplerSettings.defaults().withTemperature(1f).withTopK(0).withTopP(1f).withMinP(0f).withSeed(7));
        assertEquals(0.5, counts[0] / 20000.0, 0.015);
        assertEquals(0.3, counts[1] / 20000.0, 0.015);
        assertEquals(0.2, counts[2] / 20000.0, 0.015);
    }

    @Test
    void temperatureSharpensAndFlattens() {
        int[] cold = counts(SamplerSettings.defaults().withTemperature(0.05f).withTopK(0).withTopP(1f).withMinP(0f));
        assertEquals(20000, cold[0]);
        // T = 2: p ~ sqrt(0.5, 0.3, 0.2) normalised = 0.4226, 0.3273, 0.2673
        int[] hot = counts(SamplerSettings.defaults().withTemperature(2f).withTopK(0).withTopP(1f).withMinP(0f).withSeed(3));
        assertEquals(0.4226, hot[0] / 20000.0, 0.015);
        assertEquals(0.2673, hot[2] / 20000.0, 0.015);
    }

    @Test
    void topKTopPAndMinPCutTheTail() {
        SamplerSettings base = SamplerSettings.defaults().withTemperature(1f).withTopK(0).withTopP(1f).withMinP(0f);
        int[] k1 = counts(base.withTopK(1));
        assertEquals(20000, k1[0]);
        int[] k2 = counts(base.withTopK(2));
        assertEquals(0, k2[2]);
        assertEquals(0.625, k2[0] / 20000.0, 0.015); // 0.5 / 0.8

        int[] p05 = counts(base.withTopP(0.5f)); // 0.5 alone reaches 0.5
        assertEquals(20000, p05[0]);
        int[] p075 = counts(base.withTopP(0.75f));
        assertEquals(0, p075[2]);
        assertTrue(p075[1] > 0);

        int[] minP = counts(base.withMinP(0.5f)); // threshold 0.25 drops 0.2
        assertEquals(0, minP[2]);
        assertEquals(0.625, minP[0] / 20000.0, 0.015);
    }

    @Test
    void topKOnALargeVocabularyKeepsTheBest() {
        float[] l = new float[50000];
        SplitMix64 r = new SplitMix64(1);
        for (int i = 0; i < l.length; i++) {
            l[i] = r.nextFloat();
        }
        l[31337] = 50f;
        l[777] = 49f;
        Sampler s = new Sampler(SamplerSettings.defaults().withTemperature(1f).withTopK(2).withTopP(1f).withMinP(0f));
        for (int i = 0; i < 100; i++) {
            int t = s.sample(l);
            assertTrue(t == 31337 || t == 777, "got " + t);
        }
    }

    @Test
    void stopStringsAreFoundAndTheirPrefixesHeldBack() {
        StopStrings s = new StopStrings(List.of("</s>", "User:"));
        assertEquals(-1, s.find("hello"));
        assertEquals(5, s.find("hello</s> more User:"));
        assertEquals(0, s.holdBack("hello"));
        assertEquals(2, s.holdBack("hello</"));
        assertEquals(3, s.holdBack("hi Use"));
        assertEquals(1, s.holdBack("hi <"));
        assertTrue(new StopStrings(List.of("")).isEmpty());
    }

    private static int[] draw(SamplerSettings settings, int n) {
        Sampler s = new Sampler(settings);
        float[] l = {0.1f, 2f, 1.5f, -1f, 0.7f, 1.9f};
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.sample(l);
        }
        return out;
    }

    private static int[] counts(SamplerSettings settings) {
        Sampler s = new Sampler(settings);
        int[] c = new int[3];
        for (int i = 0; i < 20000; i++) {
            c[s.sample(HALF_THREE_TWO)]++;
        }
        return c;
    }
}
