package dev.hearth.model;

/**
 * Anything that runs tokens through a model and gives the last token's logits: the JVM
 * {@link Transformer}, or an engine in a browser driven from the command line. The generation loop
 * ({@link Generator}) needs nothing more.
 */
public interface LogitsSource {
    /** Positions the KV cache holds. */
    int contextSize();

    /**
     * Runs tokens at positions pos, pos + 1, ... (earlier positions are cached) and returns the logits
     * after the last one, (vocab).
     */
    float[] forward(int[] tokens, int pos);
}
