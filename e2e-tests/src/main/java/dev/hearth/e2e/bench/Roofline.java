package dev.hearth.e2e.bench;

import dev.hearth.e2e.browser.BrowserSession;
import dev.hearth.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The kernel roofline, measured in the page by the web module's "bench.roofline" operation. */
final class Roofline {
    private Roofline() {}

    static Map<String, Object> measure(BrowserSession s, int n) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("rows", n);
        a.put("cols", n);
        System.err.println("bench: kernel roofline on a " + n + " x " + n + " matrix ...");
        return Json.asObject(Json.parse(Json.write(s.call("bench.roofline", a))));
    }
}
