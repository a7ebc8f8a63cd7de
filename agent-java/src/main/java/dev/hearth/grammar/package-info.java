/**
 * Constrained decoding: a JSON Schema compiled into a byte-level pushdown automaton ({@link
 * dev.hearth.grammar.JsonSchema}, {@link dev.hearth.grammar.Grammar}), applied to any vocabulary through a
 * trie of every token's bytes ({@link dev.hearth.grammar.VocabularyTrie}, built once per model) so that a
 * step's allowed-token mask is one walk of the trie that skips every subtree whose prefix the grammar
 * rejects ({@link dev.hearth.grammar.TokenConstraint}).
 *
 * <pre>{@code
 * VocabularyTrie trie = VocabularyTrie.of(tokenizer);                 // once per model
 * Map<String, Object> schema = ToolCallSchema.ofTools(DomTools.all(), snapshotRefs);
 * TokenConstraint c = new TokenConstraint(JsonSchema.compile(schema), trie);
 * int[] ids = new Generator(model).generate(prompt, 256, sampler, tokenizer::isEog, null, c);
 * Object call = Json.parse(c.text());     // {"name":"click","arguments":{"ref":"e12"}}
 * }</pre>
 *
 * Plain Java for the browser too (TeaVM): no regex (patterns have their own DFA, {@code StringPattern}),
 * no reflection.
 */
package dev.hearth.grammar;
