package dev.hearth.grammar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A byte trie over a fixed set of literals (the JSON text of enum values, or an object's {@code "key":}
 * prefixes), so that matching any of a few hundred alternatives costs one child lookup per byte. Node 0 is
 * the root. Each node knows which literal ends there and, for the first 64 literals, which are below it.
 */
final class LiteralTrie {
    private byte[][] labels;
    private int[][] kids;
    private int[] terminal;
    private long[] reach;

    /** literals[k] as UTF-8 bytes; no literal may be given twice. */
    LiteralTrie(byte[][] literals) {
        List<byte[]> lab = new ArrayList<>();
        List<int[]> kid = new ArrayList<>();
        List<Integer> term = new ArrayList<>();
        List<Long> below = new ArrayList<>();
        lab.add(new byte[0]);
        kid.add(new int[0]);
        term.add(-1);
        below.add(0L);
        for (int k = 0; k < literals.length; k++) {
            int node = 0;
            long bit = k < 64 ? 1L << k : 0L;
            below.set(0, below.get(0) | bit);
            for (byte c : literals[k]) {
                int next = find(lab.get(node), kid.get(node), c & 0xff);
                if (next < 0) {
                    next = lab.size();
                    lab.add(new byte[0]);
                    kid.add(new int[0]);
                    term.add(-1);
                    below.add(0L);
                    byte[] l = lab.get(node);
                    int[] kk = kid.get(node);
                    // keep children sorted by byte for the binary search
                    int at = 0;
                    while (at < l.length && (l[at] & 0xff) < (c & 0xff)) {
                        at++;
                    }
                    byte[] nl = new byte[l.length + 1];
                    int[] nk = new int[kk.length + 1];
                    System.arraycopy(l, 0, nl, 0, at);
                    System.arraycopy(kk, 0, nk, 0, at);
                    nl[at] = c;
                    nk[at] = next;
                    System.arraycopy(l, at, nl, at + 1, l.length - at);
                    System.arraycopy(kk, at, nk, at + 1, kk.length - at);
                    lab.set(node, nl);
                    kid.set(node, nk);
                }
                node = next;
                below.set(node, below.get(node) | bit);
            }
            if (term.get(node) >= 0) {
                throw new IllegalArgumentException("literal " + k + " repeats literal " + term.get(node));
            }
            term.set(node, k);
        }
        int n = lab.size();
        labels = lab.toArray(new byte[0][]);
        kids = kid.toArray(new int[0][]);
        terminal = new int[n];
        reach = new long[n];
        for (int i = 0; i < n; i++) {
            terminal[i] = term.get(i);
            reach[i] = below.get(i);
        }
    }

    private static int find(byte[] l, int[] k, int b) {
        int lo = 0;
        int hi = l.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = l[mid] & 0xff;
            if (v < b) {
                lo = mid + 1;
            } else if (v > b) {
                hi = mid - 1;
            } else {
                return k[mid];
            }
        }
        return -1;
    }

    /** The child of node by byte b, or -1. */
    int child(int node, int b) {
        return find(labels[node], kids[node], b);
    }

    /** The literal that ends at node, or -1. */
    int terminal(int node) {
        return terminal[node];
    }

    boolean hasChildren(int node) {
        return labels[node].length > 0;
    }

    /** Bit k set when literal k (k < 64) is node's or below it. */
    long reach(int node) {
        return reach[node];
    }

    int size() {
        return labels.length;
    }

    @Override
    public String toString() {
        return "LiteralTrie(" + labels.length + " nodes, root " + Arrays.toString(labels[0]) + ")";
    }
}
