package dev.hearth.grammar;

/** A {@code $ref}, resolved once the whole schema is compiled (so definitions may refer to each other). */
final class RefNode extends Node {
    final String ref;
    Node target;

    RefNode(String ref) {
        this.ref = ref;
    }

    @Override
    void push(Frame up, StateSet out) {
        target.push(up, out);
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        throw new IllegalStateException("$ref never has a frame of its own");
    }
}
