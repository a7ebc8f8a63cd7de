package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.hearth.web.serve.StaticServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: system Chromium (headless, WebGPU on), driven by Playwright, against Hearth's
 * site served by {@link StaticServer}. Register with {@code @RegisterExtension static HearthBrowser b = new HearthBrowser();}.
 *
 * <ul>
 *   <li>Chromium from {@code HEARTH_CHROMIUM}, default {@code /usr/bin/chromium}; Playwright never downloads one.</li>
 *   <li>One browser per test class, a fresh profile (temporary user-data dir) per launch, a fresh
 *       context (storage, cache) per page.</li>
 *   <li>Any console error or uncaught exception on a page fails the test that opened it.</li>
 *   <li>The server mounts the site at {@code /}, test fixtures at {@code /fixtures/}, and
 *       {@code ../shared/models} at {@code /models/} when present.</li>
 * </ul>
 */
public final class HearthBrowser implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    /** Flags that gave a working WebGPU adapter (SwiftShader) in Debian's headless Chromium. */
    public static final List<String> CHROMIUM_FLAGS = Collections.unmodifiableList(Arrays.asList(
            "--no-sandbox", "--enable-unsafe-webgpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only"));

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

    public static Path chromium() {
        String env = System.getenv("HEARTH_CHROMIUM");
        return Path.of(env == null || env.isEmpty() ? "/usr/bin/chromium" : env);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!Files.isRegularFile(site().resolve("index.html"))) {
            fail("the site is not built at " + site() + ": run `./hearth test` (or `mvn verify`) from the root");
        }
        Path chromium = chromium();
        if (!Files.isExecutable(chromium)) {
            fail("Chromium not found at " + chromium + ": install it with `apt-get install -y chromium` "
                    + "(.ci/run does) or point HEARTH_CHROMIUM at a Chromium binary");
        }
        server = new StaticServer().mount("/", site()).crossOriginIsolated(isolated);
        if (Files.isDirectory(fixtures())) {
            server.mount("/fixtures/", fixtures());
        }
        if (Files.isDirectory(shared().resolve("models"))) {
            server.mount("/models/", shared().resolve("models"));
        }
        server.start(0);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(CHROMIUM_FLAGS));
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

    /** A new page in a fresh context, watched for console errors and uncaught exceptions. */
    public Page newPage() {
        BrowserContext ctx = browser.newContext();
        contexts.add(ctx);
        Page page = ctx.newPage();
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

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
