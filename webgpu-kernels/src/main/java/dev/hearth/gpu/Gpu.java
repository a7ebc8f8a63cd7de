package dev.hearth.gpu;

import dev.hearth.gpu.webgpu.GPUAdapter;
import dev.hearth.gpu.webgpu.GPUBindGroup;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.gpu.webgpu.GPUBufferUsage;
import dev.hearth.gpu.webgpu.GPUCommandEncoder;
import dev.hearth.gpu.webgpu.GPUComputePassEncoder;
import dev.hearth.gpu.webgpu.GPUComputePipeline;
import dev.hearth.gpu.webgpu.GPUDevice;
import dev.hearth.gpu.webgpu.GPUShaderModule;
import dev.hearth.gpu.webgpu.GPUSupportedLimits;
import dev.hearth.gpu.webgpu.Js;
import dev.hearth.gpu.webgpu.JsPromises;
import dev.hearth.gpu.webgpu.PromiseRejectedException;
import dev.hearth.gpu.webgpu.WebGpu;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * One WebGPU device and what Hearth needs from it: buffers, a pipeline cache keyed by
 * (WGSL source, entry point), dispatch, and read-back. Every blocking call suspends only the
 * calling Java thread.
 */
public final class Gpu {
    private final GPUAdapter adapter;
    private final GPUDevice device;
    private final Map<String, GPUComputePipeline> pipelines = new HashMap<>();
    private final boolean shaderF16;

    private Gpu(GPUAdapter adapter, GPUDevice device, boolean shaderF16) {
        this.adapter = adapter;
        this.device = device;
        this.shaderF16 = shaderF16;
    }

    /**
     * Whether the device was opened with {@code shader-f16} (the adapter offers it): kernels may then
     * {@code enable f16;}, as the f16 variants do. SwiftShader has no shader-f16.
     */
    public boolean shaderF16() {
        return shaderF16;
    }

    /**
     * Opens a device asking for the adapter's largest buffer limits (models need big bindings).
     * {@code neededBinding} is the largest single storage binding the caller will create; if the
     * adapter cannot bind that much, this fails before allocating anything, naming the limit.
     */
    public static Gpu open(double neededBinding) {
        return open(neededBinding, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #open(double)}, treating the adapter's binding limit as at most {@code pretendLimit}
     * (tests use this to play a small device).
     */
    public static Gpu open(double neededBinding, double pretendLimit) {
        GPUAdapter adapter = WebGpu.requestAdapter("high-performance");
        GPUSupportedLimits l = adapter.getLimits();
        double limit = Math.min(l.getMaxStorageBufferBindingSize(), pretendLimit);
        if (neededBinding > limit) {
            throw new GpuLimitException("maxStorageBufferBindingSize", neededBinding, limit);
        }
        JSObject limits = Js.object();
        Js.set(limits, "maxBufferSize", l.getMaxBufferSize());
        Js.set(limits, "maxStorageBufferBindingSize", l.getMaxStorageBufferBindingSize());
        Js.set(limits, "maxStorageBuffersPerShaderStage", l.getMaxStorageBuffersPerShaderStage());
        JSObject descriptor = Js.object();
        Js.set(descriptor, "requiredLimits", limits);
        boolean f16 = WebGpu.hasFeature(adapter, "shader-f16");
        if (f16) {
            JSObject features = Js.array();
            Js.push(features, Js.string("shader-f16"));
            Js.set(descriptor, "requiredFeatures", features);
        }
        Js.set(descriptor, "label", "hearth");
        GPUDevice device;
        try {
            device = (GPUDevice) JsPromises.await(adapter.requestDevice(descriptor));
        } catch (PromiseRejectedException e) {
            throw new GpuException("requestDevice failed: " + e.getMessage());
        }
        watchLoss(device);
        return new Gpu(adapter, device, f16);
    }

    /** Remembers why the device was lost (the {@code lost} promise never rejects) for later error messages. */
    @org.teavm.jso.JSBody(params = "device", script = "device.lost.then(function(info) {"
            + " device.__hearthLost = (info.reason || 'unknown') + (info.message ? ': ' + info.message : ''); });")
    private static native void watchLoss(GPUDevice device);

    @org.teavm.jso.JSBody(params = "device", script = "return device.__hearthLost || null;")
    private static native String lostReason(GPUDevice device);

    /** Why the device was lost, or null while it works. */
    public String lostReason() {
        return lostReason(device);
    }

    public GPUAdapter adapter() {
        return adapter;
    }

    public GPUDevice device() {
        return device;
    }

    /** A storage buffer of {@code bytes} (rounded up to 4), readable back with {@link #readFloats}. */
    public GPUBuffer storage(long bytes, String label) {
        JSObject d = Js.object();
        Js.set(d, "size", (double) ((bytes + 3) & ~3L));
        Js.set(d, "usage", GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
        Js.set(d, "label", label);
        return device.createBuffer(d);
    }

    /** A new storage buffer holding {@code data}. */
    public GPUBuffer upload(float[] data, String label) {
        GPUBuffer b = storage(4L * Math.max(1, data.length), label);
        write(b, data);
        return b;
    }

    /** A new storage buffer holding u32 words. */
    public GPUBuffer upload(int[] words, String label) {
        GPUBuffer b = storage(4L * Math.max(1, words.length), label);
        write(b, words);
        return b;
    }

    /** A uniform buffer holding {@code words} (u32/i32 fields; f32 fields as Float.floatToRawIntBits). */
    public GPUBuffer uniform(int[] words, String label) {
        JSObject d = Js.object();
        int bytes = Math.max(16, (words.length * 4 + 15) & ~15);
        Js.set(d, "size", (double) bytes);
        Js.set(d, "usage", GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
        Js.set(d, "label", label);
        GPUBuffer b = device.createBuffer(d);
        write(b, words);
        return b;
    }

    /**
     * The pipeline for {@code entryPoint} of {@code wgsl}, compiled once and cached. A WGSL error
     * throws {@link ShaderCompileException} with the compiler's messages.
     */
    public GPUComputePipeline pipeline(String wgsl, String entryPoint) {
        String key = entryPoint + '\u0000' + wgsl;
        GPUComputePipeline p = pipelines.get(key);
        if (p != null) {
            return p;
        }
        JSObject md = Js.object();
        Js.set(md, "code", wgsl);
        GPUShaderModule module = device.createShaderModule(md);
        String errors = WebGpu.compilationErrors(JsPromises.await(module.getCompilationInfo()));
        if (!errors.isEmpty()) {
            throw new ShaderCompileException(entryPoint, errors);
        }
        JSObject compute = Js.object();
        Js.set(compute, "module", module);
        Js.set(compute, "entryPoint", entryPoint);
        JSObject pd = Js.object();
        Js.set(pd, "layout", "auto");
        Js.set(pd, "compute", compute);
        Js.set(pd, "label", entryPoint);
        try {
            p = (GPUComputePipeline) JsPromises.await(device.createComputePipelineAsync(pd));
        } catch (PromiseRejectedException e) {
            throw new ShaderCompileException(entryPoint, e.getMessage());
        }
        pipelines.put(key, p);
        return p;
    }

    /** A bind group for group 0 of {@code p}: binding i is {@code buffers[i]}. */
    public GPUBindGroup bindGroup(GPUComputePipeline p, GPUBuffer... buffers) {
        int[] bindings = new int[buffers.length];
        for (int i = 0; i < bindings.length; i++) {
            bindings[i] = i;
        }
        return bindGroupAt(p, bindings, buffers);
    }

    /** A bind group for group 0 of {@code p}: binding {@code bindings[i]} is {@code buffers[i]}. */
    public GPUBindGroup bindGroupAt(GPUComputePipeline p, int[] bindings, GPUBuffer... buffers) {
        JSObject entries = Js.array();
        for (int i = 0; i < buffers.length; i++) {
            JSObject resource = Js.object();
            Js.set(resource, "buffer", buffers[i]);
            JSObject e = Js.object();
            Js.set(e, "binding", bindings[i]);
            Js.set(e, "resource", resource);
            Js.push(entries, e);
        }
        JSObject d = Js.object();
        Js.set(d, "layout", p.getBindGroupLayout(0));
        Js.set(d, "entries", entries);
        return device.createBindGroup(d);
    }

    /** Records one dispatch of {@code p} into its own command buffer and submits it. */
    public void dispatch(GPUComputePipeline p, GPUBindGroup group, int x, int y, int z) {
        run(new Dispatch(p, group, x, y, z));
    }

    /** Encodes {@code dispatches} in order into one compute pass of one command buffer, and submits it. */
    public void run(Dispatch... dispatches) {
        GPUCommandEncoder enc = device.createCommandEncoder();
        encode(enc, dispatches);
        submit(enc);
    }

    /** Appends one compute pass holding {@code dispatches}, in order, to {@code enc}. */
    public static void encode(GPUCommandEncoder enc, Dispatch... dispatches) {
        GPUComputePassEncoder pass = enc.beginComputePass();
        for (Dispatch d : dispatches) {
            pass.setPipeline(d.pipeline);
            pass.setBindGroup(0, d.bindGroup);
            pass.dispatchWorkgroups(d.x, d.y, d.z);
        }
        pass.end();
    }

    /** Writes {@code data} into {@code buffer} at byte 0 (a queue write, ordered before later submits). */
    public void write(GPUBuffer buffer, float[] data) {
        device.getQueue().writeBuffer(buffer, 0, Float32Array.copyFromJavaArray(data));
    }

    /** Writes u32/i32 words into {@code buffer} at byte 0. */
    public void write(GPUBuffer buffer, int[] words) {
        device.getQueue().writeBuffer(buffer, 0, Int32Array.copyFromJavaArray(words));
    }

    /** The largest number of workgroups in one dispatch dimension. */
    public int maxWorkgroupsPerDimension() {
        return device.getLimits().getMaxComputeWorkgroupsPerDimension();
    }

    /** Copies the first {@code n} floats of {@code src} to the CPU (waits for the GPU). */
    public float[] readFloats(GPUBuffer src, int n) {
        Readback r = new Readback(this, 4L * n);
        try {
            GPUCommandEncoder enc = device.createCommandEncoder();
            r.copy(enc, src, 4L * n);
            submit(enc);
            return r.floats(n);
        } finally {
            r.destroy();
        }
    }

    private void submit(GPUCommandEncoder enc) {
        JSObject buffers = Js.array();
        Js.push(buffers, enc.finish());
        device.getQueue().submit(buffers);
    }

    public void destroy() {
        pipelines.clear();
        device.destroy();
    }
}
