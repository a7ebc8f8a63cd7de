package dev.hearth.grammar;

/**
 * A piece of the compiled schema that matches one JSON value byte by byte. Nodes are immutable and shared;
 * all progress lives in {@link Frame}s. A node matching a value either pops itself when the byte that ends
 * it is consumed (a string's closing quote, an object's brace) or, when the end is only known from the
 * byte after it (a number), says {@link #canEnd} and hands that byte to its parent.
 */
abstract class Node {
    private static int nextId;

    /** For hashing frames; any distinct value per node will do. */
    final int id = nextId++;

    /** Puts this value's starting frame(s) on top of up (more than one for alternatives). */
    void push(Frame up, StateSet out) {
        out.add(new Frame(this, 0, 0, 0, 0L, 0L, up));
    }

    /** Consumes byte b (0..255) at frame f, adding each resulting stack to out; adds nothing to reject b. */
    abstract void step(Frame f, int b, StateSet out);

    /** Whether the value at f is complete without more bytes, although it could also go on (numbers). */
    boolean canEnd(Frame f) {
        return false;
    }

    /** The frame of this (container) node once the child value it was waiting for is complete. */
    Frame childDone(Frame f) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no child values");
    }

    /** The value at f is complete with the byte just consumed: continue with the parent. */
    static void pop(Frame f, StateSet out) {
        Frame up = f.up;
        out.add(up.node.childDone(up));
    }

    /** The value at f ended before byte b: the parent consumes b. */
    static void popAndFeed(Frame f, int b, StateSet out) {
        Frame up = f.up.node.childDone(f.up);
        up.node.step(up, b, out);
    }

    /** Pushes child's frames on top of up, then feeds them byte b (a value that began with b). */
    static void pushAndFeed(Node child, Frame up, int b, StateSet out) {
        StateSet started = new StateSet();
        child.push(up, started);
        for (int k = 0; k < started.n; k++) {
            Frame f = started.frames[k];
            f.node.step(f, b, out);
        }
    }
}
