package dev.hearth.web.selftest;

import dev.hearth.gpu.webgpu.GPUAdapter;
import dev.hearth.gpu.webgpu.GPUAdapterInfo;
import dev.hearth.gpu.webgpu.GPUSupportedLimits;
import dev.hearth.gpu.webgpu.WebGpu;
import dev.hearth.gpu.webgpu.WebGpuUnavailableException;
import dev.hearth.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Describes the WebGPU adapter (vendor, architecture, key limits, features), or why there is none. */
public final class GpuInfo {
    private GpuInfo() {}

    public static String describe() {
        Map<String, Object> r = new LinkedHashMap<>();
        GPUAdapter adapter;
        try {
            adapter = WebGpu.requestAdapter("high-performance");
        } catch (WebGpuUnavailableException e) {
            r.put("available", false);
            r.put("reason", e.getMessage());
            return Json.write(r);
        }
        r.put("available", true);
        GPUAdapterInfo info = adapter.getInfo();
        r.put("vendor", info.getVendor());
        r.put("architecture", info.getArchitecture());
        r.put("device", info.getDevice());
        r.put("description", info.getDescription());
        String features = WebGpu.featureList(adapter);
        r.put("features", new ArrayList<Object>(features.isEmpty() ? Arrays.asList() : Arrays.asList((Object[]) features.split(","))));
        r.put("shaderF16", WebGpu.hasFeature(adapter, "shader-f16"));
        GPUSupportedLimits l = adapter.getLimits();
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("maxBufferSize", (long) l.getMaxBufferSize());
        limits.put("maxStorageBufferBindingSize", (long) l.getMaxStorageBufferBindingSize());
        limits.put("maxStorageBuffersPerShaderStage", (long) l.getMaxStorageBuffersPerShaderStage());
        limits.put("maxComputeWorkgroupSizeX", (long) l.getMaxComputeWorkgroupSizeX());
        limits.put("maxComputeInvocationsPerWorkgroup", (long) l.getMaxComputeInvocationsPerWorkgroup());
        limits.put("maxComputeWorkgroupStorageSize", (long) l.getMaxComputeWorkgroupStorageSize());
        limits.put("maxComputeWorkgroupsPerDimension", (long) l.getMaxComputeWorkgroupsPerDimension());
        r.put("limits", limits);
        return Json.write(r);
    }
}
