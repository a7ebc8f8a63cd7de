package dev.hearth.agent;

import java.util.LinkedHashMap;
import java.util.Map;

/** An action the user must agree to before the agent does it: what kind, and a sentence to ask with. */
public final class SensitiveAction {
    /** Why an action is sensitive. */
    public enum Kind {
        /** A click on a submit button, Enter in a form field, type with submit: true. */
        FORM_SUBMIT("form_submit"),
        /** Typing into a password or payment field (card number, security code, expiry, ...). */
        SECRET_FIELD("secret_field"),
        /** Going to a page of another origin (allowed by the allowlist, still asked). */
        OTHER_ORIGIN("other_origin"),
        /** A link that downloads a file. */
        DOWNLOAD("download");

        public final String id;

        Kind(String id) {
            this.id = id;
        }
    }

    private final Kind kind;
    private final String question;
    private final ToolCall call;
    private final PageRef target;

    public SensitiveAction(Kind kind, String question, ToolCall call, PageRef target) {
        this.kind = kind;
        this.question = question;
        this.call = call;
        this.target = target;
    }

    public Kind kind() { return kind; }
    /** What the user is asked, e.g. "Submit the form by clicking button "Pay" (e7)?". */
    public String question() { return question; }
    public ToolCall call() { return call; }
    /** The element acted on, or null. */
    public PageRef target() { return target; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.id);
        m.put("question", question);
        return m;
    }
}
