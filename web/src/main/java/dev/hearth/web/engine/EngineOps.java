package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.engine.GpuModel;
import dev.hearth.gpu.engine.RawTensorSource;
import dev.hearth.gpu.engine.GpuTransformer;
import dev.hearth.gpu.kernels.MatVec;
import dev.hearth.json.Json;
import dev.hearth.model.ActivationRounding;
import dev.hearth.model.Model;
import dev.hearth.model.ModelConfig;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.model.Transformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.teavm.jso.JSBody;

/**
 * The page's inference operations, by token ids (tokenization happens in the caller for now):
 * {@code engine.load} {url, backend: "webgpu" | "wasm-cpu", contextSize, maxBatch, strategy, rounding: "llama.cpp" | "f32", splitDecodeFrom},
 * {@code engine.generate} {prompt: [ids], n, eog: [ids]} (greedy), and {@code engine.logits} {prompt, pos}.
 */
public final class EngineOps {
    /** The loaded engine: one of the two backends. */
    private static GpuTransformer gpuEngine;
    private static Transformer cpuEngine;
    private static ModelConfig config;
    private static GgufFile gguf;
    /** Set by engine.cancel (from another Java thread); the generation loop checks it between tokens. */
    private static volatile boolean cancelled;

    private EngineOps() {}

    public static void register(Map<String, dev.hearth.web.bridge.JsBridge.Operation> ops) {
        ops.put("engine.load", (dev.hearth.web.bridge.JsBridge.StreamingOperation) EngineOps::load);
        ops.put("engine.generate", EngineOps::generate);
        ops.put("engine.logits", EngineOps::logits);
        ops.put("engine.next", EngineOps::next);
        ops.put("engine.cancel", argsJson -> {
            cancelled = true;
            return "true";
        });
        ops.put("engine.loseDevice", argsJson -> { // for tests: what a driver reset looks like
            requireLoaded();
            gpuEngine.loseDevice();
            return "true";
        });
        ops.put("engine.unload", argsJson -> {
            unload();
            return "true";
        });
    }

    @JSBody(script = "return performance.now();")
    private static native double now();

    /**
     * {url | file, parts, backend, ...}: {@code file} names a Blob the loader registered (a cached model, a
     * picked file); {@code parts}, the shard sizes when that Blob is a split model's shards in order; events {phase: "load", loaded, total} report the bytes read while tensors load.
     */
    static String load(String argsJson, dev.hearth.web.bridge.JsBridge.Call call) {
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        String url = (String) a.get("url");
        String file = (String) a.get("file");
        String backend = (String) a.getOrDefault("backend", "webgpu");
        // "llama.cpp" (default): matmul inputs rounded and the KV cache kept in F16 as llama.cpp's CPU
        // backend does, for its exact tokens (the JVM command line's default too); "f32": exact F32 math
        boolean exact = "f32".equals(a.get("rounding"));
        // "kv": "f16" | "f32"; by default F16 with llama.cpp rounding, F32 with exact math
        boolean kvF16 = a.containsKey("kv") ? "f16".equals(a.get("kv")) : !exact;
        double t0 = now();
        // Range requests: the whole file is never held in memory (a server without ranges gets one fetch).
        ByteSource source = file != null ? BlobSource.open(file) : HttpRangeSource.open(url);
        if (source instanceof ChunkedSource && call.hasListener()) {
            reportLoadProgress((ChunkedSource) source, call);
        }
        GgufFile f = a.get("parts") instanceof List ? readShards(source, Json.asArray(a.get("parts"))) : GgufFile.read(source);
        ModelConfig c = ModelConfig.fromGguf(f);
        int ctx = (int) Math.min(c.contextLength, ((Number) a.getOrDefault("contextSize", 512L)).longValue());
        unload();
        config = c;
        gguf = f;
        Map<String, Object> r = new LinkedHashMap<>();
        if (backend.equals("webgpu")) {
            int maxBatch = ((Number) a.getOrDefault("maxBatch", 64L)).intValue();
            MatVec.Strategy s = MatVec.Strategy.valueOf((String) a.getOrDefault("strategy", "ROW_PER_THREAD"));
            // Checked against the adapter before the device is even requested: nothing is allocated.
            double pretend = a.containsKey("pretendMaxBinding")
                    ? ((Number) a.get("pretendMaxBinding")).doubleValue() : Double.POSITIVE_INFINITY;
            Gpu gpu = Gpu.open(GpuModel.largestBinding(f, c, ctx, maxBatch), pretend);
            GpuModel m = new GpuModel(gpu, f, c, ctx, (RawTensorSource) source);
            gpuEngine = new GpuTransformer(gpu, m, ctx, maxBatch, s);
            gpuEngine.setLlamaCppRounding(!exact);
            gpuEngine.setKvCacheF16(kvF16);
            if (a.containsKey("splitDecodeFrom")) { // tests: split decode attention from this position on
                gpuEngine.setSplitDecodeFrom(((Number) a.get("splitDecodeFrom")).intValue());
            }
            r.put("bytesOnGpu", m.bytesOnGpu());
        } else if (backend.equals("wasm-cpu")) {
            cpuEngine = new Transformer(Model.load(f, c), ctx);
            cpuEngine.setActivationRounding(exact ? ActivationRounding.Mode.F32 : ActivationRounding.Mode.LLAMA_CPP);
            cpuEngine.setKvCacheF16(kvF16);
        } else {
            throw new IllegalArgumentException("unknown backend '" + backend + "': webgpu or wasm-cpu");
        }
        r.put("backend", backend);
        r.put("architecture", c.arch.ggufName);
        r.put("layers", (long) c.nLayers);
        r.put("dim", (long) c.dim);
        r.put("vocab", (long) c.vocabSize);
        r.put("contextSize", (long) ctx);
        r.put("fileBytes", source.size());
        if (source instanceof ChunkedSource) {
            r.put("fetchedBytes", ((ChunkedSource) source).fetched());
            ((ChunkedSource) source).onProgress(null);
        }
        r.put("name", f.getString("general.name", null));
        r.put("chatTemplate", f.has("tokenizer.chat_template"));
        r.put("loadMs", now() - t0);
        return Json.write(r);
    }

    /** A split model: {@code parts} are the shards' sizes, their bytes one after another in {@code whole}. */
    private static GgufFile readShards(ByteSource whole, List<Object> parts) {
        List<GgufFile> shards = new ArrayList<>();
        long at = 0;
        for (Object size : parts) {
            long n = ((Number) size).longValue();
            shards.add(GgufFile.read(new SliceSource(whole, at, n)));
            at += n;
        }
        return GgufFile.ofShards(whole, shards);
    }

    /** Emits {phase: "load", loaded, total} at most every 100 ms, and at the last byte. */
    private static void reportLoadProgress(ChunkedSource source, dev.hearth.web.bridge.JsBridge.Call call) {
        double[] last = {0};
        source.onProgress((bytes, size) -> {
            double t = now();
            if (t - last[0] >= 100 || bytes >= size) {
                last[0] = t;
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("phase", "load");
                e.put("loaded", bytes);
                e.put("total", size);
                call.emit(Json.write(e));
            }
        });
    }

    private static void unload() {
        if (gpuEngine != null) {
            gpuEngine.destroy();
        }
        gpuEngine = null;
        cpuEngine = null;
        config = null;
        gguf = null;
    }

    private static int[] ids(Object list) {
        List<Object> l = Json.asArray(list);
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }

    public static void requireLoaded() {
        if (gpuEngine == null && cpuEngine == null) {
            throw new IllegalStateException("no model is loaded: call engine.load first");
        }
    }

    private static float[] forwardLogits(int[] tokens, int pos) {
        return gpuEngine != null ? gpuEngine.logits(tokens, pos) : cpuEngine.forward(tokens, pos);
    }

    /** The next token: greedy when sampler is null; else sampled (from the GPU's top-k on WebGPU). */
    public static int nextToken(int[] tokens, int pos, Sampler sampler, int topK) {
        if (sampler == null) {
            return nextGreedy(tokens, pos);
        }
        float[] logits = gpuEngine != null
                ? gpuEngine.topKLogits(tokens, pos, Math.max(1, Math.min(topK <= 0 ? GpuTransformer.MAX_TOP_K : topK,
                        GpuTransformer.MAX_TOP_K)))
                : cpuEngine.forward(tokens, pos);
        int id = sampler.sample(logits);
        sampler.accept(id);
        return id;
    }

    private static int nextGreedy(int[] tokens, int pos) {
        return gpuEngine != null ? gpuEngine.nextGreedy(tokens, pos) : Sampler.argmax(cpuEngine.forward(tokens, pos));
    }

    /**
     * {prompt, n, eog, temperature, top_k, top_p, min_p, seed}: greedy unless a temperature above 0 is
     * given; sampling on the WebGPU backend reads back only the top_k (default 40, at most 64) candidates.
     */
    static String generate(String argsJson) {
        requireLoaded();
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        int[] prompt = ids(a.get("prompt"));
        int n = ((Number) a.getOrDefault("n", 16L)).intValue();
        int[] eog = a.containsKey("eog") ? ids(a.get("eog")) : new int[0];
        double temperature = ((Number) a.getOrDefault("temperature", 0L)).doubleValue();
        Sampler sampler = null;
        int topK = ((Number) a.getOrDefault("top_k", 40L)).intValue();
        if (temperature > 0) {
            SamplerSettings st = SamplerSettings.defaults().withTemperature((float) temperature)
                    .withTopK(topK)
                    .withTopP(((Number) a.getOrDefault("top_p", 1.0)).floatValue())
                    .withMinP(((Number) a.getOrDefault("min_p", 0.0)).floatValue())
                    .withSeed(((Number) a.getOrDefault("seed", (long) (Math.random() * 1e15))).longValue());
            sampler = new Sampler(st);
        }
        List<Object> out = new ArrayList<>();
        cancelled = false;
        double t0 = now();
        int next = nextToken(prompt, 0, sampler, topK);
        double t1 = now();
        int pos = prompt.length;
        boolean stopped = false;
        double lastYield = now();
        int limit = Math.min(n, contextSize() - prompt.length + 1);
        for (int i = 0; i < limit; i++) {
            out.add((long) next);
            if (contains(eog, next) || i == limit - 1) {
                break;
            }
            if (now() - lastYield > 50) {
                // The CPU backend never awaits: let the event loop deliver messages (a cancel) now and then.
                // (TeaVM's Thread.yield() switches Java threads only; sleep goes through setTimeout.)
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                lastYield = now();
            }
            if (cancelled) {
                stopped = true;
                break;
            }
            next = nextToken(new int[] {next}, pos++, sampler, topK);
        }
        double t2 = now();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ids", out);
        r.put("cancelled", stopped);
        r.put("promptTokens", (long) prompt.length);
        r.put("prefillMs", t1 - t0);
        r.put("decodeMs", t2 - t1);
        r.put("decodeTokens", (long) Math.max(0, out.size() - 1));
        return Json.write(r);
    }

    /** {prompt, pos}: runs the tokens at pos and answers the greedy next token id (the GPU reads back 4 bytes). */
    static String next(String argsJson) {
        requireLoaded();
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        int pos = ((Number) a.getOrDefault("pos", 0L)).intValue();
        return Integer.toString(nextGreedy(ids(a.get("prompt")), pos));
    }

    static String logits(String argsJson) {
        requireLoaded();
        Map<String, Object> a = Json.asObject(Json.parse(argsJson));
        // pos: where the tokens go; the KV cache keeps positions before it from earlier calls
        int pos = ((Number) a.getOrDefault("pos", 0L)).intValue();
        float[] l = forwardLogits(ids(a.get("prompt")), pos);
        List<Object> out = new ArrayList<>(l.length);
        for (float v : l) {
            out.add((double) v);
        }
        return Json.write(out);
    }

    public static int contextSize() {
        return gpuEngine != null ? gpuEngine.contextSize : cpuEngine.contextSize;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The loaded engine as a {@link dev.hearth.model.LogitsSource}, for Java in the page that generates (the agent). */
    public static dev.hearth.model.LogitsSource logitsSource() {
        requireLoaded();
        return new dev.hearth.model.LogitsSource() {
            @Override
            public int contextSize() {
                return EngineOps.contextSize();
            }

            @Override
            public float[] forward(int[] tokens, int pos) {
                return forwardLogits(tokens, pos);
            }
        };
    }

    static ModelConfig config() {
        return config;
    }

    /** The loaded model's file (metadata, vocabulary, chat template), or null. */
    public static GgufFile gguf() {
        return gguf;
    }
}
