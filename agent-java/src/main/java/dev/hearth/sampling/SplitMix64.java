package dev.hearth.sampling;

/**
 * A seeded pseudo-random generator that gives the same sequence on every platform (JVM, TeaVM JS,
 * TeaVM WASM-GC): only 64-bit integer arithmetic, no {@code java.util.Random}, no doubles in the state.
 *
 * <p>SplitMix64 (Steele, Lea, Flood 2014): the state advances by the golden-ratio constant and each output
 * is the state run through a 64-bit finaliser.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long seed) {
        this.state = seed;
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits, so every value is exactly representable as a float. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }
}
