package dev.hearth.grammar;

/** The bottom of every stack: phase 0 while the top-level value is being matched, 1 once it is complete. */
final class RootNode extends Node {
    @Override
    void step(Frame f, int b, StateSet out) {
        // nothing follows the value (no whitespace is generated)
    }

    @Override
    Frame childDone(Frame f) {
        return f.with(1, 0, 0, 0L, 0L);
    }
}
