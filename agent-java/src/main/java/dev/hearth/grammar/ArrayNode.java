package dev.hearth.grammar;

/**
 * An array whose items follow one schema, with minItems/maxItems: {@code [a,b]} with no whitespace.
 *
 * <p>Frame: phase 0 before '[', 1 after '[', 2 after an item, 3 in an item; i = items so far (counting the
 * one being written).
 */
final class ArrayNode extends Node {
    /** Set after construction, so that recursive "any value" schemas can refer to themselves. */
    Node items;
    final int minItems;
    /** -1: no limit. */
    final int maxItems;

    ArrayNode(Node items, int minItems, int maxItems) {
        this.items = items;
        this.minItems = minItems;
        this.maxItems = maxItems;
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        switch (f.phase) {
            case 0:
                if (b == '[') {
                    out.add(f.with(1, 0, 0, 0L, 0L));
                }
                return;
            case 1:
                if (b == ']') {
                    if (minItems == 0) {
                        pop(f, out);
                    }
                } else if (maxItems != 0) {
                    pushAndFeed(items, f.with(3, 1, 0, 0L, 0L), b, out);
                }
                return;
            case 2:
                if (b == ']') {
                    if (f.i >= minItems) {
                        pop(f, out);
                    }
                } else if (b == ',' && (maxItems < 0 || f.i < maxItems)) {
                    items.push(f.with(3, f.i + 1, 0, 0L, 0L), out);
                }
                return;
            default:
                throw new IllegalStateException("an array's item frame is never on top");
        }
    }

    @Override
    Frame childDone(Frame f) {
        return f.with(2, f.i, 0, 0L, 0L);
    }
}
