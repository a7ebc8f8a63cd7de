package dev.hearth.grammar;

/** A token or byte that the grammar does not allow at this point (the caller skipped the mask). */
public final class GrammarException extends RuntimeException {
    public GrammarException(String message) {
        super(message);
    }
}
