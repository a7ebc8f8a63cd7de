package dev.hearth.agent;

import dev.hearth.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a run ended: {"status": "done"|"max_steps"|"cancelled"|"loop"|"error", "answer": ..., "steps": N}. */
public final class AgentResult {
    public static final String DONE = "done";
    public static final String MAX_STEPS = "max_steps";
    public static final String CANCELLED = "cancelled";
    public static final String LOOP = "loop";
    public static final String ERROR = "error";

    private final String status;
    private final String answer;
    private final int steps;
    private final Trace trace;

    AgentResult(String status, String answer, int steps, Trace trace) {
        this.status = status;
        this.answer = answer;
        this.steps = steps;
        this.trace = trace;
    }

    public String status() { return status; }
    /** The model's answer (done), what went wrong (error, loop), or null. */
    public String answer() { return answer; }
    /** Model calls made. */
    public int steps() { return steps; }
    public Trace trace() { return trace; }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("answer", answer);
        m.put("steps", (long) steps);
        return m;
    }

    public String json() {
        return Json.write(toMap());
    }

    @Override
    public String toString() {
        return json();
    }
}
