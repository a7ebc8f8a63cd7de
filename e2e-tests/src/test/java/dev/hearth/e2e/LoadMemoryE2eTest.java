package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a model of SmolLM2-135M's shapes (Q8_0, ~145 MB, random weights) streams it tensor by tensor
 * with range requests: the page's JS heap grows by far less than the file, and the file is fetched once.
 */
class LoadMemoryE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @TempDir
    static Path models;

    @Test
    @SuppressWarnings("unchecked")
    void jsHeapStaysWellUnderTheModelSize() throws IOException {
        Path file = models.resolve("smollm2-135m-shape-q8_0.gguf");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            RandomModels.write(RandomModels.smolLM2_135M(), GgmlType.Q8_0, 135, out);
        }
        long size = Files.size(file);
        browser.server().mount("/generated/", models);
        Page page = browser.ready("index.html");
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async () => {"
                + " const e = Hearth.createRawEngine({inPage: true});"
                + " const base = performance.memory.usedJSHeapSize; let peak = base;"
                + " const timer = setInterval(() => { peak = Math.max(peak, performance.memory.usedJSHeapSize); }, 20);"
                + " const info = await e.load({url: '/generated/smollm2-135m-shape-q8_0.gguf', backend: 'webgpu', contextSize: 256});"
                + " clearInterval(timer); peak = Math.max(peak, performance.memory.usedJSHeapSize);"
                + " const g = await e.generate({prompt: [1, 2, 3, 4], n: 9});"
                + " return {base, peak, info, decodeMs: g.decodeMs, decodeTokens: g.decodeTokens}; }");
        Map<String, Object> info = (Map<String, Object>) r.get("info");
        double grow = ((Number) r.get("peak")).doubleValue() - ((Number) r.get("base")).doubleValue();
        double fetched = ((Number) info.get("fetchedBytes")).doubleValue();
        System.out.printf("load of a %.1f MB model: peak JS heap +%.1f MB (%.1f%% of the file), fetched %.1f MB,"
                        + " %.1f MB on the GPU, %.1f s; decode %d tokens in %.0f ms%n",
                size / 1e6, grow / 1e6, 100 * grow / size, fetched / 1e6,
                ((Number) info.get("bytesOnGpu")).doubleValue() / 1e6, ((Number) info.get("loadMs")).doubleValue() / 1e3,
                ((Number) r.get("decodeTokens")).intValue(), ((Number) r.get("decodeMs")).doubleValue());
        // small reads (metadata, norm vectors) come in 64 KiB chunks: a few MB more than the file
        assertEquals((double) size, fetched, 0.05 * size, "the file must be fetched about once");
        // Seen here: +60 to +82 MB (GC timing varies with machine load). It does not come from the
        // fetched pieces (1 MB and 4 MB pieces give the same figure) and is not the file; what it is
        // remains to be found. The bound: the heap must never have held the whole file.
        assertTrue(grow < 0.75 * size, "the JS heap grew by " + grow + " bytes loading a " + size + "-byte model");
    }
}
