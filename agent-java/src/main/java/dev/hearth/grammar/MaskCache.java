package dev.hearth.grammar;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Allowed-token masks by parse state, for one vocabulary. Generations with the same {@link Grammar} may
 * share one (states of different grammars never compare equal, so sharing across grammars is only
 * wasteful). Bounded: cleared when it reaches {@link #LIMIT} masks. Not thread-safe.
 */
public final class MaskCache {
    public static final int LIMIT = 512;

    final VocabularyTrie trie;
    private final Map<Key, long[]> masks = new HashMap<>();

    public MaskCache(VocabularyTrie trie) {
        this.trie = trie;
    }

    long[] get(Key k) {
        return masks.get(k);
    }

    void put(Key k, long[] bits) {
        if (masks.size() >= LIMIT) {
            masks.clear();
        }
        masks.put(k, bits);
    }

    /**
     * The parse state as a cache key: a string's top frame normalised (its character count does not matter
     * while it is far from both length limits), the rest compared as is.
     */
    static final class Key {
        private final Frame[] frames;
        private final int hash;

        Key(Frame[] stacks, int horizon) {
            frames = new Frame[stacks.length];
            int h = 1;
            for (int k = 0; k < stacks.length; k++) {
                Frame f = stacks[k];
                if (f.node instanceof StringNode) {
                    f = ((StringNode) f.node).normalized(f, horizon);
                }
                frames[k] = f;
                h = 31 * h + f.hashCode();
            }
            hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Arrays.equals(frames, ((Key) o).frames);
        }
    }
}
