package dev.hearth.agent;

import java.util.Map;

/**
 * Generation under a JSON Schema: from a rendered prompt, text that satisfies {@code schema} (token by
 * token, tokens that would break it are never chosen). The grammar-constrained decoder implements it.
 */
public interface ConstrainedGenerator {
    /**
     * The reply to {@code prompt} (text in the model's chat format, generation prompt included), at most
     * {@code maxTokens} tokens, stopping early (with what it has) once {@code cancel} is set.
     */
    String generate(String prompt, Map<String, Object> schema, int maxTokens, Cancellation cancel);
}
