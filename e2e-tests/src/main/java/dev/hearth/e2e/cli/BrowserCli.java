package dev.hearth.e2e.cli;

import dev.hearth.cli.HearthCli;
import dev.hearth.e2e.browser.BrowserSession;
import dev.hearth.model.LogitsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./hearth generate ... --backend webgpu|wasm-cpu}: the same command line as the JVM one
 * (tokenizing, sampling and printing happen here, identically), with the model run inside headless
 * Chromium by Hearth's page: WebGPU kernels, or the JVM reference compiled to WASM-GC.
 */
public final class BrowserCli {
    private BrowserCli() {}

    public static void main(String[] args) {
        HearthCli.registerBackend("webgpu", (file, gguf, ctx, llamaCpp, kvF16, threads) -> open("webgpu", file, ctx, llamaCpp, kvF16));
        HearthCli.registerBackend("wasm-cpu", (file, gguf, ctx, llamaCpp, kvF16, threads) -> open("wasm-cpu", file, ctx, llamaCpp, kvF16));
        HearthCli.mainWith(args);
    }

    static LogitsSource open(String backend, Path file, int contextSize, boolean llamaCpp, boolean kvF16) {
        Path site = Path.of(System.getProperty("hearth.site", "web/target/site"));
        Path dir = file.toAbsolutePath().getParent();
        List<Object[]> mounts = new ArrayList<>();
        mounts.add(new Object[] {"/model/", dir});
        BrowserSession session;
        try {
            session = new BrowserSession(site, mounts, null, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(session::close));
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("url", "/model/" + file.getFileName());
        load.put("backend", backend);
        load.put("contextSize", contextSize);
        load.put("rounding", llamaCpp ? "llama.cpp" : "f32");
        load.put("kv", kvF16 ? "f16" : "f32");
        session.call("engine.load", load);
        return new LogitsSource() {
            @Override
            public int contextSize() {
                return contextSize;
            }

            @Override
            @SuppressWarnings("unchecked")
            public float[] forward(int[] tokens, int pos) {
                Map<String, Object> a = new LinkedHashMap<>();
                List<Integer> t = new ArrayList<>();
                for (int id : tokens) {
                    t.add(id);
                }
                a.put("prompt", t);
                a.put("pos", pos);
                List<Object> l = (List<Object>) session.call("engine.logits", a);
                float[] out = new float[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((Number) l.get(i)).floatValue();
                }
                return out;
            }
        };
    }
}
