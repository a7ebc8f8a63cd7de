package dev.hearth.gpu.webgpu;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** {@code GPUAdapterInfo}: who made the adapter. Strings may be empty (browsers hide some). */
public interface GPUAdapterInfo extends JSObject {
    @JSProperty String getVendor();

    @JSProperty String getArchitecture();

    @JSProperty String getDevice();

    @JSProperty String getDescription();
}
