package dev.hearth.e2e.dom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A page of about 6000 elements: the snapshot keeps all 2000 refs under its default budget's rules, in reasonable time. */
class BigPageE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @Test
    void bigPageSnapshot() {
        Page page = Dom.open(browser, "big.html");
        long t0 = System.nanoTime();
        Map<String, Object> r = Dom.snapshotResult(page, Map.of());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String text = (String) r.get("text");
        System.out.println("big page snapshot: " + ms + " ms, " + text.length() + " chars, truncated=" + r.get("truncated"));
        List<?> refs = (List<?>) r.get("refs");
        assertEquals(2000, refs.size());
        assertEquals(true, r.get("truncated"));
        assertTrue(text.contains("- button \"Add product 999 to cart\" [ref=e2000] [offscreen]"), text.substring(text.length() - 500));
        assertTrue(ms < 20000, "snapshot took " + ms + " ms");
        long t1 = System.nanoTime();
        Map<String, Object> c = Dom.act(page, "click", "ref", "e2000");
        System.out.println("click: " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        assertEquals(true, c.get("ok"));
    }
}
