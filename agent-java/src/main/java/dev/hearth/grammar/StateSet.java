package dev.hearth.grammar;

import java.util.Arrays;

/**
 * The parse stacks alive after some bytes (more than one where the schema is ambiguous so far: the
 * alternatives of anyOf, a number that may end or go on). A reusable buffer; duplicates are dropped on add
 * so that alternatives that converge do not multiply.
 */
final class StateSet {
    Frame[] frames = new Frame[4];
    int n;

    void clear() {
        n = 0;
    }

    void add(Frame f) {
        for (int k = 0; k < n; k++) {
            if (frames[k].equals(f)) {
                return;
            }
        }
        if (n == frames.length) {
            frames = Arrays.copyOf(frames, n * 2);
        }
        frames[n++] = f;
    }

    /** Every stack of this set advanced by byte b (0..255) into out (cleared first). */
    void advance(int b, StateSet out) {
        out.n = 0;
        for (int k = 0; k < n; k++) {
            Frame f = frames[k];
            f.node.step(f, b, out);
        }
    }

    Frame[] toArray() {
        return Arrays.copyOf(frames, n);
    }
}
