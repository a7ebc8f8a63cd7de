package dev.hearth.tokenizer;

/** The vocabulary cannot tokenize (missing data, an unsupported tokenizer model); the message says which. */
public class TokenizerException extends RuntimeException {
    public TokenizerException(String message) {
        super(message);
    }
}
