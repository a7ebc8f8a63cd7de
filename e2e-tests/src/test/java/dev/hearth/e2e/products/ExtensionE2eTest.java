package dev.hearth.e2e.products;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.hearth.e2e.HearthBrowser;
import dev.hearth.e2e.browser.Chromium;
import dev.hearth.json.Json;
import dev.hearth.web.serve.StaticServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser extension (web/target/extension) loaded unpacked into headless Chromium (the new headless
 * mode runs extensions): its side panel page starts Hearth without a console error, injects the DOM tools
 * into a tab and acts there, and runs a chat completion with the engine inside the extension.
 *
 * <p>The side panel is opened as a tab ({@code sidepanel.html?tab=ID}): headless Chromium has no toolbar
 * to click. For the same reason activeTab (granted by that click) never applies here, so the test copy of
 * the extension adds {@code host_permissions} for 127.0.0.1; the shipped manifest has none.
 */
class ExtensionE2eTest {
    static Path extension;
    static Path profile;
    static StaticServer server;
    static Playwright playwright;
    static BrowserContext context;
    static String extensionId;
    static final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void launch() throws IOException {
        Path built = HearthBrowser.site().resolveSibling("extension");
        if (!Files.isRegularFile(built.resolve("manifest.json")) || !Files.isRegularFile(built.resolve("js/hearth.js"))) {
            fail("the extension is not built at " + built + ": run `mvn package` in web (./hearth test does)");
        }
        extension = Files.createTempDirectory("hearth-extension");
        copyTree(built, extension);
        Path manifest = extension.resolve("manifest.json");
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(manifest));
        m.put("host_permissions", List.of("http://127.0.0.1/*"));
        Files.writeString(manifest, Json.write(m));

        server = new StaticServer().mount("/", HearthBrowser.site());
        if (Files.isDirectory(HearthBrowser.shared().resolve("models"))) {
            server.mount("/models/", HearthBrowser.shared().resolve("models"));
        }
        // As Hugging Face does: models are fetched cross-origin (the extension's origin is chrome-extension://).
        server.mount("/test-models/", ProductModels.dir());
        server.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges");
        server.start(0);

        List<String> args = new ArrayList<>(Chromium.FLAGS);
        args.add("--disable-extensions-except=" + extension);
        args.add("--load-extension=" + extension);
        profile = Files.createTempDirectory("hearth-profile");
        playwright = Chromium.playwright();
        context = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(Chromium.requireExecutable())
                .setHeadless(true)
                .setIgnoreDefaultArgs(List.of("--disable-extensions"))
                .setArgs(args));
        extensionId = unpackedExtensionId(extension);
    }

    @AfterAll
    static void close() throws IOException {
        if (context != null) {
            context.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
        for (Path p : new Path[] {extension, profile}) {
            if (p != null) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @AfterEach
    void noErrors() {
        List<String> seen = new ArrayList<>(problems);
        problems.clear();
        for (Page p : context.pages()) {
            p.close();
        }
        if (!seen.isEmpty()) {
            fail("the pages reported errors:\n  " + String.join("\n  ", seen));
        }
    }

    /** Chromium names an unpacked extension after its path: SHA-256 of the path, first 32 hex digits mapped 0-f to a-p. */
    static String unpackedExtensionId(Path dir) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(dir.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                id.append((char) ('a' + ((h[i] >> 4) & 15))).append((char) ('a' + (h[i] & 15)));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static Page watched(Page page) {
        page.onConsoleMessage(msg -> {
            if ("error".equals(msg.type())) {
                problems.add("console.error: " + msg.text() + " (" + msg.location() + ")");
            }
        });
        page.onPageError(e -> problems.add("uncaught: " + e));
        return page;
    }

    /** The fixture app in one tab, the side panel (as a page) acting on it in another. */
    static Page[] openPanelOn(String fixturePath) {
        Page app = watched(context.newPage());
        app.navigate(server.url() + fixturePath);
        Page panel = watched(context.newPage());
        panel.setViewportSize(420, 860);
        panel.navigate("chrome-extension://" + extensionId + "/sidepanel.html");
        Object tabId = panel.evaluate("u => chrome.tabs.query({}).then(ts => ts.find(t => t.url === u).id)", server.url() + fixturePath);
        panel.navigate("chrome-extension://" + extensionId + "/sidepanel.html?tab=" + tabId + ProductModels.AGENT_QUERY + "&agent_steps=1");
        panel.evaluate("() => Hearth.ready");
        return new Page[] {app, panel};
    }

    @Test
    void sidePanelStartsTheJsBundleWithoutErrors() {
        Page panel = watched(context.newPage());
        panel.navigate("chrome-extension://" + extensionId + "/sidepanel.html");
        assertEquals("js", panel.evaluate("() => Hearth.ready"),
                "an extension page may not eval, so the panel must run the JS bundle");
        assertTrue(panel.locator(".hx-model-select option").count() >= 6, "the model catalog is listed");
    }

    @Test
    void domToolsRunInTheTabAndActOnIt() {
        Page[] pages = openPanelOn("sample-app/index.html");
        Page app = pages[0];
        Page panel = pages[1];
        panel.click("#tab-agent");
        panel.click("#read-page");
        panel.waitForSelector(".hx-snapshot");
        String snapshot = panel.textContent(".hx-snapshot");
        assertTrue(snapshot.contains("Staff directory") && snapshot.contains("searchbox \"Search staff\""), snapshot);
        // One agent step done by hand: the ref of the search box from the tab's snapshot, typed into, in the tab.
        @SuppressWarnings("unchecked")
        Map<String, Object> act = (Map<String, Object>) panel.evaluate("async () => {"
                + "const s = await HearthPanel.tabDom.snapshot();"
                + "const box = s.refs.find(r => r.role === 'searchbox');"
                + "return HearthPanel.tabDom.act('type', {ref: box.ref, text: 'Boston', submit: true}); }");
        assertEquals(Boolean.TRUE, act.get("ok"), String.valueOf(act));
        assertEquals("2 people match \"Boston\".", app.textContent("#search-status"));
        assertEquals("Boston", app.inputValue("#search"));
        // The page's own scripts see nothing of Hearth: the tools live in the extension's isolated world.
        assertEquals(Boolean.FALSE, app.evaluate("() => 'HearthBridge' in window || '__hearthRefs' in window"));
        Screenshots.take(panel, "extension-side-panel");
    }

    /** The engine inside the extension streams a chat reply; the agent, run in the tab, takes a step there. */
    @Test
    void panelChatsAndTheAgentActsInTheTab() {
        Page[] pages = openPanelOn("sample-app/index.html");
        Page panel = pages[1];
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.TRUE.equals(panel.evaluate("() => !!Hearth.cache")),
                "the OpenAI-shaped API (Hearth.cache, chat.completions) is not in this build yet");
        panel.fill(".hx-model-url", server.url() + ProductModels.URL_PATH.substring(1));
        panel.selectOption("#backend", "wasm-cpu");
        panel.click(".hx-load");
        panel.waitForSelector("body[data-model=ready], body[data-model=failed]");
        assertEquals("ready", panel.getAttribute("body", "data-model"), panel.textContent("#engine"));
        panel.fill(".hx-input", "Once upon a time");
        panel.click(".hx-send");
        panel.waitForSelector(".hx-chat[data-state=idle] .hx-assistant[data-tokens]");
        int tokens = Integer.parseInt(panel.getAttribute(".hx-assistant", "data-tokens"));
        System.out.println("extension chat: " + tokens + " tokens; " + panel.textContent(".hx-stats"));
        assertTrue(tokens > 1, panel.textContent(".hx-assistant"));
        Screenshots.take(panel, "extension-chat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.TRUE.equals(panel.evaluate(
                "() => HearthPanel.tabDom.snapshot().then(() => true)")), "the tab's tools do not answer");
        panel.click("#tab-agent");
        panel.fill(".hx-task", "Find the people in Boston");
        panel.click(".hx-run");
        panel.waitForSelector(".hx-agent[data-state=done], .hx-agent[data-state=stopped], .hx-agent[data-state=failed], .hx-step[data-tool]:not([data-tool=''])",
                new Page.WaitForSelectorOptions().setTimeout(90_000));
        assertTrue(!"failed".equals(panel.getAttribute(".hx-agent", "data-state")), panel.textContent(".hx-agent-status"));
        // One step (agent_steps=1): the run ends by itself. (Stop is tested on the demo: in the JS bundle a
        // cancel waits for the model's prefill of the next step, tens of seconds here.)
        panel.waitForSelector(".hx-agent[data-state=stopped], .hx-agent[data-state=done]", new Page.WaitForSelectorOptions().setTimeout(90_000));
        System.out.println("extension agent: " + panel.locator(".hx-step").allTextContents());
        assertTrue(panel.locator(".hx-step").count() > 0, "no agent step");
    }
}
