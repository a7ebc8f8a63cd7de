package dev.hearth.grammar;

import dev.hearth.json.Json;

/**
 * An object with declared properties, written in the schema's property order with no whitespace:
 * {@code {"a":1,"b":"x"}}. Optional properties may be skipped; required ones may not; no other keys are
 * generated (additionalProperties is treated as false). Keys are matched as literals {@code "key":} in one
 * {@link LiteralTrie} whose reach masks keep out keys that may no longer come (already passed, or past a
 * required one not yet written).
 *
 * <p>Frame: phase 0 before '{', 1 after '{', 2 after a value, 3 in a key (j = trie node), 4 in a value;
 * i = index of the first property that may still come.
 */
final class ObjectNode extends Node {
    static final int MAX_PROPERTIES = 64;

    final String[] keys;
    final Node[] values;
    final boolean[] required;
    private final LiteralTrie keyTrie;
    /** Per i: the properties that may come next (i..the first required one at or after i). */
    private final long[] candidates;
    /** Per i: whether a required property is at or after i (so '}' is not yet allowed). */
    private final boolean[] requiredLeft;

    ObjectNode(String[] keys, Node[] values, boolean[] required) {
        this.keys = keys;
        this.values = values;
        this.required = required;
        int n = keys.length;
        byte[][] lits = new byte[n][];
        for (int k = 0; k < n; k++) {
            StringBuilder b = new StringBuilder();
            Json.quote(keys[k], b);
            b.append(':');
            lits[k] = Utf8Bytes.of(b.toString());
        }
        keyTrie = new LiteralTrie(lits);
        candidates = new long[n + 1];
        requiredLeft = new boolean[n + 1];
        for (int i = n - 1; i >= 0; i--) {
            requiredLeft[i] = required[i] || requiredLeft[i + 1];
            candidates[i] = required[i] ? 1L << i : (1L << i) | candidates[i + 1];
        }
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        switch (f.phase) {
            case 0:
                if (b == '{') {
                    out.add(f.with(1, 0, 0, 0L, 0L));
                }
                return;
            case 1:
                if (b == '}' && !requiredLeft[0]) {
                    pop(f, out);
                } else {
                    key(f, 0, b, out);
                }
                return;
            case 2:
                if (b == '}' && !requiredLeft[f.i]) {
                    pop(f, out);
                } else if (b == ',' && candidates[f.i] != 0) {
                    out.add(f.with(3, f.i, 0, 0L, 0L));
                }
                return;
            case 3:
                key(f, f.j, b, out);
                return;
            default:
                throw new IllegalStateException("an object's value frame is never on top");
        }
    }

    private void key(Frame f, int node, int b, StateSet out) {
        int next = keyTrie.child(node, b);
        if (next < 0 || (keyTrie.reach(next) & candidates[f.i]) == 0) {
            return;
        }
        int k = keyTrie.terminal(next);
        if (k >= 0) { // the whole "key": is written: the value follows
            values[k].push(f.with(4, k + 1, 0, 0L, 0L), out);
        } else {
            out.add(f.with(3, f.i, next, 0L, 0L));
        }
    }

    @Override
    Frame childDone(Frame f) {
        return f.with(2, f.i, 0, 0L, 0L);
    }
}
