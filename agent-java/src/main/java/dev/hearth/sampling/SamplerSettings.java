package dev.hearth.sampling;

/**
 * What a {@link Sampler} does to the logits before it draws a token. Immutable; build with the
 * {@code with*} methods starting from {@link #greedy()} or {@link #defaults()}.
 *
 * <p>A value that switches a step off: {@code temperature <= 0} (greedy), {@code topK <= 0},
 * {@code topP >= 1}, {@code minP <= 0}, {@code repeatPenalty == 1}, {@code presencePenalty == 0},
 * {@code frequencyPenalty == 0}.
 */
public final class SamplerSettings {
    public final float temperature;
    public final int topK;
    public final float topP;
    public final float minP;
    /** llama.cpp's repeat penalty: a seen token's positive logit is divided by it, a negative one multiplied. */
    public final float repeatPenalty;
    /** Subtracted once from the logit of every token seen in the window. */
    public final float presencePenalty;
    /** Subtracted from a seen token's logit once per occurrence in the window. */
    public final float frequencyPenalty;
    /** How many of the most recent tokens the penalties look at; {@code < 0} means all. */
    public final int penaltyLastN;
    public final long seed;

    private SamplerSettings(float temperature, int topK, float topP, float minP, float repeatPenalty,
                            float presencePenalty, float frequencyPenalty, int penaltyLastN, long seed) {
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.minP = minP;
        this.repeatPenalty = repeatPenalty;
        this.presencePenalty = presencePenalty;
        this.frequencyPenalty = frequencyPenalty;
        this.penaltyLastN = penaltyLastN;
        this.seed = seed;
    }

    /** Argmax over the raw logits, ties to the lowest id: what llama.cpp's goldens use. */
    public static SamplerSettings greedy() {
        return new SamplerSettings(0f, 0, 1f, 0f, 1f, 0f, 0f, 64, 0L);
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no penalties, seed 0. */
    public static SamplerSettings defaults() {
        return new SamplerSettings(0.8f, 40, 0.95f, 0.05f, 1f, 0f, 0f, 64, 0L);
    }

    public boolean isGreedy() {
        return temperature <= 0f;
    }

    public SamplerSettings withTemperature(float t) {
        return new SamplerSettings(t, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplerSettings withTopK(int k) {
        return new SamplerSettings(temperature, k, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplerSettings withTopP(float p) {
        return new SamplerSettings(temperature, topK, p, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplerSettings withMinP(float p) {
        return new SamplerSettings(temperature, topK, topP, p, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplerSettings withRepeatPenalty(float r) {
        return new SamplerSettings(temperature, topK, topP, minP, r, presencePenalty, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplerSettings withPresencePenalty(float p) {
        return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, p, frequencyPenalty, penaltyLastN, seed);
    }

    public SamplerSettings withFrequencyPenalty(float f) {
        return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, presencePenalty, f, penaltyLastN, seed);
    }

    public SamplerSettings withPenaltyLastN(int n) {
        return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, n, seed);
    }

    public SamplerSettings withSeed(long s) {
        return new SamplerSettings(temperature, topK, topP, minP, repeatPenalty, presencePenalty, frequencyPenalty, penaltyLastN, s);
    }

    @Override
    public String toString() {
        return isGreedy() ? "greedy"
                : "temp " + temperature + ", top-k " + topK + ", top-p " + topP + ", min-p " + minP
                + ", repeat " + repeatPenalty + ", presence " + presencePenalty + ", frequency " + frequencyPenalty
                + " (last " + penaltyLastN + "), seed " + seed;
    }
}
