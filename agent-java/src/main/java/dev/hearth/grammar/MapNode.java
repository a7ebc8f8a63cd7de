package dev.hearth.grammar;

/**
 * An object with free keys whose values follow one schema (additionalProperties without properties, or any
 * object): {@code {"k":v,...}} with no whitespace, at most maxProperties entries.
 *
 * <p>Frame: phase 0 before '{', 1 after '{', 2 after a value, 3 after ',' (a key must follow), 4 in a key,
 * 5 after a key (':' follows), 6 in a value; i = entries so far.
 */
final class MapNode extends Node {
    final StringNode key = new StringNode(0, -1, null);
    /** Set after construction, so that recursive "any value" schemas can refer to themselves. */
    Node value;
    final int maxProperties;

    MapNode(Node value, int maxProperties) {
        this.value = value;
        this.maxProperties = maxProperties;
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
                if (b == '}') {
                    pop(f, out);
                } else if (b == '"' && maxProperties != 0) {
                    out.add(key.opened(f.with(4, 0, 0, 0L, 0L)));
                }
                return;
            case 2:
                if (b == '}') {
                    pop(f, out);
                } else if (b == ',' && (maxProperties < 0 || f.i < maxProperties)) {
                    out.add(f.with(3, f.i, 0, 0L, 0L));
                }
                return;
            case 3:
                if (b == '"') {
                    out.add(key.opened(f.with(4, f.i, 0, 0L, 0L)));
                }
                return;
            case 5:
                if (b == ':') {
                    value.push(f.with(6, f.i, 0, 0L, 0L), out);
                }
                return;
            default:
                throw new IllegalStateException("a map's key or value frame is never on top");
        }
    }

    @Override
    Frame childDone(Frame f) {
        return f.phase == 4 ? f.with(5, f.i, 0, 0L, 0L) : f.with(2, f.i + 1, 0, 0L, 0L);
    }
}
