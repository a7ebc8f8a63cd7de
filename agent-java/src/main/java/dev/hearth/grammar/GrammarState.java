package dev.hearth.grammar;

/**
 * Where matching stands after some bytes: the parse stacks still alive. Immutable; {@link #advance}
 * returns a new state (sharing frames with this one) or null when the byte is not allowed.
 */
public final class GrammarState {
    final Frame[] stacks;

    GrammarState(Frame[] stacks) {
        this.stacks = stacks;
    }

    /** The state after byte b (0..255), or null when b cannot come next. */
    public GrammarState advance(int b) {
        StateSet in = new StateSet();
        for (Frame f : stacks) {
            in.add(f);
        }
        StateSet out = new StateSet();
        in.advance(b & 0xff, out);
        return out.n == 0 ? null : new GrammarState(out.toArray());
    }

    /** The state after all of bytes, or null as soon as one is not allowed. */
    public GrammarState advance(byte[] bytes) {
        GrammarState s = this;
        for (int k = 0; k < bytes.length && s != null; k++) {
            s = s.advance(bytes[k] & 0xff);
        }
        return s;
    }

    /** Whether the bytes so far are a complete value (generation may stop here). */
    public boolean isComplete() {
        for (Frame f : stacks) {
            if (complete(f)) {
                return true;
            }
        }
        return false;
    }

    static boolean complete(Frame f) {
        while (true) {
            if (f.node instanceof RootNode) {
                return f.phase == 1;
            }
            if (!f.node.canEnd(f)) {
                return false;
            }
            f = f.up.node.childDone(f.up);
        }
    }

    /** Whether the value is complete and no byte can follow (an object's closing brace): stop generating. */
    public boolean isFinished() {
        for (Frame f : stacks) {
            if (!(f.node instanceof RootNode && f.phase == 1)) {
                return false;
            }
        }
        return true;
    }

    /** How many alternative parses are alive (1 unless the schema is ambiguous so far). */
    public int alternatives() {
        return stacks.length;
    }
}
