package dev.hearth.model;

/**
 * Restricts which tokens may come next (constrained decoding, e.g. a JSON Schema grammar): the
 * {@link Generator} masks the logits before each sampling step and reports the token chosen.
 */
public interface LogitsConstraint {
    /** Sets the logits of tokens that may not come next to negative infinity, in place. */
    void mask(float[] logits);

    /** Records the token that was chosen (one the mask allowed). */
    void accept(int token);

    /** Whether nothing more may be generated (the constrained text is complete and cannot go on). */
    boolean isFinished();
}
