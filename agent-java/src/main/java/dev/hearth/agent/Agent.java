package dev.hearth.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observe-think-act loop. Each step: the history (compacted to the model's context) and the current
 * refs go to the model, which answers one tool call; the call is checked (a valid tool, refs in the
 * snapshot), reviewed (sensitive actions ask the {@link Policy}; an origin outside the allowlist is
 * refused), executed on the page, and the result with a fresh snapshot becomes the next observation.
 * Mistakes are shown to the model, which tries again. Ends on {@code done}, the step limit, cancellation,
 * a loop (the same call on an unchanged page {@code repeatLimit} times, then once more after a warning),
 * or an error of the page or the model.
 */
public final class Agent {
    private final AgentModel model;
    private final PageTools page;

    public Agent(AgentModel model, PageTools page) {
        this.model = model;
        this.page = page;
    }

    public AgentResult run(String task, AgentOptions o) {
        Trace trace = new Trace();
        Cancellation cancel = o.cancellation;
        PageSnapshot current;
        try {
            current = page.snapshot();
        } catch (RuntimeException e) {
            return finish(o, AgentResult.ERROR, "could not read the page: " + describe(e), 0, trace);
        }
        List<String> origins = new ArrayList<>(o.allowedOrigins);
        String start = Origins.of(current.url(), "");
        if (!start.isEmpty()) {
            origins.add(start);
        }
        ActionReview review = new ActionReview(origins);
        History history = new History(o.systemPrompt, task, current);
        String lastKey = null;
        int repeats = 0;
        for (int step = 1; step <= o.maxSteps; step++) {
            if (cancel.isCancelled()) {
                return finish(o, AgentResult.CANCELLED, null, step - 1, trace);
            }
            TraceStep t = new TraceStep(step, current);
            t.compacted.addAll(history.compact(model));
            ModelRequest request = new ModelRequest(history.messages(), o.tools, current.refNames(), step);
            long t0 = now();
            ModelTurn turn;
            try {
                turn = model.next(request, cancel);
            } catch (ModelOutputException e) {
                t.modelMs = now() - t0;
                t.raw = e.raw();
                if (cancel.isCancelled()) {
                    return cancelled(o, t, step, trace);
                }
                t.result(false, "your reply was not a usable tool call: " + e.getMessage());
                history.add(step, Message.assistantText(e.raw()), t.message, current);
                record(o, trace, t);
                continue;
            } catch (RuntimeException e) {
                t.modelMs = now() - t0;
                if (cancel.isCancelled()) {
                    return cancelled(o, t, step, trace);
                }
                t.result(false, "the model failed: " + describe(e));
                record(o, trace, t);
                return finish(o, AgentResult.ERROR, t.message, step, trace);
            }
            t.modelMs = now() - t0;
            t.raw = turn.raw();
            ToolCall call = turn.call();
            t.call = call;
            if (cancel.isCancelled()) {
                return cancelled(o, t, step, trace);
            }
            if (call.name().equals(AgentTools.DONE.name())) {
                t.message = "done";
                record(o, trace, t);
                return finish(o, AgentResult.DONE, call.text("answer"), step, trace);
            }

            String key = call.json() + "@" + current.digest();
            repeats = key.equals(lastKey) ? repeats + 1 : 1;
            lastKey = key;
            if (repeats > o.repeatLimit) {
                t.result(false, "not executed: the same call again after the warning");
                record(o, trace, t);
                return finish(o, AgentResult.LOOP, "the model repeated " + call.json() + " " + repeats
                        + " times on a page that did not change", step, trace);
            }

            String result;
            if (repeats == o.repeatLimit) {
                result = "Not executed: you made this same call " + repeats + " times on a page that did not change. "
                        + "It is not getting anywhere: do something different, or call done with what you know.";
                t.result(false, result);
            } else {
                result = act(call, current, review, o, t);
            }
            if (cancel.isCancelled()) {
                record(o, trace, t);
                return finish(o, AgentResult.CANCELLED, null, step, trace);
            }
            try {
                long s0 = now();
                current = page.snapshot();
                t.toolMs += now() - s0;
            } catch (RuntimeException e) {
                record(o, trace, t);
                return finish(o, AgentResult.ERROR, "could not read the page: " + describe(e), step, trace);
            }
            history.add(step, Message.assistant(call), result, current);
            record(o, trace, t);
        }
        return finish(o, AgentResult.MAX_STEPS, null, o.maxSteps, trace);
    }

    /** Checks, reviews and executes one call; returns the observation text and fills the trace step. */
    private String act(ToolCall call, PageSnapshot current, ActionReview review, AgentOptions o, TraceStep t) {
        String problem = AgentTools.problem(call, o.tools, current.refNames());
        if (problem != null) {
            t.result(false, problem);
            return "Error: " + problem;
        }
        ActionReview.Outcome outcome = review.review(call, current);
        if (outcome.forbidden != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("forbidden", outcome.forbidden);
            t.policy.add(d);
            String m = "Refused: " + outcome.forbidden + ". Do not try to leave the allowed sites.";
            t.result(false, m);
            return m;
        }
        for (SensitiveAction a : outcome.toAsk) {
            boolean allowed;
            try {
                allowed = o.policy.allow(a);
            } catch (RuntimeException e) {
                allowed = false; // a policy that cannot answer has not said yes
            }
            Map<String, Object> d = a.toMap();
            d.put("allowed", allowed);
            t.policy.add(d);
            if (!allowed) {
                String m = "Refused by the user: \"" + a.question() + "\" was answered no. The action was not done. "
                        + "Do not try it again another way; continue without it, or call done and say what is left to the user.";
                t.result(false, m);
                return m;
            }
        }
        if (call.name().equals("snapshot")) {
            t.result(true, "took a new snapshot");
            return "A new snapshot of the page is below.";
        }
        long s0 = now();
        ActionResult r = page.act(call);
        t.toolMs = now() - s0;
        t.result(r.ok(), r.message());
        return r.ok() ? r.message() : "Error: " + r.message();
    }

    private AgentResult cancelled(AgentOptions o, TraceStep t, int step, Trace trace) {
        t.message = "cancelled before the call was executed";
        record(o, trace, t);
        return finish(o, AgentResult.CANCELLED, null, step, trace);
    }

    private static void record(AgentOptions o, Trace trace, TraceStep t) {
        trace.add(t);
        try {
            o.listener.onStep(t);
        } catch (RuntimeException e) {
            // a broken UI must not break the run
        }
    }

    private static AgentResult finish(AgentOptions o, String status, String answer, int steps, Trace trace) {
        AgentResult r = new AgentResult(status, answer, steps, trace);
        try {
            o.listener.onFinish(r);
        } catch (RuntimeException e) {
            // as in record
        }
        return r;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
