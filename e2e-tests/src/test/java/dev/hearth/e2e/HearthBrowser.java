package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.hearth.e2e.browser.Chromium;
import dev.hearth.web.serve.StaticServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: system Chromium (headless, WebGPU on), driven by Playwright, against Hearth's
 * site served by {@link StaticServer}. Register with {@code @RegisterExtension static HearthBrowser b = new HearthBrowser();}.
 *
 * <ul>
 *   <li>Chromium from {@code HEARTH_CHROMIUM}, default {@code /usr/bin/chromium}, started by {@link Chromium};
 *       Playwright never downloads one.</li>
 *   <li>One browser per test class, a fresh profile (temporary user-data dir) per launch, a fresh
 *       context (storage, cache) per page.</li>
 *   <li>Any console error or uncaught exception on a page fails the test that opened it.</li>
 *   <li>The server mounts the site at {@code /}, test fixtures at {@code /fixtures/}, and
 *       {@code ../shared/models} at {@code /models/} when present.</li>
 * </ul>
 */
public final class HearthBrowser implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private Playwright playwright;
    private Browser browser;
    private StaticServer server;
    private boolean isolated;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    /** Serve with COOP/COEP so pages are cross-origin isolated (threads, SharedArrayBuffer). */
    public HearthBrowser crossOriginIsolated() {
        this.isolated = true;
        return this;
    }

    public static Path site() {
        return Path.of(System.getProperty("hearth.site", "../web/target/site")).toAbsolutePath().normalize();
    }

    public static Path shared() {
        return Path.of(System.getProperty("hearth.shared", "../../shared")).toAbsolutePath().normalize();
    }

    public static Path fixtures() {
        return Path.of(System.getProperty("hearth.fixtures", "src/test/resources/fixtures")).toAbsolutePath().normalize();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!Files.isRegularFile(site().resolve("index.html"))) {
            fail("the site is not built at " + site() + ": run `./hearth test` (or `mvn verify`) from the root");
        }
        if (!Files.isExecutable(Chromium.executable())) {
            fail("Chromium not found at " + Chromium.executable() + ": install it with `apt-get install -y chromium` "
                    + "(./hearth setup and .ci/run do) or point HEARTH_CHROMIUM at a Chromium binary");
        }
        server = new StaticServer().mount("/", site()).crossOriginIsolated(isolated);
        if (Files.isDirectory(fixtures())) {
            server.mount("/fixtures/", fixtures());
        }
        if (Files.isDirectory(shared().resolve("models"))) {
            server.mount("/models/", shared().resolve("models"));
        }
        server.start(0);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (BrowserContext c : contexts) {
            c.close();
        }
        contexts.clear();
        List<String> seen;
        synchronized (problems) {
            seen = new ArrayList<>(problems);
            problems.clear();
        }
        if (!seen.isEmpty() && context.getExecutionException().isEmpty()) {
            fail("the page reported errors:\n  " + String.join("\n  ", seen));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A new page in a fresh context, watched for console errors and uncaught exceptions; closed after the test. */
    public Page newPage() {
        BrowserContext ctx = browser.newContext();
        contexts.add(ctx);
        return watched(ctx.newPage());
    }

    /** {@code path} opened in a new page, once Hearth's Java runs in it; closed after the test. */
    public Page ready(String path) {
        Page page = open(path);
        page.evaluate("() => Hearth.ready");
        return page;
    }

    /**
     * As {@link #ready}, but the page lives until the test class ends (for classes that load a model
     * once); it is watched all the same: an error fails the test during which it appeared.
     */
    public Page sharedReady(String path) {
        Page page = watched(browser.newContext().newPage());
        page.navigate(url(path));
        page.evaluate("() => Hearth.ready");
        return page;
    }

    private Page watched(Page page) {
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add("console.error: " + m.text() + " (" + m.location() + ")");
            }
        });
        page.onPageError(e -> problems.add("uncaught: " + e));
        page.onCrash(p -> problems.add("the page crashed"));
        return page;
    }

    /** Opens {@code path} (relative to the server root, e.g. "index.html?bundle=js"). */
    public Page open(String path) {
        Page page = newPage();
        page.navigate(url(path));
        return page;
    }

    public String url(String path) {
        return server.url() + (path.startsWith("/") ? path.substring(1) : path);
    }

    public StaticServer server() {
        return server;
    }

    public Browser browser() {
        return browser;
    }

    /** Errors seen so far on this test's pages; a test that expects one takes it from here. */
    public List<String> takeProblems() {
        synchronized (problems) {
            List<String> out = new ArrayList<>(problems);
            problems.clear();
            return out;
        }
    }

}
