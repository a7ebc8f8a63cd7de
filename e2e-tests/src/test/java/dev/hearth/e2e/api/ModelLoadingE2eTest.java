package dev.hearth.e2e.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import dev.hearth.e2e.HearthBrowser;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.GgufSplit;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hearth.createEngine's model loading: progress while downloading into the browser's cache, a reload
 * that downloads nothing (counted in the server's request log), a download cut midway that leaves nothing
 * in the cache and a retry that works, a split model (three shards), a local File, the cache listing
 * and deleting, the quota error,
 * and the CPU fallback when the browser has no WebGPU.
 */
class ModelLoadingE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    static final String PAGE = "fixtures/api/blank.html";

    @BeforeAll
    static void needsModels() {
        Assumptions.assumeTrue(Files.isRegularFile(ApiModels.stories()), "../shared/models is absent");
    }

    static long modelRequests() {
        return browser.server().requests().stream().filter(r -> r.contains("/models/")).count();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Page page, String options) {
        return (Map<String, Object>) page.evaluate("async () => {"
                + " const events = [];"
                + " const o = " + options + ";"
                + " o.onProgress = p => events.push(p);"
                + " const e = await Hearth.createEngine(o);"
                + " const r = await e.chat.completions.create({messages: [{role: 'user', content: 'Once upon a time'}],"
                + "   max_tokens: 8, temperature: 0});"
                + " const info = {model: e.model, backend: e.backend, fallbackReason: e.fallbackReason};"
                + " await e.unload();"
                + " return {events, info, text: r.choices[0].message.content, list: await Hearth.cache.list()}; }");
    }

    static List<Map<String, Object>> events(Map<String, Object> r, String phase) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) r.get("events")) {
            Map<String, Object> e = (Map<String, Object>) o;
            if (phase.equals(e.get("phase"))) {
                out.add(e);
            }
        }
        return out;
    }

    static long num(Object o) {
        return ((Number) o).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void downloadsWithProgressThenLoadsFromTheCacheAfterAReload() throws IOException {
        long size = Files.size(ApiModels.stories());
        Page page = browser.ready(PAGE);
        browser.server().clearRequests();
        Map<String, Object> first = load(page, "{model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}");
        System.out.println("first load: " + first.get("info") + ", " + ((List<?>) first.get("events")).size() + " progress events");

        List<Map<String, Object>> download = events(first, "download");
        assertFalse(download.isEmpty(), "download progress: " + first.get("events"));
        Map<String, Object> lastDownload = download.get(download.size() - 1);
        assertEquals(size, num(lastDownload.get("loaded")));
        assertEquals(size, num(lastDownload.get("total")));
        assertTrue(((Number) lastDownload.get("bytesPerSecond")).doubleValue() > 0);
        assertEquals(0.0, ((Number) lastDownload.get("etaSeconds")).doubleValue());
        assertTrue(((String) lastDownload.get("url")).endsWith(ApiModels.STORIES));
        List<Map<String, Object>> loading = events(first, "load");
        assertFalse(loading.isEmpty(), "load progress: " + first.get("events"));
        assertTrue(num(loading.get(loading.size() - 1).get("loaded")) <= size);
        assertEquals(1, events(first, "ready").size());
        Map<String, Object> model = (Map<String, Object>) ((Map<String, Object>) first.get("info")).get("model");
        assertEquals(false, model.get("fromCache"));
        assertEquals(size, num(model.get("fileBytes")));
        assertEquals("llama", model.get("architecture"));
        assertEquals(1, browser.server().requests().stream().filter(r -> r.startsWith("GET " + ApiModels.STORIES)).count(),
                "one download: " + browser.server().requests());
        List<Map<String, Object>> list = (List<Map<String, Object>>) first.get("list");
        assertEquals(1, list.size(), "cache list: " + list);
        assertEquals(size, num(list.get(0).get("size")));
        assertTrue(((String) list.get(0).get("url")).endsWith(ApiModels.STORIES));

        browser.server().clearRequests();
        page.reload();
        page.evaluate("() => Hearth.ready");
        Map<String, Object> second = load(page, "{model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}");
        assertEquals(0, modelRequests(), "the reload fetched the model again: " + browser.server().requests());
        model = (Map<String, Object>) ((Map<String, Object>) second.get("info")).get("model");
        assertEquals(true, model.get("fromCache"));
        assertTrue(events(second, "download").isEmpty());
        assertEquals(first.get("text"), second.get("text"), "the cached model answers like the downloaded one");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInterruptedDownloadLeavesNothingAndTheNextLoadDownloadsAgain() throws IOException {
        long size = Files.size(ApiModels.stories());
        Page page = browser.ready(PAGE);
        browser.server().cutNextBody(ApiModels.STORIES, size / 2);
        Map<String, Object> failed = (Map<String, Object>) page.evaluate("async () => {"
                + " try { await Hearth.createEngine({model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}); return {ok: true}; }"
                + " catch (e) {"
                + "   const c = await caches.open('hearth-models');"
                + "   return {name: e.name, code: e.code, isClass: e instanceof Hearth.HearthModelLoadError, message: e.message,"
                + "     list: await Hearth.cache.list(), keys: (await c.keys()).map(k => k.url)}; } }");
        System.out.println("interrupted: " + failed);
        assertEquals("HearthModelLoadError", failed.get("name"));
        assertEquals(true, failed.get("isClass"));
        assertTrue(((String) failed.get("message")).contains("interrupted"), (String) failed.get("message"));
        assertEquals(List.of(), failed.get("list"));
        assertEquals(List.of(), failed.get("keys"), "nothing of the cut download stays in the cache");
        browser.takeProblems(); // the browser logs the failed transfer

        browser.server().clearRequests();
        Map<String, Object> retry = load(page, "{model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}");
        assertEquals(1, browser.server().requests().stream().filter(r -> r.startsWith("GET " + ApiModels.STORIES)).count());
        assertEquals(size, num(((List<Map<String, Object>>) retry.get("list")).get(0).get("size")));
        assertEquals(false, ((Map<String, Object>) ((Map<String, Object>) retry.get("info")).get("model")).get("fromCache"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLocalFileLoadsWithoutTheNetworkAndCacheEntriesCanBeDeleted() {
        Page page = browser.ready(PAGE);
        page.setInputFiles("#file", ApiModels.stories());
        browser.server().clearRequests();
        Map<String, Object> r = load(page, "{model: document.getElementById('file').files[0], backend: 'wasm-cpu'}");
        assertEquals(0, modelRequests());
        Map<String, Object> model = (Map<String, Object>) ((Map<String, Object>) r.get("info")).get("model");
        assertEquals("stories260K.gguf", model.get("source"));
        assertEquals(List.of(), r.get("list"), "a local file is not cached");
        assertFalse(events(r, "load").isEmpty());

        browser.server().clearRequests();
        Map<String, Object> uncached = load(page, "{model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu', cache: false}");
        assertEquals(List.of(), uncached.get("list"), "cache: false caches nothing");
        assertEquals(r.get("text"), uncached.get("text"));
        assertFalse(events(uncached, "load").isEmpty());
        assertTrue(events(uncached, "download").isEmpty());
        assertTrue(modelRequests() > 1, "read by range requests: " + browser.server().requests());

        load(page, "{model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}");
        Map<String, Object> d = (Map<String, Object>) page.evaluate("async () => ({deleted: await Hearth.cache.delete('"
                + ApiModels.STORIES + "'), again: await Hearth.cache.delete('" + ApiModels.STORIES + "'),"
                + " list: await Hearth.cache.list(), keys: (await (await caches.open('hearth-models')).keys()).length})");
        assertEquals(true, d.get("deleted"));
        assertEquals(false, d.get("again"));
        assertEquals(List.of(), d.get("list"));
        assertEquals(0, num(d.get("keys")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aModelLargerThanTheQuotaIsRefusedWithTheSizesNamed() {
        // Chromium's quota cannot be lowered from here (CDP's Storage.overrideQuotaForOrigin did not change
        // navigator.storage.estimate), so the page reports a 100 kB quota itself: this tests Hearth's check.
        Page page = browser.newPage();
        page.addInitScript("navigator.storage.estimate = async () => ({usage: 20000, quota: 100000});");
        page.navigate(browser.url(PAGE));
        page.evaluate("() => Hearth.ready");
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async () => {"
                + " try { await Hearth.createEngine({model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}); return {ok: true}; }"
                + " catch (e) { return {name: e.name, message: e.message, needed: e.neededBytes, free: e.freeBytes,"
                + "   keys: (await (await caches.open('hearth-models')).keys()).length}; } }");
        System.out.println("quota: " + r);
        assertEquals("HearthQuotaError", r.get("name"));
        assertTrue(num(r.get("needed")) > 1_000_000);
        assertEquals(80_000, num(r.get("free")));
        assertTrue(((String) r.get("message")).contains("Hearth.cache.delete"));
        assertEquals(0, num(r.get("keys")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSplitModelLoadsFromItsFirstPartAndAnswersLikeTheWholeFile(@TempDir Path dir) throws IOException {
        List<byte[]> shards;
        try (FileByteSource src = new FileByteSource(ApiModels.stories())) {
            shards = GgufSplit.shards(GgufFile.read(src), 3);
        }
        long total = 0;
        for (int i = 0; i < shards.size(); i++) {
            Files.write(dir.resolve(GgufSplit.shardName("stories", i, 3)), shards.get(i));
            total += shards.get(i).length;
        }
        browser.server().mount("/split/", dir);
        Page page = browser.ready(PAGE);
        Map<String, Object> whole = load(page, "{model: '" + ApiModels.STORIES + "', backend: 'wasm-cpu'}");
        browser.server().clearRequests();
        Map<String, Object> split = load(page, "{model: '/split/stories-00001-of-00003.gguf', backend: 'wasm-cpu'}");
        assertEquals(whole.get("text"), split.get("text"));
        List<String> gets = browser.server().requests().stream().filter(r -> r.startsWith("GET /split/")).toList();
        assertEquals(List.of("GET /split/stories-00001-of-00003.gguf", "GET /split/stories-00002-of-00003.gguf",
                "GET /split/stories-00003-of-00003.gguf"), gets);
        List<Map<String, Object>> download = events(split, "download");
        assertEquals(total, num(download.get(download.size() - 1).get("loaded")));
        assertEquals(total, num(download.get(download.size() - 1).get("total")));
        Map<String, Object> entry = ((List<Map<String, Object>>) split.get("list")).stream()
                .filter(m -> ((String) m.get("url")).contains("/split/")).findFirst().orElseThrow();
        assertEquals(3, num(entry.get("parts")));
        assertEquals(total, num(entry.get("size")));

        browser.server().clearRequests();
        page.reload();
        page.evaluate("() => Hearth.ready");
        Map<String, Object> again = load(page, "{model: '/split/stories-00001-of-00003.gguf', backend: 'wasm-cpu'}");
        assertEquals(whole.get("text"), again.get("text"));
        assertEquals(0, browser.server().requests().stream().filter(r -> r.contains("/split/")).count());
    }

    /**
     * A model of SmolLM2-135M's shapes (~145 MB, random weights) downloaded into the cache and loaded
     * from it in the page: the JS heap (Java's included, it runs in the page here) never holds the file;
     * the download streams from the network into the cache without its bytes passing through JS (the
     * load's own growth is LoadMemoryE2eTest's subject).
     */
    @Test
    @SuppressWarnings("unchecked")
    void downloadingIntoTheCacheAndLoadingFromItKeepTheJsHeapWellUnderTheModelSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("smollm2-135m-shape-q8_0.gguf");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            RandomModels.write(RandomModels.smolLM2_135M(), GgmlType.Q8_0, 135, out);
        }
        long size = Files.size(file);
        browser.server().mount("/big/", dir);
        Page page = browser.ready(PAGE);
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async () => {"
                + " const base = performance.memory.usedJSHeapSize; let peak = base; const t0 = performance.now();"
                + " const timer = setInterval(() => { peak = Math.max(peak, performance.memory.usedJSHeapSize); }, 20);"
                + " let downloaded = 0; let downloadPeak = 0;"
                + " const e = await Hearth.createEngine({model: '/big/smollm2-135m-shape-q8_0.gguf', worker: false,"
                + "   backend: 'webgpu', contextSize: 256, onProgress: p => { if (p.phase === 'load' && !downloaded) {"
                + "   downloaded = performance.now() - t0; downloadPeak = Math.max(peak, performance.memory.usedJSHeapSize); } }});"
                + " clearInterval(timer); peak = Math.max(peak, performance.memory.usedJSHeapSize);"
                + " const ms = performance.now() - t0; await e.unload();"
                + " return {base, peak, downloadPeak, downloadMs: downloaded, ms, list: await Hearth.cache.list()}; }");
        double base = ((Number) r.get("base")).doubleValue();
        double grow = ((Number) r.get("peak")).doubleValue() - base;
        double downloadGrow = ((Number) r.get("downloadPeak")).doubleValue() - base;
        System.out.printf("download into the cache and load of a %.1f MB model: %.1f s to the end of the download,"
                        + " %.1f s in all; peak JS heap +%.1f MB while downloading, +%.1f MB in all (%.1f%% of the file)%n",
                size / 1e6, ((Number) r.get("downloadMs")).doubleValue() / 1e3, ((Number) r.get("ms")).doubleValue() / 1e3,
                downloadGrow / 1e6, grow / 1e6, 100 * grow / size);
        assertTrue(downloadGrow < 0.1 * size, "the download grew the JS heap by " + downloadGrow + " bytes");
        assertEquals(size, num(((List<Map<String, Object>>) r.get("list")).get(0).get("size")));
        assertTrue(grow < 0.75 * size, "the JS heap grew by " + grow + " bytes for a " + size + "-byte model");
    }

    @Test
    @SuppressWarnings("unchecked")
    void withoutWebGpuAutoFallsBackToTheCpuAndSaysWhy() {
        Page page = browser.newPage();
        page.addInitScript("Object.defineProperty(Navigator.prototype, 'gpu', {get: () => undefined, configurable: true});");
        page.navigate(browser.url(PAGE));
        page.evaluate("() => Hearth.ready");
        Map<String, Object> r = load(page, "{model: '" + ApiModels.STORIES + "', worker: false}");
        Map<String, Object> info = (Map<String, Object>) r.get("info");
        assertEquals("wasm-cpu", info.get("backend"));
        assertTrue(((String) info.get("fallbackReason")).contains("WebGPU"), (String) info.get("fallbackReason"));
        Map<String, Object> strict = (Map<String, Object>) page.evaluate("async () => {"
                + " try { await Hearth.createEngine({model: '" + ApiModels.STORIES + "', worker: false, backend: 'webgpu'}); return {}; }"
                + " catch (e) { return {name: e.name, message: e.message}; } }");
        assertEquals("HearthNoWebGpuError", strict.get("name"));
        assertTrue(((String) strict.get("message")).contains("wasm-cpu"));
    }
}
