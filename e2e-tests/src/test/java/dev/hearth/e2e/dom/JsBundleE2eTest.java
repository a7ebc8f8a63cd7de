package dev.hearth.e2e.dom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same DOM tools from the JS bundle: a smoke test. */
class JsBundleE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @Test
    void snapshotTypeSelectCheckAndSubmitWithTheJsBundle() {
        Page page = Dom.open(browser, "form.html", "js");
        String s = Dom.snapshot(page);
        assertTrue(s.contains("    - textbox \"Email *\" [ref=e3] [required]\n"), s);
        assertEquals(true, Dom.act(page, "type", "ref", "e3", "text", "js@example.org").get("ok"));
        assertEquals(true, Dom.act(page, "type", "ref", "e4", "text", "pw1234").get("ok"));
        assertEquals(true, Dom.act(page, "select_option", "ref", "e10", "option", "Japan").get("ok"));
        assertEquals(true, Dom.act(page, "check", "ref", "e11").get("ok"));
        assertEquals(false, Dom.act(page, "click", "ref", "e14").get("ok"));
        Map<String, Object> r = Dom.act(page, "click", "ref", "e13");
        assertEquals(true, r.get("ok"));
        assertEquals("Welcome, js@example.org!", page.textContent("#result"));
        assertEquals("jp", page.evaluate("() => submitted.country"));
        assertEquals(true, page.evaluate("() => submitted.terms"));
        // Hearth.dom.act also takes {tool, args}
        Object stale = page.evaluate("() => Hearth.dom.act({tool: 'click', args: {ref: 'e404'}}).then(r => r.ok)");
        assertEquals(false, stale);
    }
}
