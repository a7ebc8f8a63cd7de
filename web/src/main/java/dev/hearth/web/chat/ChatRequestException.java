package dev.hearth.web.chat;

/** A chat completion request the engine cannot serve; the message says what to change. JS: HearthRequestError. */
public final class ChatRequestException extends RuntimeException {
    public ChatRequestException(String message) {
        super(message);
    }
}
