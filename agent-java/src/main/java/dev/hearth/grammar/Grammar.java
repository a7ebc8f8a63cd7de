package dev.hearth.grammar;

import java.nio.charset.StandardCharsets;

/**
 * A compiled JSON Schema: the byte-level grammar of the compact JSON texts it allows (see {@link JsonSchema}
 * for what is generated). Immutable and shareable; each generation starts from {@link #start()}.
 */
public final class Grammar {
    private final Node value;
    private final RootNode root = new RootNode();
    private final GrammarState start;

    Grammar(Node value) {
        this.value = value;
        StateSet s = new StateSet();
        value.push(new Frame(root, 0, 0, 0, 0L, 0L, null), s);
        this.start = new GrammarState(s.toArray());
    }

    /** The state before the first byte. */
    public GrammarState start() {
        return start;
    }

    /** Whether text (as UTF-8) is one complete value of this grammar. */
    public boolean accepts(String text) {
        GrammarState s = start.advance(text.getBytes(StandardCharsets.UTF_8));
        return s != null && s.isComplete();
    }

    /** Whether text is the beginning of some value of this grammar (or a whole one). */
    public boolean acceptsPrefix(String text) {
        return start.advance(text.getBytes(StandardCharsets.UTF_8)) != null;
    }
}
