package dev.hearth.agent;

/**
 * What a tool did on the page ({@code ok}) with dom-tools' message for the model, or a refusal that
 * says what to do next ({@code ok} false: a stale ref, a disabled or covered element).
 */
public final class ActionResult {
    private final boolean ok;
    private final String message;
    private final String url;

    public ActionResult(boolean ok, String message, String url) {
        this.ok = ok;
        this.message = message == null ? "" : message;
        this.url = url == null ? "" : url;
    }

    public static ActionResult ok(String message) {
        return new ActionResult(true, message, "");
    }

    public static ActionResult error(String message) {
        return new ActionResult(false, message, "");
    }

    public boolean ok() { return ok; }
    public String message() { return message; }
    /** The page's URL after the action, or "" when unknown. */
    public String url() { return url; }
}
