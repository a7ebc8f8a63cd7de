package dev.hearth.agent;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a run, as the trace records it (one JSON line):
 * <pre>
 * {"step": 3,
 *  "snapshot": {"digest": "9f2c…", "chars": 1840, "refs": ["e1", "e4"], "url": "http://…"},   the page the model saw
 *  "compacted": ["dropped the snapshot of step 1"],                               only when the history was shrunk
 *  "raw": "{\"name\":\"click\",…}",                                               what the model generated
 *  "call": {"name": "click", "arguments": {"ref": "e7"}},                          null when the reply was unusable
 *  "policy": [{"kind": "form_submit", "question": "…", "allowed": false}],         or {"forbidden": "…"}; only when asked
 *  "result": {"ok": true, "message": "…"},                                         or {"ok": false, "message": "…"} (not executed or failed)
 *  "ms": {"model": 812, "tool": 140}}
 * </pre>
 */
public final class TraceStep {
    final int step;
    final String digest;
    final int chars;
    final List<String> refs;
    final String url;
    final List<String> compacted = new ArrayList<>();
    String raw = "";
    ToolCall call;
    final List<Map<String, Object>> policy = new ArrayList<>();
    Boolean ok;
    String message;
    long modelMs;
    long toolMs;

    TraceStep(int step, PageSnapshot seen) {
        this.step = step;
        this.digest = seen.digest();
        this.chars = seen.text().length();
        this.refs = seen.refNames();
        this.url = seen.url();
    }

    public int step() { return step; }
    public String digest() { return digest; }
    /** The refs of the snapshot the model saw: the only values its ref arguments could take. */
    public List<String> refs() { return refs; }
    public String raw() { return raw; }
    /** The parsed call, or null when the model's reply was not a usable call. */
    public ToolCall call() { return call; }
    /** Policy questions and answers (or a refusal without asking) for this step's action. */
    public List<Map<String, Object>> policy() { return policy; }
    /** Whether the action was done and succeeded; null when nothing was executed (done, cancelled). */
    public Boolean ok() { return ok; }
    public String message() { return message; }

    void result(boolean ok, String message) {
        this.ok = ok;
        this.message = message;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", (long) step);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("digest", digest);
        s.put("chars", (long) chars);
        s.put("refs", new ArrayList<Object>(refs));
        s.put("url", url);
        m.put("snapshot", s);
        if (!compacted.isEmpty()) {
            m.put("compacted", new ArrayList<Object>(compacted));
        }
        m.put("raw", raw);
        m.put("call", call == null ? null : call.toMap());
        if (!policy.isEmpty()) {
            m.put("policy", new ArrayList<Object>(policy));
        }
        if (ok != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ok", ok);
            r.put("message", message);
            m.put("result", r);
        } else if (message != null) {
            m.put("note", message);
        }
        Map<String, Object> ms = new LinkedHashMap<>();
        ms.put("model", modelMs);
        ms.put("tool", toolMs);
        m.put("ms", ms);
        return m;
    }

    public String json() {
        return Json.write(toMap());
    }
}
