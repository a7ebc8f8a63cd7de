package dev.hearth.agent;

/**
 * The page the agent acts on. In the browser, dom-tools on the live DOM ({@code web}'s agent glue);
 * on the JVM, test doubles over an in-memory page.
 */
public interface PageTools {
    /** The page now, with a ref on every element one can act on. */
    PageSnapshot snapshot();

    /**
     * Runs one DOM tool call (click, type, ...; never {@code done}). The model's mistakes come back as
     * {@code ok} false with a message saying what to do; an exception means the page itself failed.
     */
    ActionResult act(ToolCall call);
}
