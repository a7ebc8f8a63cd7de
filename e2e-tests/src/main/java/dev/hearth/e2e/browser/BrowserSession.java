package dev.hearth.e2e.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.hearth.web.serve.StaticServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One headless Chromium page running Hearth's site from a local {@link StaticServer}, for the command
 * line and the benchmarks: {@link #call} runs a Java operation in the page and returns its JSON value.
 * Console errors are printed to stderr, never swallowed.
 */
public final class BrowserSession implements AutoCloseable {
    private final StaticServer server;
    private final Playwright playwright;
    private final Browser browser;
    private final Page page;

    /**
     * @param site   web/target/site
     * @param mounts pairs of URL prefix ("/model/") and folder
     * @param bundle "wasm-gc", "js", or null for the page's own choice
     */
    public BrowserSession(Path site, List<Object[]> mounts, String bundle, boolean crossOriginIsolated) throws IOException {
        if (!Files.isRegularFile(site.resolve("index.html"))) {
            throw new IllegalStateException("the site is not built at " + site + ": run ./hearth demo or mvn install first");
        }
        server = new StaticServer().mount("/", site).crossOriginIsolated(crossOriginIsolated);
        for (Object[] m : mounts) {
            server.mount((String) m[0], (Path) m[1]);
        }
        server.start(0);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        page = browser.newPage();
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                System.err.println("[page] " + m.text());
            }
        });
        page.onPageError(e -> System.err.println("[page] uncaught: " + e));
        page.navigate(server.url() + "index.html" + (bundle == null ? "" : "?bundle=" + bundle));
        page.evaluate("() => Hearth.ready");
    }

    /** Runs {@code op} in the page with JSON-able {@code args}; returns the result as Java values. */
    public Object call(String op, Object args) {
        return page.evaluate("a => Hearth._call(a[0], a[1])", List.of(op, args));
    }

    public Page page() {
        return page;
    }

    public StaticServer server() {
        return server;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        server.close();
    }
}
