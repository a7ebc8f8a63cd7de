package dev.hearth.sampling;

import java.util.Arrays;

/**
 * Picks the next token from a logits vector. One instance per generation: it keeps the seeded RNG and
 * the window of recent tokens the penalties look at ({@link #accept} every prompt and generated token).
 *
 * <p>The steps, in order (each skipped when its setting is off, see {@link SamplerSettings}):
 * <ol>
 *   <li>penalties on tokens in the recent window: repeat (llama.cpp's divide-positive/multiply-negative),
 *       frequency (per occurrence) and presence (once);</li>
 *   <li>greedy: argmax, ties to the lowest id, and stop here;</li>
 *   <li>temperature: logits / T;</li>
 *   <li>top-k: keep the k largest (ties to the lower id);</li>
 *   <li>softmax over what is left, then top-p: the shortest prefix (by descending probability) whose mass
 *       reaches p, at least one token;</li>
 *   <li>min-p: drop tokens whose probability is below minP times the top token's;</li>
 *   <li>draw from what is left, renormalised, with one uniform from {@link SplitMix64}.</li>
 * </ol>
 * The logits array given to {@link #sample} is not modified.
 */
public final class Sampler {
    private final SamplerSettings settings;
    private final SplitMix64 rng;
    private int[] recent = new int[64];
    private int recentCount;

    public Sampler(SamplerSettings settings) {
        this.settings = settings;
        this.rng = new SplitMix64(settings.seed);
    }

    public SamplerSettings settings() {
        return settings;
    }

    /** Records a token (prompt or generated) for the penalties' window. */
    public void accept(int token) {
        if (recentCount == recent.length) {
            recent = Arrays.copyOf(recent, recent.length * 2);
        }
        recent[recentCount++] = token;
    }

    /** Argmax over logits, ties to the lowest id. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    public int sample(float[] logits) {
        float[] l = logits;
        if (hasPenalties()) {
            l = java.util.Arrays.copyOf(logits, logits.length); // not clone(): see TeaVmCompatibilityTest
            applyPenalties(l);
        }
        if (settings.isGreedy()) {
            return argmax(l);
        }
        int n = l.length;
        float invT = 1f / settings.temperature;

        // candidates: packed (descending logit, ascending id), best first
        long[] cand = settings.topK > 0 && settings.topK < n ? topK(l, settings.topK) : sortAll(l);
        int m = cand.length;

        // probs: (m) softmax of logit / T over the candidates; cand[0] holds the largest logit
        float[] probs = new float[m];
        float max = l[id(cand[0])] * invT;
        float sum = 0f;
        for (int i = 0; i < m; i++) {
            float p = (float) Math.exp(l[id(cand[i])] * invT - max);
            probs[i] = p;
            sum += p;
        }
        for (int i = 0; i < m; i++) {
            probs[i] /= sum;
        }

        if (settings.topP < 1f) {
            float cum = 0f;
            int keep = m;
            for (int i = 0; i < m; i++) {
                cum += probs[i];
                if (cum >= settings.topP) {
                    keep = i + 1;
                    break;
                }
            }
            m = keep;
        }
        if (settings.minP > 0f) {
            float threshold = settings.minP * probs[0];
            int keep = 1;
            while (keep < m && probs[keep] >= threshold) {
                keep++;
            }
            m = keep;
        }

        float mass = 0f;
        for (int i = 0; i < m; i++) {
            mass += probs[i];
        }
        float u = rng.nextFloat() * mass;
        float acc = 0f;
        for (int i = 0; i < m; i++) {
            acc += probs[i];
            if (u < acc) {
                return id(cand[i]);
            }
        }
        return id(cand[m - 1]);
    }

    private boolean hasPenalties() {
        return settings.penaltyLastN != 0 && recentCount > 0
                && (settings.repeatPenalty != 1f || settings.presencePenalty != 0f || settings.frequencyPenalty != 0f);
    }

    private void applyPenalties(float[] l) {
        int from = settings.penaltyLastN < 0 ? 0 : Math.max(0, recentCount - settings.penaltyLastN);
        // counts of each token id in the window; a small sorted copy keeps this O(w log w), not O(vocab)
        int[] window = Arrays.copyOfRange(recent, from, recentCount);
        Arrays.sort(window);
        for (int i = 0; i < window.length; ) {
            int tok = window[i];
            int j = i;
            while (j < window.length && window[j] == tok) {
                j++;
            }
            int count = j - i;
            i = j;
            if (tok < 0 || tok >= l.length) {
                continue;
            }
            float v = l[tok];
            if (settings.repeatPenalty != 1f) {
                v = v > 0f ? v / settings.repeatPenalty : v * settings.repeatPenalty;
            }
            v -= count * settings.frequencyPenalty + settings.presencePenalty;
            l[tok] = v;
        }
    }

    // A logit and its id packed into one long whose ascending order is (descending logit, ascending id).
    static long pack(float logit, int id) {
        int bits = Float.floatToIntBits(logit);
        int key = bits >= 0 ? bits : bits ^ 0x7fffffff; // ascending with the float value
        return ((long) ~key << 32) | (id & 0xffffffffL);
    }

    static int id(long packed) {
        return (int) packed;
    }

    private static long[] sortAll(float[] l) {
        long[] c = new long[l.length];
        for (int i = 0; i < l.length; i++) {
            c[i] = pack(l[i], i);
        }
        Arrays.sort(c);
        return c;
    }

    /** The k best candidates, best first: a max-heap (on the packed order) of the k smallest keys. */
    private static long[] topK(float[] l, int k) {
        long[] heap = new long[k];
        for (int i = 0; i < k; i++) {
            heap[i] = pack(l[i], i);
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(heap, i, k);
        }
        for (int i = k; i < l.length; i++) {
            long c = pack(l[i], i);
            if (c < heap[0]) {
                heap[0] = c;
                siftDown(heap, 0, k);
            }
        }
        Arrays.sort(heap);
        return heap;
    }

    private static void siftDown(long[] h, int i, int n) {
        while (true) {
            int a = 2 * i + 1;
            if (a >= n) {
                return;
            }
            int b = a + 1;
            int big = b < n && h[b] > h[a] ? b : a;
            if (h[big] <= h[i]) {
                return;
            }
            long t = h[i];
            h[i] = h[big];
            h[big] = t;
            i = big;
        }
    }
}
