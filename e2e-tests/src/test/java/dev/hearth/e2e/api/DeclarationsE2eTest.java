package dev.hearth.e2e.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * hearth.d.ts agrees with hearth-loader.js: a usage file written against the declarations
 * (src/test/resources/api/usage.ts) type-checks with {@code tsc --strict}, and, compiled, runs in a page
 * against the real loader with the results it expects. Needs TypeScript 5 through npx (the npm registry
 * or npm's cache); skipped, saying so, when npx cannot provide it.
 */
class DeclarationsE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @TempDir
    Path dir;

    static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 ? out : "FAILED(" + p.exitValue() + "): " + out;
    }

    static List<String> tsc(String... args) {
        List<String> c = new ArrayList<>(List.of("npx", "-y", "-p", "typescript@5", "tsc"));
        c.addAll(List.of(args));
        return c;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUsageFileTypeChecksAgainstTheDeclarationsAndRunsAgainstTheLoader() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ApiModels.stories()), "../shared/models is absent");
        String version;
        try {
            version = run(dir, tsc("--version").toArray(new String[0]));
        } catch (IOException e) {
            version = null;
        }
        Assumptions.assumeTrue(version != null && !version.startsWith("FAILED"),
                "TypeScript 5 is not available through npx here (no npm registry?): " + version);
        System.out.println("type-checking with " + version.trim());
        Files.copy(HearthBrowser.site().resolve("hearth.d.ts"), dir.resolve("hearth.d.ts"));
        Files.copy(Path.of("src/test/resources/api/usage.ts"), dir.resolve("usage.ts"));
        String out = run(dir, tsc("--strict", "--target", "es2020", "--lib", "es2020,dom,dom.iterable",
                "--outDir", "out", "usage.ts").toArray(new String[0]));
        assertEquals(false, out == null || out.startsWith("FAILED"), "tsc reported:\n" + out);

        Page page = browser.ready("fixtures/api/blank.html");
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(dir.resolve("out/usage.js"))));
        Map<String, Object> r = (Map<String, Object>) page.evaluate("m => window.hearthUsage(m)", ApiModels.STORIES);
        System.out.println("usage.ts ran: " + r);
        assertEquals(List.of("cache", "download", "verify", "load", "ready"), r.get("phases"));
        assertEquals(true, r.get("same"));
        assertEquals(true, r.get("usage"));
        assertEquals("RequestError", r.get("refused"));
        assertEquals(List.of(true), r.get("cached"));
        assertEquals(true, r.get("storage"));
        assertEquals("llama", r.get("architecture"));
        assertEquals("webgpu", r.get("backend"));
    }
}
