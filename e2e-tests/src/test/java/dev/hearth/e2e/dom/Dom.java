package dev.hearth.e2e.dom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls Hearth.dom in a fixture page. */
final class Dom {
    private Dom() {}

    static Page open(HearthBrowser browser, String fixture, String bundle) {
        Page page = browser.newPage();
        page.onConsoleMessage(m -> System.out.println("console." + m.type() + ": " + m.text()));
        page.setDefaultTimeout(20000);
        page.navigate(browser.url("fixtures/dom/" + fixture + (bundle == null ? "" : "?bundle=" + bundle)));
        Object running = page.evaluate("() => Hearth.ready");
        if (bundle != null) {
            assertEquals(bundle, running);
        }
        return page;
    }

    static Page open(HearthBrowser browser, String fixture) {
        return open(browser, fixture, "wasm-gc");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> snapshotResult(Page page, Map<String, Object> options) {
        return (Map<String, Object>) page.evaluate("o => Hearth.dom.snapshot(o)", options);
    }

    static String snapshot(Page page) {
        String t = (String) snapshotResult(page, new LinkedHashMap<>()).get("text");
        System.out.println("---- snapshot of " + page.url() + "\n" + t);
        return t;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> act(Page page, String tool, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        Map<String, Object> r = (Map<String, Object>) page.evaluate("a => Hearth.dom.act(a[0], a[1])", Arrays.asList(tool, args));
        System.out.println("---- " + tool + " " + args + " -> " + r);
        return r;
    }

    /** The ref on the snapshot line that contains {@code lineText}. */
    static String ref(String snapshot, String lineText) {
        for (String line : snapshot.split("\n")) {
            if (line.contains(lineText)) {
                int i = line.indexOf("[ref=");
                if (i >= 0) {
                    return line.substring(i + 5, line.indexOf(']', i));
                }
            }
        }
        throw new AssertionError("no line with a ref contains " + lineText + " in\n" + snapshot);
    }

    static Object eval(Page page, String js) {
        return page.evaluate(js);
    }

    static List<String> lines(String snapshot) {
        return Arrays.asList(snapshot.split("\n"));
    }
}
