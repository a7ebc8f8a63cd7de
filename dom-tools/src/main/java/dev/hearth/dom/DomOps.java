package dev.hearth.dom;

import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON face of the DOM tools, for the page bridge: {@code snapshot} takes
 * {maxChars | max_chars, diff} and answers {text, refs: [{ref, role, name}], url, title, truncated};
 * {@code act} takes {tool, args} and answers {ok, message, changes?, url, ...}.
 */
public final class DomOps {
    private DomOps() {}

    public static String snapshot(String argsJson) {
        Map<String, Object> a = argsJson == null || argsJson.trim().isEmpty() ? new LinkedHashMap<>()
                : Json.asObject(Json.parse(argsJson));
        return Json.write(snapshotResult(a));
    }

    static Map<String, Object> snapshotResult(Map<String, Object> a) {
        int max = Actions.integer(a, "maxChars", Actions.integer(a, "max_chars", Snapshot.DEFAULT_MAX_CHARS));
        Snapshot s = Snapshot.take(max, Actions.bool(a, "diff"));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("text", s.text());
        List<Object> refs = new ArrayList<>();
        for (Snapshot.RefInfo i : s.refs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ref", i.ref);
            m.put("role", i.role);
            m.put("name", i.name);
            refs.add(m);
        }
        r.put("refs", refs);
        r.put("url", Dom.url());
        r.put("title", Dom.title());
        r.put("truncated", s.truncated());
        return r;
    }

    public static String act(String argsJson) {
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        String tool = a.get("tool") == null ? "" : String.valueOf(a.get("tool"));
        Object args = a.get("args");
        Map<String, Object> toolArgs = args == null ? new LinkedHashMap<>() : Json.asObject(args);
        if (tool.equals("snapshot")) {
            Map<String, Object> r = snapshotResult(toolArgs);
            r.put("ok", true);
            r.put("message", r.get("text"));
            return Json.write(r);
        }
        return Json.write(Actions.act(tool, toolArgs));
    }
}
