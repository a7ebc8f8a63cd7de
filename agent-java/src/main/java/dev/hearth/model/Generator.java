package dev.hearth.model;

import dev.hearth.sampling.Sampler;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The generation loop: the prompt as one batch, then one token at a time, each sampled from the logits
 * of the one before, until n tokens, an end-of-generation token, or the listener says stop.
 */
public final class Generator {
    /** Called after each generated token; return false to stop (a stop string was seen). */
    public interface TokenListener {
        boolean onToken(int token);
    }

    /** Timings of the last {@link #generate} call, in nanoseconds. */
    public long promptNanos;
    public long decodeNanos;
    public int promptTokens;
    public int decodedTokens;

    private final LogitsSource transformer;

    public Generator(LogitsSource transformer) {
        this.transformer = transformer;
    }

    /**
     * Generates up to n tokens after the prompt (positions from 0). An EOG token ends generation and is
     * included in the result but not passed to the listener. The prompt and every generated token are
     * accepted by the sampler (its penalty window).
     */
    public int[] generate(int[] prompt, int n, Sampler sampler, IntPredicate isEog, TokenListener listener) {
        return generate(prompt, n, sampler, isEog, listener, null);
    }

    /**
     * As above, with each step's logits masked by constraint (when not null) before sampling; generation
     * also stops once the constraint is finished (its value is complete and nothing can follow).
     */
    public int[] generate(int[] prompt, int n, Sampler sampler, IntPredicate isEog, TokenListener listener,
                          LogitsConstraint constraint) {
        if (prompt.length == 0) {
            throw new ModelException("the prompt is empty: give at least one token (BOS counts)");
        }
        if (prompt.length + n > transformer.contextSize() + 1) {
            n = transformer.contextSize() + 1 - prompt.length;
            if (n < 0) {
                throw new ModelException("the prompt of " + prompt.length + " tokens does not fit the context of "
                        + transformer.contextSize() + "; shorten it or use a larger context");
            }
        }
        for (int t : prompt) {
            sampler.accept(t);
        }
        int[] out = new int[n];
        int count = 0;
        long t0 = System.nanoTime();
        float[] logits = n > 0 ? transformer.forward(prompt, 0) : null;
        long t1 = System.nanoTime();
        promptNanos = t1 - t0;
        promptTokens = prompt.length;
        int pos = prompt.length;
        while (count < n) {
            if (constraint != null) {
                constraint.mask(logits);
            }
            int next = sampler.sample(logits);
            sampler.accept(next);
            if (constraint != null) {
                constraint.accept(next);
            }
            out[count++] = next;
            if (isEog != null && isEog.test(next)) {
                break;
            }
            if (listener != null && !listener.onToken(next)) {
                break;
            }
            if (count == n || constraint != null && constraint.isFinished()) {
                break;
            }
            logits = transformer.forward(new int[] {next}, pos++);
        }
        decodeNanos = System.nanoTime() - t1;
        decodedTokens = count;
        return Arrays.copyOf(out, count);
    }
}
