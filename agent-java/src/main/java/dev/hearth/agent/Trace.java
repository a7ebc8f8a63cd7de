package dev.hearth.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every step of a run, in order; {@link #jsonLines} exports it (one {@link TraceStep} JSON object a line). */
public final class Trace {
    private final List<TraceStep> steps = new ArrayList<>();

    void add(TraceStep s) {
        steps.add(s);
    }

    public List<TraceStep> steps() {
        return Collections.unmodifiableList(steps);
    }

    public String jsonLines() {
        StringBuilder b = new StringBuilder();
        for (TraceStep s : steps) {
            b.append(s.json()).append('\n');
        }
        return b.toString();
    }
}
