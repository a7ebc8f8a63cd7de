package dev.hearth.web.agent;

import dev.hearth.agent.ConstrainedGenerator;
import dev.hearth.model.LogitsSource;
import dev.hearth.tokenizer.Tokenizer;

/** Constrained generation on the engine loaded in the page. */
final class EngineGenerator {
    private EngineGenerator() {}

    static ConstrainedGenerator over(LogitsSource engine, Tokenizer tokenizer) {
        return (prompt, schema, maxTokens, cancel) -> {
            throw new IllegalStateException("constrained decoding (dev.hearth.grammar) is not in this build yet: "
                    + "run with a script, or wait for the grammar module");
        };
    }
}
