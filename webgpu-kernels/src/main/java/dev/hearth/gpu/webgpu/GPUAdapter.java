package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code GPUAdapter}: a physical (or software) GPU offered by the browser. */
public interface GPUAdapter extends JSObject {
    @JSProperty GPUSupportedLimits getLimits();

    @JSProperty JSObject getFeatures();

    @JSProperty GPUAdapterInfo getInfo();

    /** Returns a promise of {@link GPUDevice}; await it with {@link JsPromises#await}. */
    JSObject requestDevice(JSObject descriptor);
}
