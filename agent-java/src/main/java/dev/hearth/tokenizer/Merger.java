package dev.hearth.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge loop both tokenizer families share (llama.cpp's llm_tokenizer_spm/bpe sessions): start from
 * single characters, repeatedly merge the best adjacent pair that forms a known piece, keeping a linked
 * list of symbols. "Best" is the highest score (SentencePiece) or the lowest merge rank (BPE); ties go
 * to the leftmost pair.
 */
final class Merger {
    /** Ranks a candidate pair; lower is better; {@link #NONE} when the pair may not merge. */
    interface Ranking {
        double rank(String left, String right);
    }

    static final double NONE = Double.NaN;

    static final class Symbol {
        int prev;
        int next;
        int start; // byte offset in the piece
        int len;   // bytes; 0 once merged into its left neighbour
    }

    private static final class Pair implements Comparable<Pair> {
        final int left;
        final int right;
        final double rank;
        final int size;

        Pair(int left, int right, double rank, int size) {
            this.left = left;
            this.right = right;
            this.rank = rank;
            this.size = size;
        }

        @Override
        public int compareTo(Pair o) {
            if (rank != o.rank) {
                return rank < o.rank ? -1 : 1;
            }
            return Integer.compare(left, o.left);
        }
    }

    /**
     * Merges the characters of {@code piece} (a byte string, split at UTF-8 character boundaries) and
     * returns the symbols; those with len > 0, in list order, are the result.
     */
    static List<Symbol> merge(String piece, Ranking ranking) {
        List<Symbol> symbols = new ArrayList<>();
        int offs = 0;
        while (offs < piece.length()) {
            Symbol s = new Symbol();
            s.start = offs;
            s.len = Math.min(piece.length() - offs, Utf8.sequenceLength(piece.charAt(offs)));
            s.prev = symbols.size() - 1;
            s.next = offs + s.len < piece.length() ? symbols.size() + 1 : -1;
            offs += s.len;
            symbols.add(s);
        }
        PriorityQueue<Pair> queue = new PriorityQueue<>();
        for (int i = 1; i < symbols.size(); i++) {
            tryAdd(piece, symbols, i - 1, i, ranking, queue);
        }
        while (!queue.isEmpty()) {
            Pair p = queue.poll();
            Symbol l = symbols.get(p.left);
            Symbol r = symbols.get(p.right);
            if (l.len == 0 || r.len == 0 || l.len + r.len != p.size) {
                continue; // outdated: one side was merged since
            }
            Symbol merged = l;
            merged.len += r.len;
            r.len = 0;
            merged.next = r.next;
            if (r.next >= 0) {
                symbols.get(r.next).prev = p.left;
            }
            if (merged.prev >= 0) {
                tryAdd(piece, symbols, merged.prev, p.left, ranking, queue);
            }
            if (merged.next >= 0) {
                tryAdd(piece, symbols, p.left, merged.next, ranking, queue);
            }
        }
        return symbols;
    }

    private static void tryAdd(String piece, List<Symbol> symbols, int left, int right, Ranking ranking,
                               PriorityQueue<Pair> queue) {
        Symbol l = symbols.get(left);
        Symbol r = symbols.get(right);
        String a = piece.substring(l.start, l.start + l.len);
        String b = piece.substring(r.start, r.start + r.len);
        double rank = ranking.rank(a, b);
        if (!Double.isNaN(rank)) {
            queue.add(new Pair(left, right, rank, l.len + r.len));
        }
    }
}
