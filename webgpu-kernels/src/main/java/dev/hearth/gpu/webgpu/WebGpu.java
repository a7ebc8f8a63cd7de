package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/** Entry to WebGPU: {@code navigator.gpu}, in a page or a worker. */
public final class WebGpu {
    private WebGpu() {}

    @JSBody(script = "return typeof navigator !== 'undefined' && !!navigator.gpu;")
    public static native boolean isExposed();

    @JSBody(script = "return typeof isSecureContext === 'undefined' || isSecureContext;")
    public static native boolean isSecureContext();

    /**
     * Asks for an adapter. Throws {@link WebGpuUnavailableException} with the reason when the browser
     * has no WebGPU, the page is not a secure context, or no adapter is offered.
     */
    public static GPUAdapter requestAdapter(String powerPreference) {
        if (!isExposed()) {
            throw new WebGpuUnavailableException(isSecureContext()
                    ? "this browser does not expose navigator.gpu (WebGPU is off or unsupported)"
                    : "WebGPU needs a secure context (https or localhost)");
        }
        JSObject adapter;
        try {
            adapter = JsPromises.await(requestAdapterPromise(powerPreference));
        } catch (PromiseRejectedException e) {
            throw new WebGpuUnavailableException("requestAdapter failed: " + e.getMessage());
        }
        if (Js.isNull(adapter)) {
            throw new WebGpuUnavailableException("the browser offered no GPU adapter (blocklisted GPU or driver)");
        }
        return (GPUAdapter) adapter;
    }

    @JSBody(params = "pref", script = "return navigator.gpu.requestAdapter(pref ? {powerPreference: pref} : undefined);")
    private static native JSObject requestAdapterPromise(String pref);

    /** Feature names of the adapter, sorted, comma-separated, e.g. {@code shader-f16,subgroups}. */
    @JSBody(params = "adapter", script = "return Array.from(adapter.features).sort().join(',');")
    public static native String featureList(GPUAdapter adapter);

    @JSBody(params = {"adapter", "name"}, script = "return adapter.features.has(name);")
    public static native boolean hasFeature(GPUAdapter adapter, String name);

    /** The error messages of a {@code GPUCompilationInfo}, one per line with line:column; empty if none. */
    @JSBody(params = "info", script = "return info.messages.filter(function(m) { return m.type === 'error'; })"
            + ".map(function(m) { return m.lineNum + ':' + m.linePos + ' ' + m.message; }).join('\\n');")
    public static native String compilationErrors(JSObject info);
}
