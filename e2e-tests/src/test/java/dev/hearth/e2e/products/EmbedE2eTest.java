package dev.hearth.e2e.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * hearth-embed.js on a page served with a strict Content-Security-Policy (nothing beyond 'self' but
 * 'wasm-unsafe-eval'; the header README.md documents): the assistant starts without a single CSP
 * violation or console error, keeps its looks against hostile page CSS, refuses origins it was not
 * allowed on, and streams a chat completion.
 */
class EmbedE2eTest {
    /** The policy README.md documents for pages that embed Hearth. */
    static final String STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @BeforeAll
    static void strictCsp() {
        browser.server().header("Content-Security-Policy", STRICT_CSP).mount("/test-models/", ProductModels.dir());
    }

    /** Opens a fixture with a recorder of CSP violations (added by Playwright, outside the page's policy). */
    static Page open(String path) {
        Page page = browser.newPage();
        page.addInitScript("window.__cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push("
                + "e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));");
        page.navigate(browser.url(path));
        return page;
    }

    static void assertNoViolations(Page page) {
        assertEquals(List.of(), page.evaluate("() => window.__cspViolations"), "Content-Security-Policy violations");
    }

    @Test
    void startsUnderAStrictCspWithoutErrors() {
        Page page = open("fixtures/products/embed.html");
        page.waitForSelector("hearth-assistant[data-state=ready]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        assertEquals("js", page.evaluate("() => Hearth.ready"), "the embed runs the JS bundle (WASM-GC's runtime needs eval)");
        // The launcher is shown in spite of the page's `button { display: none !important }`, in our font.
        @SuppressWarnings("unchecked")
        Map<String, Object> look = (Map<String, Object>) page.evaluate("() => {"
                + "const b = HearthEmbed.root.querySelector('.launcher'); const s = getComputedStyle(b);"
                + "const panel = getComputedStyle(HearthEmbed.root.querySelector('.panel'));"
                + "return {display: s.display, font: s.fontFamily, spacing: s.letterSpacing, text: b.textContent,"
                + " panelSpacing: panel.letterSpacing, inDocument: document.querySelectorAll('.launcher').length}; }");
        assertTrue(!"none".equals(look.get("display")), String.valueOf(look));
        assertTrue(!String.valueOf(look.get("font")).contains("Comic"), String.valueOf(look));
        assertEquals("Wiki assistant", look.get("text"));
        assertEquals("normal", look.get("panelSpacing"), "the page's letter-spacing leaked into the panel: " + look);
        assertEquals(0, ((Number) look.get("inDocument")).intValue(), "the UI lives in the closed shadow root only");
        // The agent's snapshot of the page does not contain the assistant itself.
        String snapshot = (String) page.evaluate("() => Hearth.dom.snapshot().then(s => s.text)");
        assertTrue(snapshot.contains("Team wiki") && !snapshot.contains("Wiki assistant"), snapshot);
        assertNoViolations(page);
    }

    @Test
    void refusesAPageItWasNotAllowedOn() {
        Page page = open("fixtures/products/embed-elsewhere.html");
        page.waitForLoadState();
        page.waitForTimeout(300);
        assertEquals(0, page.locator("hearth-assistant").count());
        assertEquals(Boolean.FALSE, page.evaluate("() => 'HearthEmbed' in window || 'Hearth' in window"));
        assertNoViolations(page);
    }

    @Test
    void chatStreamsUnderTheStrictCsp() {
        Page page = open("fixtures/products/embed.html");
        page.waitForSelector("hearth-assistant[data-state=ready]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        Assumptions.assumeTrue(Boolean.TRUE.equals(page.evaluate("() => !!Hearth.cache")),
                "the OpenAI-shaped API (Hearth.cache, chat.completions) is not in this build yet");
        page.evaluate("() => HearthEmbed.ask('Once upon a time')");
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = (Map<String, Object>) page.evaluate("() => {"
                + "const li = [...HearthEmbed.root.querySelectorAll('.hx-assistant')].pop();"
                + "return {text: li.textContent, tokens: li.dataset.tokens, state: HearthEmbed.root.querySelector('.hx-chat').dataset.state,"
                + " stats: HearthEmbed.root.querySelector('.hx-stats').textContent}; }");
        assertEquals("idle", reply.get("state"));
        assertTrue(Integer.parseInt((String) reply.get("tokens")) > 0, String.valueOf(reply));
        assertTrue(!((String) reply.get("text")).isBlank(), String.valueOf(reply));
        System.out.println("embed chat: " + reply);
        assertNoViolations(page);
        Screenshots.take(page, "embed-chat");
    }

    /** The agent acts on the host page (not on the assistant), step by step, under the strict CSP; Stop ends it. */
    @Test
    void agentTakesAStepOnTheHostPage() {
        Page page = open("fixtures/products/embed.html");
        page.waitForSelector("hearth-assistant[data-state=ready]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        Assumptions.assumeTrue(Boolean.TRUE.equals(page.evaluate("() => !!Hearth.cache && !!(Hearth.agent || Hearth.createAgent)")),
                "the API or the agent loop is not in this build yet");
        page.evaluate("() => { HearthEmbed.run('Search the wiki for onboarding'); return true; }");
        page.waitForFunction("() => HearthEmbed.root.querySelector('.hx-step[data-tool]:not([data-tool=\"\"])')", null,
                new Page.WaitForFunctionOptions().setTimeout(90_000));
        Screenshots.take(page, "embed-agent");
        page.evaluate("() => HearthEmbed.root.querySelector('.hx-agent .hx-stop').click()");
        page.waitForFunction("() => ['stopped', 'done'].includes(HearthEmbed.root.querySelector('.hx-agent').dataset.state)");
        Object steps = page.evaluate("() => [...HearthEmbed.root.querySelectorAll('.hx-step')].map(s => s.textContent)");
        System.out.println("embed agent: " + steps);
        assertNoViolations(page);
    }

    /**
     * The agent operations the products drive (HearthUI.pageAgent over Hearth.agent) run in the JS bundle
     * under the strict CSP and act on the page: steps arrive as they happen and the run ends.
     */
    @Test
    void agentLoopRunsInTheJsBundleUnderTheStrictCsp() {
        Page page = open("fixtures/products/embed.html");
        page.waitForSelector("hearth-assistant[data-state=ready]", new Page.WaitForSelectorOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        Assumptions.assumeTrue(Boolean.TRUE.equals(page.evaluate("() => !!Hearth.agent")), "the agent operations are not in this build yet");
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async () => {"
                + "const seen = [];"
                + "const agent = HearthUI.pageAgent(window, {model: {source: '/test-models/agent-tiny.gguf'}, backend: 'wasm-cpu'}, {maxSteps: 1, contextSize: 16384, tools: ['type', 'click'], systemPrompt: 'Use one tool per step.'});"
                + "const r = await agent.run('Search the wiki for onboarding', {onStep: s => seen.push(s.tool)});"
                + "return {seen, steps: r.steps.map(s => s.tool), finish: r.finish_reason, trace: JSON.stringify(r.steps.map(s => s.trace))}; }");
        System.out.println("agent under strict CSP: " + r);
        assertTrue(!((List<?>) r.get("seen")).isEmpty() && ((List<?>) r.get("seen")).get(0) != null, String.valueOf(r));
        assertEquals(r.get("steps"), r.get("seen"), "every step of the trace was reported as it happened");
        assertNoViolations(page);
    }
}
