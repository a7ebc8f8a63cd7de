package dev.hearth.grammar;

/**
 * One level of the parse stack: which grammar node is being matched, how far it has got, and the frame of
 * the enclosing value ({@code up}). Immutable, so a state is shared by every continuation that extends it
 * and advancing allocates only the new top frame(s). The meaning of {@code phase, i, j, x, y} belongs to
 * the node (a string's character count, an object's next property, a number's digits...).
 */
final class Frame {
    final Node node;
    final int phase;
    final int i;
    final int j;
    final long x;
    final long y;
    final Frame up;
    private final int hash;

    Frame(Node node, int phase, int i, int j, long x, long y, Frame up) {
        this.node = node;
        this.phase = phase;
        this.i = i;
        this.j = j;
        this.x = x;
        this.y = y;
        this.up = up;
        int h = up == null ? 17 : up.hash;
        h = 31 * h + node.id;
        h = 31 * h + phase;
        h = 31 * h + i;
        h = 31 * h + j;
        h = 31 * h + (int) (x ^ (x >>> 32));
        h = 31 * h + (int) (y ^ (y >>> 32));
        this.hash = h;
    }

    /** This frame with other progress (itself when nothing changes: the common case inside free text). */
    Frame with(int phase, int i, int j, long x, long y) {
        if (phase == this.phase && i == this.i && j == this.j && x == this.x && y == this.y) {
            return this;
        }
        return new Frame(node, phase, i, j, x, y, up);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        Frame a = this;
        Object bo = o;
        while (true) {
            if (a == bo) {
                return true;
            }
            if (!(bo instanceof Frame)) {
                return false;
            }
            Frame b = (Frame) bo;
            if (a.hash != b.hash || a.node != b.node || a.phase != b.phase || a.i != b.i || a.j != b.j
                    || a.x != b.x || a.y != b.y) {
                return false;
            }
            if (a.up == null || b.up == null) {
                return a.up == b.up;
            }
            a = a.up;
            bo = b.up;
        }
    }
}
