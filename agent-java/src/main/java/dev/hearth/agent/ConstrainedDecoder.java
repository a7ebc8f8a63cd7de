package dev.hearth.agent;

import dev.hearth.grammar.JsonSchema;
import dev.hearth.grammar.TokenConstraint;
import dev.hearth.grammar.VocabularyTrie;
import dev.hearth.model.LogitsSource;
import dev.hearth.model.ModelException;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Map;

/**
 * {@link ConstrainedGenerator} on any {@link LogitsSource} (the JVM transformer, the engine in the page):
 * each step's logits are masked by the schema's grammar ({@code dev.hearth.grammar}) before sampling, so
 * the text is valid JSON for the schema whatever the model's weights. The agent's prompts grow by
 * appending, so the tokens of the previous call stay in the KV cache and only the new part is run.
 * One decoder per conversation on a model that nobody else uses meanwhile (it trusts its KV cache).
 */
public final class ConstrainedDecoder implements ConstrainedGenerator {
    private final LogitsSource model;
    private final Tokenizer tokenizer;
    private final VocabularyTrie trie;
    private final Sampler sampler;
    /** Tokens whose keys and values are in the model's cache, positions 0... */
    private int[] cached = new int[0];
    /** Prompt tokens run by the last call (after the reused prefix), and tokens generated, for the trace. */
    public int lastPromptTokens;
    public int lastReusedTokens;
    public int lastGeneratedTokens;

    /** Greedy (the model's most likely allowed token at each step). */
    public ConstrainedDecoder(LogitsSource model, Tokenizer tokenizer) {
        this(model, tokenizer, VocabularyTrie.of(tokenizer), SamplerSettings.greedy());
    }

    public ConstrainedDecoder(LogitsSource model, Tokenizer tokenizer, VocabularyTrie trie, SamplerSettings sampling) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.trie = trie;
        this.sampler = new Sampler(sampling);
    }

    @Override
    public String generate(String prompt, Map<String, Object> schema, int maxTokens, Cancellation cancel) {
        int[] ids = tokenizer.encode(prompt, true, true);
        if (ids.length + maxTokens > model.contextSize()) {
            throw new ModelException("the prompt of " + ids.length + " tokens and " + maxTokens + " for the answer do not fit the context of "
                    + model.contextSize() + " tokens; load the model with a larger context");
        }
        TokenConstraint constraint = new TokenConstraint(JsonSchema.compile(schema), trie);
        int reuse = commonPrefix(cached, ids);
        if (reuse == ids.length) {
            reuse--; // the last prompt token must run again to give the logits
        }
        lastReusedTokens = reuse;
        lastPromptTokens = ids.length - reuse;
        float[] logits = model.forward(Arrays.copyOfRange(ids, reuse, ids.length), reuse);
        int[] seq = Arrays.copyOf(ids, ids.length + maxTokens);
        int pos = ids.length;
        int generated = 0;
        while (generated < maxTokens && !cancel.isCancelled()) {
            constraint.mask(logits);
            int next = sampler.sample(logits);
            sampler.accept(next);
            constraint.accept(next);
            generated++;
            if (tokenizer.isEog(next) || constraint.isFinished()) {
                break;
            }
            seq[pos] = next;
            logits = model.forward(new int[] {next}, pos++);
        }
        cached = Arrays.copyOf(seq, pos);
        lastGeneratedTokens = generated;
        return constraint.text();
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
