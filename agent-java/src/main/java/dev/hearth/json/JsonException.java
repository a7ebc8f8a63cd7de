package dev.hearth.json;

/** Malformed JSON, or a JSON value of the wrong kind; the message gives the offset. */
public class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }
}
