package dev.hearth.model;

/** A GGUF file that parses but cannot be run as a model: its message says what is wrong and what to do. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }
}
