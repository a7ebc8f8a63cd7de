package dev.hearth.grammar;

import dev.hearth.model.LogitsConstraint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * A grammar applied to one generation over one vocabulary: which tokens may come next, and the state after
 * each chosen token. End-of-generation tokens are allowed only once the text is a complete value; when the
 * value is complete and nothing can follow ({@link #isFinished}) the caller stops.
 *
 * <pre>{@code
 * VocabularyTrie trie = VocabularyTrie.of(tokenizer);          // once per model
 * TokenConstraint c = new TokenConstraint(JsonSchema.compile(schema), trie);
 * while (!c.isFinished()) {
 *     float[] logits = model.forward(...);
 *     c.mask(logits);                                          // disallowed tokens -> -Infinity
 *     int t = sampler.sample(logits);
 *     c.accept(t);
 *     if (vocabulary.isEog(t)) break;
 * }
 * }</pre>
 *
 * Masks are cached by parse state, so steps inside a long free-text string (whose state does not change
 * from token to token) cost a lookup. Not thread-safe: one per generation.
 */
public final class TokenConstraint implements LogitsConstraint {
    private final VocabularyTrie trie;
    private GrammarState state;
    private boolean ended;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    /** One reusable set per trie depth for the walk. */
    private final StateSet[] sets;
    private final MaskCache cache;
    private long[] current;
    private boolean cacheMasks = true;
    /** Statistics for benchmarks: walks done and masks answered from the cache. */
    public int walks;
    public int cacheHits;

    public TokenConstraint(Grammar grammar, VocabularyTrie trie) {
        this(grammar, trie, new MaskCache(trie));
    }

    /**
     * A constraint whose masks are kept in (and taken from) cache, which generations with the same grammar
     * and vocabulary may share (e.g. the agent's steps on one page snapshot).
     */
    public TokenConstraint(Grammar grammar, VocabularyTrie trie, MaskCache cache) {
        if (cache.trie != trie) {
            throw new IllegalArgumentException("the mask cache belongs to another vocabulary");
        }
        this.cache = cache;
        this.trie = trie;
        this.state = grammar.start();
        this.sets = new StateSet[trie.maxDepth + 1];
        for (int d = 0; d < sets.length; d++) {
            sets[d] = new StateSet();
        }
    }

    /** Turns the mask cache off (for benchmarks of the trie walk itself). */
    public void cacheMasks(boolean on) {
        cacheMasks = on;
    }

    /** The allowed next tokens, as bits of (vocab) longs; do not modify. */
    private long[] allowedBits() {
        if (current != null) {
            return current;
        }
        long[] bits;
        if (ended) {
            bits = new long[(trie.vocabSize() + 63) >>> 6];
        } else {
            MaskCache.Key key = new MaskCache.Key(state.stacks, trie.maxDepth);
            bits = cacheMasks ? cache.get(key) : null;
            if (bits == null) {
                bits = walk();
                cache.put(key, bits);
            } else {
                cacheHits++;
            }
        }
        current = bits;
        return bits;
    }

    private long[] walk() {
        walks++;
        long[] bits = new long[(trie.vocabSize() + 63) >>> 6];
        StateSet root = sets[0];
        root.clear();
        for (Frame f : state.stacks) {
            root.add(f);
        }
        byte[] label = trie.label;
        int[] depth = trie.depth;
        int[] size = trie.size;
        int[] tokStart = trie.tokStart;
        int[] tokens = trie.tokens;
        boolean[] plainText = trie.plainText;
        int horizon = trie.maxDepth;
        int n = trie.nodes;
        int i = 1;
        while (i < n) {
            int d = depth[i];
            StateSet out = sets[d];
            StateSet in = sets[d - 1];
            if (plainText[i] && in.n == 1 && in.frames[0].node instanceof StringNode
                    && ((StringNode) in.frames[0].node).freeText(in.frames[0], horizon)) {
                // inside free text: every token of the subtree is allowed, no need to look at them one by one
                int end = i + size[i];
                for (int k = tokStart[i]; k < tokStart[end]; k++) {
                    int t = tokens[k];
                    bits[t >>> 6] |= 1L << t;
                }
                i = end;
                continue;
            }
            in.advance(label[i] & 0xff, out);
            if (out.n == 0) {
                i += size[i];
                continue;
            }
            for (int k = tokStart[i]; k < tokStart[i + 1]; k++) {
                int t = tokens[k];
                bits[t >>> 6] |= 1L << t;
            }
            i++;
        }
        if (state.isComplete()) {
            for (int t : trie.eogTokens()) {
                bits[t >>> 6] |= 1L << t;
            }
        }
        return bits;
    }

    /** Sets out to the tokens that may come next. */
    public void allowed(BitSet out) {
        out.clear();
        long[] bits = allowedBits();
        for (int w = 0; w < bits.length; w++) {
            long b = bits[w];
            while (b != 0) {
                out.set(w * 64 + Long.numberOfTrailingZeros(b));
                b &= b - 1;
            }
        }
    }

    /** Whether token may come next. */
    public boolean isAllowed(int token) {
        long[] bits = allowedBits();
        return token >= 0 && token < trie.vocabSize() && (bits[token >>> 6] & (1L << token)) != 0;
    }

    /** How many tokens may come next. */
    public int allowedCount() {
        int c = 0;
        for (long b : allowedBits()) {
            c += Long.bitCount(b);
        }
        return c;
    }

    /**
     * Sets the logits of every token that may not come next to negative infinity.
     *
     * @throws GrammarException when no token of the vocabulary can continue (the vocabulary lacks the bytes)
     */
    @Override
    public void mask(float[] logits) {
        long[] bits = allowedBits();
        boolean any = false;
        int n = Math.min(logits.length, trie.vocabSize());
        for (int t = 0; t < n; t++) {
            if ((bits[t >>> 6] & (1L << t)) == 0) {
                logits[t] = Float.NEGATIVE_INFINITY;
            } else {
                any = true;
            }
        }
        for (int t = n; t < logits.length; t++) {
            logits[t] = Float.NEGATIVE_INFINITY;
        }
        if (!any) {
            throw new GrammarException("no token of the vocabulary can continue \"" + text() + "\"");
        }
    }

    /**
     * Advances past token.
     *
     * @throws GrammarException when the grammar does not allow it here
     */
    @Override
    public void accept(int token) {
        if (ended) {
            throw new GrammarException("token " + token + " after the end of generation");
        }
        if (trie.isEog(token)) {
            if (!state.isComplete()) {
                throw new GrammarException("end of generation before the value is complete: \"" + text() + "\"");
            }
            ended = true;
            current = null;
            return;
        }
        byte[] b = trie.bytes(token);
        GrammarState next = b == null ? null : state.advance(b);
        if (next == null) {
            throw new GrammarException("token " + token + " (" + (b == null ? "special" : "\""
                    + new String(b, StandardCharsets.UTF_8) + "\"") + ") cannot follow \"" + text() + "\"");
        }
        state = next;
        text.write(b, 0, b.length);
        current = null;
    }

    /** Whether the text so far is a complete value (end-of-generation tokens are allowed). */
    public boolean isComplete() {
        return ended || state.isComplete();
    }

    /** Whether the value is complete and nothing may follow, or an end-of-generation token was accepted. */
    @Override
    public boolean isFinished() {
        return ended || state.isFinished();
    }

    /** The text accepted so far. */
    public String text() {
        return new String(text.toByteArray(), StandardCharsets.UTF_8);
    }

    public GrammarState state() {
        return state;
    }
}
