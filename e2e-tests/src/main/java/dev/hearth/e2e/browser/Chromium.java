package dev.hearth.e2e.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** How Hearth starts Debian's Chromium headless with WebGPU, for the tests, the CLI and the benchmarks. */
public final class Chromium {
    /** Flags that gave a working WebGPU adapter (SwiftShader on a CPU-only machine) in headless Chromium. */
    public static final List<String> FLAGS = Collections.unmodifiableList(Arrays.asList(
            "--no-sandbox", "--enable-unsafe-webgpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only"));

    private Chromium() {}

    /** {@code HEARTH_CHROMIUM}, default {@code /usr/bin/chromium}. */
    public static Path executable() {
        String env = System.getenv("HEARTH_CHROMIUM");
        return Path.of(env == null || env.isEmpty() ? "/usr/bin/chromium" : env);
    }

    /** Fails with what to do when Chromium is not installed. */
    public static Path requireExecutable() {
        Path chromium = executable();
        if (!Files.isExecutable(chromium)) {
            throw new IllegalStateException("Chromium not found at " + chromium + ": install it with "
                    + "`apt-get install -y chromium` (./hearth setup does) or point HEARTH_CHROMIUM at a Chromium binary");
        }
        return chromium;
    }

    /** A Playwright instance that never downloads a browser of its own. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /** Launches headless Chromium with WebGPU enabled and a fresh temporary profile. */
    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(requireExecutable())
                .setHeadless(true)
                .setArgs(FLAGS));
    }
}
