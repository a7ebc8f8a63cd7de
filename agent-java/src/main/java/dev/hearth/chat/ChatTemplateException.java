package dev.hearth.chat;

/**
 * A chat template could not be parsed or rendered: a syntax error (with the line), an undefined value
 * used where Jinja2 would fail, or the template's own {@code raise_exception(msg)} (message kept as is,
 * e.g. "Conversation roles must alternate user/assistant/user/assistant/...").
 */
public final class ChatTemplateException extends RuntimeException {
    private final boolean raisedByTemplate;

    public ChatTemplateException(String message) {
        this(message, false);
    }

    ChatTemplateException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    /** True when the template itself called {@code raise_exception}: the message is the template's own. */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
