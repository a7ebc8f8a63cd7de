package dev.hearth.e2e.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo page (site/demo/): starts without console errors, lists the model catalog, shows the runtime and
 * the sample app; loads a real model with progress and streams a chat reply with tokens/s.
 */
class DemoE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static final String MODEL = "/models/stories260K/stories260K.gguf";

    static Page openDemo(String query) {
        Page page = browser.newPage();
        page.setViewportSize(1280, 900);
        page.navigate(browser.url("demo/index.html" + query));
        page.waitForSelector("body[data-ready][data-app-ready]");
        return page;
    }

    /** Waits for the model to load or fail; says what the page shows when it does neither. */
    static void awaitModel(Page page) {
        try {
            page.waitForSelector("body[data-model=ready], body[data-model=failed]", new Page.WaitForSelectorOptions().setTimeout(60_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            throw new AssertionError("the model neither loaded nor failed in 60 s; the page shows: model field '"
                    + page.inputValue(".hx-model-url") + "', progress '" + page.textContent(".hx-progress-text")
                    + "', engine '" + page.textContent("#engine") + "', body data-model '" + page.getAttribute("body", "data-model") + "'", e);
        }
    }

    static boolean apiPresent(Page page) {
        return Boolean.TRUE.equals(page.evaluate("() => !!Hearth.cache"));
    }

    @Test
    void startsWithTheCatalogTheRuntimeAndTheSampleApp() {
        Page page = openDemo("");
        String runtime = page.textContent("#runtime");
        assertTrue(runtime.startsWith("Bundle: wasm-gc") && runtime.contains("WebGPU: google"), runtime);
        List<String> models = page.locator(".hx-model-select option").allTextContents();
        assertTrue(models.size() >= 6, String.valueOf(models));
        assertTrue(models.stream().anyMatch(m -> m.startsWith("SmolLM2 135M Instruct") && m.contains("MB")), String.valueOf(models));
        assertTrue(page.inputValue(".hx-model-url").startsWith("https://huggingface.co/"), "a catalog entry fills the URL");
        page.click("#tab-agent");
        String app = page.frameLocator("#app").locator("h1").textContent();
        assertEquals("Staff directory", app);
        // The sample app's own Hearth (for the agent) runs in the frame: its snapshot sees the app only.
        String snapshot = (String) page.evaluate("() => document.getElementById('app').contentWindow.Hearth.dom.snapshot().then(s => s.text)");
        assertTrue(snapshot.contains("searchbox \"Search staff\"") && !snapshot.contains("Load"), snapshot);
        Screenshots.take(page, "demo-agent-view");
        page.click("#tab-chat");
        Screenshots.take(page, "demo");
    }

    @Test
    void loadsAModelWithProgressAndStreamsAChatReply() {
        Assumptions.assumeTrue(Files.isRegularFile(HearthBrowser.shared().resolve(MODEL.substring(1))),
                "../shared/models is absent: real-model tests skipped");
        Page page = openDemo("?model=" + MODEL + "&backend=wasm-cpu&max_tokens=48");
        Assumptions.assumeTrue(apiPresent(page), "the OpenAI-shaped API (Hearth.cache, chat.completions) is not in this build yet");
        page.click(".hx-load");
        awaitModel(page);
        assertEquals("ready", page.getAttribute("body", "data-model"), page.textContent("#engine"));
        assertTrue(page.textContent("#engine").contains("CPU"), page.textContent("#engine"));
        assertEquals("ready", page.getAttribute(".hx-progress", "data-phase"));
        // Count how often the reply's text changes while it streams: more than once means it streamed.
        page.evaluate("() => { window.__updates = 0; new MutationObserver(() => window.__updates++)"
                + ".observe(document.querySelector('.hx-log'), {subtree: true, characterData: true, childList: true}); }");
        page.fill(".hx-input", "Once upon a time");
        page.click(".hx-send");
        page.waitForSelector(".hx-chat[data-state=idle] .hx-assistant[data-tokens]");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.evaluate("() => { const li = document.querySelector('.hx-assistant');"
                + "return {text: li.textContent, tokens: +li.dataset.tokens, tps: +li.dataset.tokensPerSecond,"
                + " updates: window.__updates, stats: document.querySelector('.hx-stats').textContent}; }");
        System.out.println("demo chat: " + r);
        assertTrue(((Number) r.get("tokens")).intValue() > 1, String.valueOf(r));
        assertTrue(((Number) r.get("tps")).doubleValue() > 0, String.valueOf(r));
        assertTrue(((Number) r.get("updates")).intValue() > 3, "the reply did not stream: " + r);
        assertTrue(((String) r.get("stats")).contains("tokens/s"), String.valueOf(r));
        Screenshots.take(page, "demo-chat");
    }

    /**
     * One agent step on the sample app: it appears in the trace with the tool and its result. The agent loop
     * runs in the app's page (its DOM tools are there), on that page's thread: the page is busy while the
     * model thinks, so the run is limited to one step here (agent_steps=1).
     */
    @Test
    void agentTakesAStepOnTheSampleApp() {
        browser.server().mount("/test-models/", ProductModels.dir());
        Page page = openDemo("?model=" + ProductModels.URL_PATH + "&backend=wasm-cpu" + ProductModels.AGENT_QUERY + "&agent_steps=1");
        Assumptions.assumeTrue(apiPresent(page), "the OpenAI-shaped API (Hearth.cache, chat.completions) is not in this build yet");
        Assumptions.assumeTrue(Boolean.TRUE.equals(page.evaluate("() => { const H = document.getElementById('app').contentWindow.Hearth;"
                + " return !!(H.agent || H.createAgent); }")), "the agent loop is not in this build yet");
        page.click(".hx-load");
        awaitModel(page);
        page.click("#tab-agent");
        page.fill(".hx-task", "Find the people in Boston");
        page.click(".hx-run");
        page.waitForSelector(".hx-agent[data-state=done], .hx-agent[data-state=stopped], .hx-agent[data-state=failed]",
                new Page.WaitForSelectorOptions().setTimeout(120_000));
        List<String> steps = page.locator(".hx-step").allTextContents();
        System.out.println("demo agent: " + page.textContent(".hx-agent-status") + " " + steps);
        assertTrue(!"failed".equals(page.getAttribute(".hx-agent", "data-state")), page.textContent(".hx-agent-status"));
        assertTrue(!steps.isEmpty() && !page.getAttribute(".hx-step", "data-tool").isEmpty(), "no tool step in the trace: " + steps);
        Screenshots.take(page, "demo-agent");
    }
}
