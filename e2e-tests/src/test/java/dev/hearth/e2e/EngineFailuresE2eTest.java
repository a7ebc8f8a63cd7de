package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad situations give named, explained errors, and the engine can be created again afterwards. */
class EngineFailuresE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @BeforeAll
    static void needsModels() {
        Assumptions.assumeTrue(Files.isDirectory(HearthBrowser.shared().resolve("models/stories260K")),
                "../shared/models is absent: real-model tests skipped");
    }

    static Page page() {
        return browser.ready("index.html");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aModelTooBigForTheDeviceFailsBeforeAllocatingAndNamesTheLimit() {
        Page page = page();
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async () => {"
                + " const e = Hearth.createRawEngine({inPage: true});"
                + " try { await e.load({url: '/models/stories260K/stories260K.gguf', backend: 'webgpu', pretendMaxBinding: 4096});"
                + "   return {ok: true}; } catch (err) { return {ok: false, message: err.message}; } }");
        assertEquals(false, r.get("ok"));
        String m = (String) r.get("message");
        assertTrue(m.startsWith("GpuLimitException: needs maxStorageBufferBindingSize >= "), m);
        assertTrue(m.contains("this adapter allows 4096") && m.contains("try a smaller model or the CPU backend"), m);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLostDeviceSurfacesAsAnErrorAndTheEngineCanBeRecreated() {
        Page page = page();
        Map<String, Object> r = (Map<String, Object>) page.evaluate("async () => {"
                + " const load = {url: '/models/stories260K/stories260K-Q8_0.gguf', backend: 'webgpu', contextSize: 128};"
                + " const gen = {prompt: [1, 403, 407, 261, 378], n: 8};"
                + " const e = Hearth.createRawEngine(); await e.load(load);"
                + " const before = await e.generate(gen);"
                + " await e.loseDevice();"
                + " let message = null; try { await e.generate(gen); } catch (err) { message = err.message; }"
                + " await e.load(load); const after = await e.generate(gen); await e.unload();"
                + " return {before: before.ids, after: after.ids, message}; }");
        String m = (String) r.get("message");
        assertTrue(m != null && m.startsWith("GpuDeviceLostException: the GPU device was lost (destroyed"), String.valueOf(m));
        assertTrue(m.endsWith("load the model again to continue"), m);
        assertEquals(r.get("before"), r.get("after"), "the recreated engine must answer as before");
    }
}
