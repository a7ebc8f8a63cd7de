package dev.hearth.cli;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.model.Model;
import dev.hearth.model.RandomModels;
import dev.hearth.model.Transformer;
import dev.hearth.tensor.GgmlType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * JVM decode benchmark on a random-weight model with SmolLM2-135M's shapes (not a test: numbers depend on
 * the machine). Writes the model to a temporary GGUF (or reuses --model), runs a prompt, then times
 * one-token steps.
 *
 * <pre>java -cp agent-java/target/classes dev.hearth.cli.Bench [--type F32|Q8_0|...] [--prompt N] [--decode N]
 *     [--threads N] [--model FILE]</pre>
 */
public final class Bench {
    public static void main(String[] args) throws IOException {
        String typeName = "Q8_0";
        int promptLen = 32;
        int decode = 32;
        int threads = 1;
        Path model = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                usage("option " + a + " needs a value");
            }
            switch (a) {
                case "--type": typeName = v; break;
                case "--prompt": promptLen = Integer.parseInt(v); break;
                case "--decode": decode = Integer.parseInt(v); break;
                case "--threads": threads = Integer.parseInt(v); break;
                case "--model": model = Paths.get(v); break;
                default: usage("unknown option " + a);
            }
            i++;
        }
        GgmlType type = GgmlType.valueOf(typeName);
        RandomModels.Shape shape = RandomModels.smolLM2_135M();
        boolean temp = model == null;
        if (temp) {
            model = Files.createTempFile("hearth-bench-", ".gguf");
            long t0 = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(model), 1 << 20)) {
                RandomModels.write(shape, type, 42, out);
            }
            System.err.printf("wrote %s (%s, %s) in %.1f s, %.0f MB%n", model, shape, type,
                    (System.nanoTime() - t0) / 1e9, Files.size(model) / 1e6);
        }
        try (FileByteSource src = new FileByteSource(model)) {
            Model m = Model.load(GgufFile.read(src));
            Transformer t = new Transformer(m, promptLen + decode + 1);
            if (threads > 1) {
                t.setRowRunner(new ThreadedRowRunner(threads));
            }
            int[] prompt = new int[promptLen];
            for (int i = 0; i < promptLen; i++) {
                prompt[i] = 259 + (i * 7919) % (m.config.vocabSize - 259);
            }
            long p0 = System.nanoTime();
            float[] logits = t.forward(prompt, 0);
            long p1 = System.nanoTime();
            int next = argmax(logits);
            long d0 = System.nanoTime();
            for (int i = 0; i < decode; i++) {
                logits = t.forwardToken(next, promptLen + i, true);
                next = argmax(logits);
            }
            long d1 = System.nanoTime();
            System.out.printf("%s %s, %d thread(s), JVM %s %s: prompt %d tokens %.2f tok/s, decode %d tokens %.2f tok/s%n",
                    shape, type, threads, System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    promptLen, promptLen / ((p1 - p0) / 1e9), decode, decode / ((d1 - d0) / 1e9));
        } finally {
            if (temp) {
                Files.deleteIfExists(model);
            }
        }
    }

    private static int argmax(float[] l) {
        int b = 0;
        for (int i = 1; i < l.length; i++) {
            if (l[i] > l[b]) {
                b = i;
            }
        }
        return b;
    }

    private static void usage(String why) {
        System.err.println("bench: " + why);
        System.err.println("usage: Bench [--type F32|F16|BF16|Q8_0|Q4_0] [--prompt N] [--decode N] [--threads N] [--model FILE]");
        System.exit(2);
    }
}
