package dev.hearth.gpu;

import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUBufferUsage;
import dev.hearth.gpu.webgpu.GPUCommandEncoder;
import dev.hearth.gpu.webgpu.GPUMapMode;
import dev.hearth.gpu.webgpu.Js;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.gpu.webgpu.PromiseRejectedException;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/** A persistent staging buffer for reading results back every step without creating buffers. */
public final class Readback {
    private final Gpu gpu;
    private final GPUBuffer staging;
    private final long capacity;

    public Readback(Gpu gpu, long bytes) {
        this.gpu = gpu;
        this.capacity = (bytes + 3) & ~3L;
        JSObject d = Js.object();
        Js.set(d, "size", (double) capacity);
        Js.set(d, "usage", GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
        Js.set(d, "label", "readback");
        this.staging = gpu.device().createBuffer(d);
    }

    /** Appends the copy of {@code bytes} from {@code src} to {@code enc}; submit, then call {@link #floats}/{@link #ints}. */
    public void copy(GPUCommandEncoder enc, GPUBuffer src, long bytes) {
        if (bytes > capacity) {
            throw new IllegalArgumentException("read-back of " + bytes + " bytes exceeds the staging buffer's " + capacity);
        }
        enc.copyBufferToBuffer(src, 0, staging, 0, (double) bytes);
    }

    private void map() {
        try {
            JsPromises.await(staging.mapAsync(GPUMapMode.READ));
        } catch (PromiseRejectedException e) {
            throw GpuException.readBack(gpu, e.getMessage());
        }
    }

    public float[] floats(int n) {
        map();
        Float32Array copy = new Float32Array(new Float32Array(staging.getMappedRange(), 0, n));
        staging.unmap();
        return copy.copyToJavaArray();
    }

    public int[] ints(int n) {
        map();
        Int32Array copy = new Int32Array(new Int32Array(staging.getMappedRange(), 0, n));
        staging.unmap();
        return copy.copyToJavaArray();
    }

    public void destroy() {
        staging.destroy();
    }

    Gpu gpu() {
        return gpu;
    }
}
