package dev.hearth.chat;

/**
 * A chat template could not be parsed or rendered: a syntax error (with the line), an undefined value
 * used where Jinja2 would fail, or the template's own {@code raise_exception(msg)} (message kept as is,
 * e.g. "Conversation roles must alternate user/assistant/user/assistant/...").
 */
public final class ChatTemplateException extends RuntimeException {
    public ChatTemplateException(String message) {
        super(message);
    }
}
