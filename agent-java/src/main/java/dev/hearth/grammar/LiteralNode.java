package dev.hearth.grammar;

/**
 * enum, const, true/false/null: one of a fixed set of JSON texts, matched through a {@link LiteralTrie}
 * (frame.j is the trie node). A literal that is a prefix of another (enum [1, 12]) can end early.
 */
final class LiteralNode extends Node {
    final LiteralTrie trie;
    /** The JSON texts, for messages. */
    final String[] texts;

    LiteralNode(String[] texts) {
        this.texts = texts;
        byte[][] b = new byte[texts.length][];
        for (int k = 0; k < texts.length; k++) {
            b[k] = Utf8Bytes.of(texts[k]);
        }
        this.trie = new LiteralTrie(b);
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        int next = trie.child(f.j, b);
        if (next >= 0) {
            if (trie.terminal(next) >= 0 && !trie.hasChildren(next)) {
                pop(f, out);
            } else {
                out.add(f.with(0, 0, next, 0L, 0L));
            }
        }
        if (canEnd(f)) {
            popAndFeed(f, b, out);
        }
    }

    @Override
    boolean canEnd(Frame f) {
        return trie.terminal(f.j) >= 0;
    }
}
