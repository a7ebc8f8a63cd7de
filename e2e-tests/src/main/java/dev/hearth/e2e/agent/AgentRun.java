package dev.hearth.e2e.agent;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;
import dev.hearth.e2e.browser.Chromium;
import dev.hearth.json.Json;
import dev.hearth.web.serve.StaticServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One agent run in headless Chromium, as {@code ./hearth run} does it: a local {@link StaticServer} serves
 * Hearth's site and the model's folder under {@code /__hearth/} (and a page file under {@code /page/});
 * for a page given by URL, requests to {@code /__hearth/} on the page's origin are answered from that
 * server, so the loader, the bundles and the model are same-origin to the page either way. The loader is
 * injected when the page does not load it. Every request the page makes is recorded, with the moment
 * the model was loaded, so "no request during the run" can be checked.
 */
public final class AgentRun implements AutoCloseable {
    /** What {@code ./hearth run} was asked to do. */
    public static final class Settings {
        public String page;
        public String task;
        public Path model;
        public String backend = "webgpu";
        public int maxSteps = 10;
        public boolean autoConfirm;
        public int contextSize = 4096;
        public final List<String> allowOrigins = new ArrayList<>();
        /** Tool names offered (null: all). */
        public List<String> tools;
        /** Replaces the default system prompt (null: keep it). */
        public String systemPrompt;
        /** Sampling temperature (0: greedy) and seed. */
        public double temperature;
        public int seed = 1;
        /** Calls to replay instead of asking the model (tests, demos). */
        public List<String> script;
    }

    private final Settings settings;
    private final StaticServer server;
    private final Playwright playwright;
    private final Browser browser;
    private final Page page;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int requestsAtLoad = -1;
    private final List<String> traceLines = Collections.synchronizedList(new ArrayList<>());
    private volatile PrintStream out = System.out;

    public AgentRun(Settings s, Path site) throws IOException {
        this.settings = s;
        if (!Files.isRegularFile(site.resolve("hearth-loader.js"))) {
            throw new IllegalStateException("the site is not built at " + site + ": run ./hearth demo or mvn package first");
        }
        server = new StaticServer().mount("/__hearth/", site);
        if (s.model != null) {
            if (!Files.isRegularFile(s.model)) {
                throw new IllegalArgumentException("no model file at " + s.model);
            }
            server.mount("/__hearth/model/", s.model.toAbsolutePath().getParent());
        }
        String target;
        if (isUrl(s.page)) {
            target = s.page;
        } else {
            Path file = Path.of(s.page).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--page: no such file " + file + " (or give an http(s) URL)");
            }
            server.mount("/page/", file.getParent());
            target = null;
        }
        server.start(0);
        playwright = Chromium.playwright();
        browser = Chromium.launch(playwright);
        BrowserContext context = browser.newContext();
        page = context.newPage();
        page.setDefaultTimeout(600_000);
        page.onRequest(r -> requests.add(r.method() + " " + r.url()));
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                System.err.println("[page] " + m.text());
            }
        });
        page.onPageError(e -> System.err.println("[page] uncaught: " + e));
        String local = server.url();
        if (target != null) {
            // the page's origin answers /__hearth/... from the local server (range requests included)
            context.route(u -> u.contains("/__hearth/") && !u.startsWith(local), route -> {
                String u = route.request().url();
                route.fulfill(new Route.FulfillOptions().setResponse(
                        route.fetch(new Route.FetchOptions().setUrl(local + u.substring(u.indexOf("/__hearth/") + 1)))));
            });
        }
        page.exposeFunction("__hearthAgentStep", a -> {
            String line = String.valueOf(a[0]);
            traceLines.add(line);
            out.println(line);
            out.flush();
            return null;
        });
        page.navigate(target != null ? target : local + "page/" + Path.of(s.page).getFileName());
        page.evaluate("() => { if (typeof Hearth === 'undefined') { const s = document.createElement('script');"
                + " s.src = '/__hearth/hearth-loader.js'; document.head.appendChild(s);"
                + " return new Promise((ok, no) => { s.onload = ok; s.onerror = () => no(new Error('could not load the Hearth loader')); }); } }");
        page.evaluate("() => Hearth.ready");
    }

    static boolean isUrl(String page) {
        return page.startsWith("http://") || page.startsWith("https://");
    }

    /** Loads the model in the page (agent.load); the requests it makes are the last ones allowed. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> loadModel() {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/__hearth/model/" + settings.model.getFileName());
        load.put("backend", settings.backend);
        load.put("contextSize", settings.contextSize);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("a => Hearth.agent.load(a)", load);
        requestsAtLoad = requests.size();
        return r;
    }

    /**
     * Runs the agent; prints each step as a JSON line as it happens, then the final line
     * {"status", "answer", "steps"}; returns the final object.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> run(PrintStream printTo) {
        this.out = printTo;
        if (requestsAtLoad < 0) {
            requestsAtLoad = requests.size();
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("task", settings.task);
        a.put("maxSteps", settings.maxSteps);
        a.put("policy", settings.autoConfirm ? "allow" : "refuse");
        a.put("allowOrigins", settings.allowOrigins);
        if (settings.tools != null) {
            a.put("tools", settings.tools);
        }
        if (settings.systemPrompt != null) {
            a.put("systemPrompt", settings.systemPrompt);
        }
        if (settings.temperature > 0) {
            a.put("temperature", settings.temperature);
            a.put("seed", settings.seed);
        }
        if (settings.script != null) {
            a.put("script", settings.script);
        }
        Map<String, Object> fin = new LinkedHashMap<>();
        try {
            Map<String, Object> r = (Map<String, Object>) page.evaluate("a => Hearth.agent.run(a)", a);
            fin.put("status", r.get("status"));
            fin.put("answer", r.get("answer"));
            fin.put("steps", r.get("steps"));
        } catch (PlaywrightException e) {
            // the agent lives in the page: a page that navigates away takes the run with it
            String m = firstLine(e.getMessage());
            boolean gone = m.contains("context was destroyed") || m.contains("Target") || m.contains("navigat");
            fin.put("status", "error");
            fin.put("answer", gone ? "the run ended with the page (" + m + "); the page is now at " + page.url() : "the run failed: " + m);
            fin.put("steps", traceLines.size());
        }
        printTo.println(Json.write(fin));
        printTo.flush();
        return fin;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Steps as the page sent them (JSON), in order. */
    public List<String> traceLines() {
        synchronized (traceLines) {
            return new ArrayList<>(traceLines);
        }
    }

    /** "METHOD URL" of every request the page made since the model was loaded (or since the run began). */
    public List<String> requestsSinceLoad() {
        synchronized (requests) {
            return requestsAtLoad < 0 ? new ArrayList<>() : new ArrayList<>(requests.subList(requestsAtLoad, requests.size()));
        }
    }

    public List<String> requests() {
        synchronized (requests) {
            return new ArrayList<>(requests);
        }
    }

    public Page page() {
        return page;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
        server.close();
    }
}
