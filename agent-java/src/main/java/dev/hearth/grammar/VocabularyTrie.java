package dev.hearth.grammar;

import dev.hearth.tokenizer.Tokenizer;
import dev.hearth.tokenizer.Vocabulary;
import java.util.Arrays;

/**
 * Every token's bytes in one byte trie, built once per vocabulary, laid out in depth-first order so that a
 * subtree is a contiguous range of nodes: computing the allowed tokens walks the nodes in order and skips a
 * whole subtree ({@code i += size[i]}) as soon as the grammar rejects its prefix.
 *
 * <p>Special tokens (control, user-defined, unknown, unused) are left out: constrained output is plain
 * text. End-of-generation tokens are kept apart ({@link #eogTokens}): the constraint allows them only
 * once the value is complete.
 */
public final class VocabularyTrie {
    private final int vocabSize;
    /** Node count; node 0 is the root (the empty prefix). */
    final int nodes;
    /** (nodes) the byte on the edge into the node. */
    final byte[] label;
    /** (nodes) bytes from the root. */
    final int[] depth;
    /** (nodes) the node and everything below it. */
    final int[] size;
    /** (nodes + 1) tokens of node n are tokens[tokStart[n] .. tokStart[n + 1]). */
    final int[] tokStart;
    final int[] tokens;
    final int maxDepth;
    /**
     * (nodes) whether every byte on the node's edge and below is printable ASCII other than '"' and '\\':
     * inside free text all its tokens are allowed at once, without a walk.
     */
    final boolean[] plainText;
    private final int[] eog;
    /** (vocab) each token's bytes; null for the tokens left out. */
    private final byte[][] tokenBytes;
    /** Milliseconds {@link #of} took. */
    public final double buildMillis;

    private VocabularyTrie(int vocabSize, int nodes, byte[] label, int[] depth, int[] size, int[] tokStart,
                           int[] tokens, int maxDepth, int[] eog, byte[][] tokenBytes, double buildMillis) {
        this.vocabSize = vocabSize;
        this.nodes = nodes;
        this.label = label;
        this.depth = depth;
        this.size = size;
        this.tokStart = tokStart;
        this.tokens = tokens;
        this.maxDepth = maxDepth;
        this.eog = eog;
        this.plainText = new boolean[nodes];
        // backwards over the preorder: next non-plain node at or after i; the subtree is [i, i + size[i])
        int nextOther = nodes;
        for (int i = nodes - 1; i >= 1; i--) {
            int b = label[i] & 0xff;
            if (b < 0x20 || b > 0x7e || b == '"' || b == '\\') {
                nextOther = i;
            }
            plainText[i] = nextOther >= i + size[i];
        }
        this.tokenBytes = tokenBytes;
        this.buildMillis = buildMillis;
    }

    public static VocabularyTrie of(Vocabulary v) {
        return of(new Tokenizer(v));
    }

    public static VocabularyTrie of(Tokenizer tokenizer) {
        long t0 = System.nanoTime();
        Vocabulary v = tokenizer.vocabulary();
        int n = v.size();
        byte[][] bytes = new byte[n][];
        Integer[] order = new Integer[n];
        int count = 0;
        int[] eog = new int[0];
        for (int id = 0; id < n; id++) {
            if (v.isEog(id)) {
                eog = Arrays.copyOf(eog, eog.length + 1);
                eog[eog.length - 1] = id;
                continue;
            }
            if (v.isSpecial(id) || v.type(id) == Vocabulary.UNUSED) {
                continue;
            }
            byte[] b = tokenizer.tokenBytes(id);
            if (b.length == 0) {
                continue;
            }
            bytes[id] = b;
            order[count++] = id;
        }
        Integer[] sorted = Arrays.copyOf(order, count);
        Arrays.sort(sorted, (a, b) -> compare(bytes[a], bytes[b]));

        // depth-first construction from the sorted keys: each key shares a prefix (its path) with the
        // previous one and adds nodes below it; a node's subtree is complete when the path leaves it
        int cap = 1024;
        byte[] label = new byte[cap];
        int[] depth = new int[cap];
        int[] size = new int[cap];
        int[] nodeOfToken = new int[count];
        int nodes = 1;
        int[] path = new int[16];
        int pathLen = 0; // path[0..pathLen) are the open nodes below the root, path[d] at depth d + 1
        byte[] prev = new byte[0];
        int maxDepth = 0;
        for (int k = 0; k < count; k++) {
            byte[] b = bytes[sorted[k]];
            int lcp = 0;
            while (lcp < b.length && lcp < prev.length && b[lcp] == prev[lcp]) {
                lcp++;
            }
            while (pathLen > lcp) {
                int closed = path[--pathLen];
                size[closed] = nodes - closed;
            }
            for (int d = lcp; d < b.length; d++) {
                if (nodes == cap) {
                    cap *= 2;
                    label = Arrays.copyOf(label, cap);
                    depth = Arrays.copyOf(depth, cap);
                    size = Arrays.copyOf(size, cap);
                }
                label[nodes] = b[d];
                depth[nodes] = d + 1;
                if (pathLen == path.length) {
                    path = Arrays.copyOf(path, pathLen * 2);
                }
                path[pathLen++] = nodes;
                nodes++;
            }
            nodeOfToken[k] = path[b.length - 1];
            maxDepth = Math.max(maxDepth, b.length);
            prev = b;
        }
        while (pathLen > 0) {
            int closed = path[--pathLen];
            size[closed] = nodes - closed;
        }
        size[0] = nodes;
        // tokens grouped by node: sorted order visits nodes in increasing order
        int[] tokStart = new int[nodes + 1];
        int[] tokens = new int[count];
        for (int k = 0; k < count; k++) {
            tokStart[nodeOfToken[k] + 1]++;
            tokens[k] = sorted[k];
        }
        for (int i = 0; i < nodes; i++) {
            tokStart[i + 1] += tokStart[i];
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        return new VocabularyTrie(n, nodes, Arrays.copyOf(label, nodes), Arrays.copyOf(depth, nodes),
                Arrays.copyOf(size, nodes), tokStart, tokens, maxDepth, eog, bytes, ms);
    }

    private static int compare(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int k = 0; k < n; k++) {
            int d = (a[k] & 0xff) - (b[k] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return a.length - b.length;
    }

    /** The vocabulary's size (token ids are below it). */
    public int vocabSize() {
        return vocabSize;
    }

    /** Trie nodes (distinct token prefixes plus the root). */
    public int nodeCount() {
        return nodes;
    }

    /** The longest token, in bytes. */
    public int maxTokenBytes() {
        return maxDepth;
    }

    /** End-of-generation token ids of the vocabulary. */
    public int[] eogTokens() {
        return Arrays.copyOf(eog, eog.length);
    }

    /** A copy of the bytes of token id, or null when it is never generated under a constraint (special, EOG). */
    public byte[] tokenBytes(int id) {
        byte[] b = bytes(id);
        return b == null ? null : Arrays.copyOf(b, b.length);
    }

    /** The bytes of token id, or null when it is special (or EOG) and never generated under a constraint. */
    byte[] bytes(int id) {
        return id >= 0 && id < tokenBytes.length ? tokenBytes[id] : null;
    }

    boolean isEog(int id) {
        for (int e : eog) {
            if (e == id) {
                return true;
            }
        }
        return false;
    }
}
