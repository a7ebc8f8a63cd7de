package dev.hearth.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The page says which bundle runs and describes the WebGPU adapter, or why there is none. */
class DemoPageE2eTest {
    @RegisterExtension
    static HearthBrowser browser = new HearthBrowser();

    @Test
    void picksWasmGcWhereSupportedAndShowsTheAdapter() {
        Page page = browser.open("index.html");
        page.waitForSelector("body[data-webgpu]");
        assertEquals("wasm-gc", page.getAttribute("body", "data-bundle"),
                "Chromium supports WebAssembly GC, so the WASM-GC bundle must be chosen");
        assertTrue(page.textContent("#bundle").startsWith("WASM-GC"), page.textContent("#bundle"));
        assertEquals("available", page.getAttribute("body", "data-webgpu"));
        assertTrue(page.textContent("#gpu-status").startsWith("WebGPU adapter ready"));
        String adapter = page.textContent("#gpu-adapter");
        assertTrue(adapter.contains("Vendor") && adapter.contains("Architecture"), adapter);
        String limits = page.textContent("#gpu-limits");
        assertTrue(limits.contains("maxStorageBufferBindingSize"), limits);
        // SwiftShader names itself; on a real GPU this reads e.g. "nvidia".
        System.out.println("adapter: " + adapter.replace('\n', ' ') + " | " + page.textContent("#gpu-features"));
    }

    @Test
    void jsBundleOnRequest() {
        Page page = browser.open("index.html?bundle=js");
        page.waitForSelector("body[data-webgpu]");
        assertEquals("js", page.getAttribute("body", "data-bundle"));
        assertTrue(page.textContent("#bundle").startsWith("JavaScript"));
    }

    @Test
    void saysClearlyWhenWebGpuIsUnavailable() {
        Page page = browser.newPage();
        page.addInitScript("delete Navigator.prototype.gpu;");
        page.navigate(browser.url("index.html"));
        page.waitForSelector("body[data-webgpu]");
        assertEquals("unavailable", page.getAttribute("body", "data-webgpu"));
        String status = page.textContent("#gpu-status");
        assertTrue(status.startsWith("WebGPU unavailable: this browser does not expose navigator.gpu"), status);
    }
}
