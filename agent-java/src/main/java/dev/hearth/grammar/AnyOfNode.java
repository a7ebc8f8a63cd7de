package dev.hearth.grammar;

/** anyOf/oneOf: starts every alternative; the ones the bytes rule out fall away (oneOf's exclusivity is not checked). */
final class AnyOfNode extends Node {
    final Node[] alternatives;

    AnyOfNode(Node[] alternatives) {
        this.alternatives = alternatives;
    }

    @Override
    void push(Frame up, StateSet out) {
        for (Node a : alternatives) {
            a.push(up, out);
        }
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        throw new IllegalStateException("anyOf never has a frame of its own");
    }
}
