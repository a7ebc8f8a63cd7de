package dev.hearth.web;

import dev.hearth.web.bridge.JsBridge;
import dev.hearth.web.chat.CompletionOps;
import dev.hearth.web.engine.EngineOps;
import dev.hearth.web.selftest.GpuInfo;
import dev.hearth.web.selftest.KernelCheck;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of the page bundles (WASM-GC and JS are compiled from this same class).
 * {@code args[0]} names the bundle the loader chose: "wasm-gc" or "js".
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        String bundle = args.length > 0 ? args[0] : "unknown";
        Map<String, JsBridge.Operation> ops = new LinkedHashMap<>();
        ops.put("gpuInfo", argsJson -> GpuInfo.describe());
        ops.put("kernelCheck", KernelCheck::run);
        ops.put("bench.roofline", dev.hearth.web.bench.KernelRoofline::run);
        EngineOps.register(ops);
        DomApi.register(ops);
        ChatApi.register(ops);
        dev.hearth.web.agent.AgentOps.register(ops);
        CompletionOps.register(ops);
        JsBridge.install(bundle, ops);
    }
}
