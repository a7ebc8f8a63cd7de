package dev.hearth.cli;

import dev.hearth.gguf.ByteSourceException;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.GgufFormatException;
import dev.hearth.gguf.TensorInfo;
import dev.hearth.model.ActivationRounding;
import dev.hearth.model.Generator;
import dev.hearth.model.LogitsSource;
import dev.hearth.model.Model;
import dev.hearth.model.ModelConfig;
import dev.hearth.model.ModelException;
import dev.hearth.model.Transformer;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.sampling.StopStrings;
import dev.hearth.tensor.GgmlType;
import dev.hearth.tensor.UnsupportedTensorTypeException;
import dev.hearth.tokenizer.TokenizerException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM command line behind the launcher: {@code ./hearth info|tokenize|generate MODEL.gguf ...}.
 * Exit codes: 0 done, 1 a named error (one line on stderr), 2 bad arguments (usage on stderr).
 */
public final class HearthCli {
    static final String USAGE = String.join("\n",
            "usage: hearth <command> MODEL.gguf [options]",
            "",
            "  info MODEL.gguf                 architecture, hyperparameters, tensor types, vocabulary, chat template",
            "  tokenize MODEL.gguf --inp FILE  one line of token ids per string of FILE (strings separated by the",
            "                                  line __ggml_vocab_test__); no BOS/EOS, special tokens not parsed",
            "  tokenize MODEL.gguf --text STRING",
            "  generate MODEL.gguf --prompt TEXT -n N [--greedy | --temp T --top-k K --top-p P --min-p P --seed S]",
            "           [--repeat-penalty R] [--presence-penalty P] [--stop STRING]... [--ids] [--stats]",
            "           [--backend jvm] [--threads N] [--ctx N] [--kv-f32] [--f32-activations] [--prompt-ids \"1 2 3\"]",
            "      BOS is added as tokenizer.ggml.add_bos_token says (default: yes for SentencePiece vocabularies).",
            "      Greedy unless a sampling option is given. --ids prints two lines: prompt ids, generated ids.",
            "      --stats prints prompt and decode tokens/s to stderr. Stops at an end-of-generation token.",
            "      Like llama.cpp by default: F16 KV cache and matmul inputs rounded to the weights' dot type;",
            "      --kv-f32 and --f32-activations give the plain F32 reference instead.",
            "  bench-grammar [VOCAB.gguf ...] [--synthetic-151k] [--runs N]",
            "                                  constrained decoding cost: vocabulary trie build, mask time per step",
            "                                  (median, p95) over realistic DOM tool calls",
            "");

    private final PrintStream out;
    private final PrintStream err;

    HearthCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Where {@code generate --backend NAME} runs the model. */
    public interface Backend {
        /**
         * A ready model for {@code file}: {@code llamaCpp} asks for llama.cpp's rounding of matmul inputs,
         * {@code kvF16} for its F16 KV cache.
         */
        LogitsSource open(Path file, GgufFile gguf, int contextSize, boolean llamaCpp, boolean kvF16, int threads);
    }

    private static final Map<String, Backend> BACKENDS = new java.util.LinkedHashMap<>();

    static {
        BACKENDS.put("jvm", (file, gguf, contextSize, llamaCpp, kvF16, threads) -> {
            Transformer t = new Transformer(Model.load(gguf), contextSize);
            t.setKvCacheF16(kvF16);
            t.setActivationRounding(llamaCpp ? ActivationRounding.Mode.LLAMA_CPP : ActivationRounding.Mode.F32);
            if (threads > 1) {
                t.setRowRunner(new ThreadedRowRunner(threads));
            }
            return t;
        });
    }

    /** Makes {@code --backend name} available (the browser runner adds webgpu and wasm-cpu). */
    public static void registerBackend(String name, Backend backend) {
        BACKENDS.put(name, backend);
    }

    public static void main(String[] args) {
        mainWith(args);
    }

    /** Runs the command line with whatever backends are registered, and exits. */
    public static void mainWith(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        int code = new HearthCli(out, System.err).run(args);
        out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    int run(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command");
            }
            String cmd = args[0];
            switch (cmd) {
                case "info":
                    info(new Args(args, 1));
                    return 0;
                case "tokenize":
                    tokenize(new Args(args, 1));
                    return 0;
                case "generate":
                    generate(new Args(args, 1));
                    return 0;
                case "bench-grammar":
                    GrammarBench.run(java.util.Arrays.copyOfRange(args, 1, args.length), out);
                    return 0;
                case "help":
                case "-h":
                case "--help":
                    out.print(USAGE);
                    return 0;
                default:
                    throw new UsageException("unknown command '" + cmd + "'");
            }
        } catch (UsageException e) {
            err.println("hearth: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (ModelException | GgufFormatException | UnsupportedTensorTypeException | ByteSourceException
                | TokenizerException e) {
            err.println("hearth: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("hearth: I/O error: " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            err.println("hearth: out of memory: try a smaller model or --ctx, or give the JVM more heap (-Xmx)");
            return 1;
        }
    }

    // ---- info ----

    private void info(Args a) {
        Path file = a.model();
        a.done();
        GgufFile gguf = open(file);
        String arch = gguf.getString("general.architecture", "(none)");
        out.println("file " + file);
        out.println("gguf version " + gguf.version());
        String name = gguf.getString("general.name", null);
        if (name != null) {
            out.println("name " + name);
        }
        try {
            out.println(ModelConfig.fromGguf(gguf));
        } catch (ModelException e) {
            out.println("architecture " + arch + " (" + e.getMessage() + ")");
        }
        Map<String, Integer> types = new TreeMap<>();
        long params = 0;
        for (TensorInfo t : gguf.tensors()) {
            types.merge(t.type.toString(), 1, Integer::sum);
            params += t.elementCount();
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
        }
        out.println("tensors " + gguf.tensors().size() + " (" + b + "), " + params + " parameters");
        String[] tokens = gguf.getStringArray("tokenizer.ggml.tokens");
        out.println("vocabulary " + gguf.getString("tokenizer.ggml.model", "(none)")
                + (gguf.has("tokenizer.ggml.pre") ? ", pre-tokenizer " + gguf.getString("tokenizer.ggml.pre", "") : "")
                + ", " + (tokens == null ? 0 : tokens.length) + " tokens");
        out.println("chat template " + (gguf.has("tokenizer.chat_template") ? "yes" : "no"));
    }

    // ---- tokenize ----

    private void tokenize(Args a) throws IOException {
        Path file = a.model();
        String inp = a.option("--inp");
        String text = a.option("--text");
        a.done();
        if ((inp == null) == (text == null)) {
            throw new UsageException("tokenize needs exactly one of --inp FILE and --text STRING");
        }
        List<String> strings = new ArrayList<>();
        if (inp != null) {
            Path p = Paths.get(inp);
            if (!Files.isRegularFile(p)) {
                throw new ModelException("no such file: " + inp);
            }
            String all = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
            String sep = "\n__ggml_vocab_test__\n";
            int from = 0;
            while (from < all.length()) {
                int at = all.indexOf(sep, from);
                if (at < 0) { // text after the last separator is a last string (llama.cpp's files end with one)
                    strings.add(all.substring(from));
                    break;
                }
                strings.add(all.substring(from, at));
                from = at + sep.length();
            }
        } else {
            strings.add(text);
        }
        TextCodec codec = TextCodec.load(open(file));
        StringBuilder b = new StringBuilder();
        for (String s : strings) {
            // the llama.cpp .out format: every id preceded by one space
            for (int id : codec.encode(s, false)) {
                b.append(' ').append(id);
            }
            b.append('\n');
        }
        out.print(b);
    }

    // ---- generate ----

    private void generate(Args a) {
        Path file = a.model();
        String prompt = a.option("--prompt");
        String promptIds = a.option("--prompt-ids");
        int n = a.intOption("-n", 32);
        boolean greedy = a.flag("--greedy");
        String temp = a.option("--temp");
        String topK = a.option("--top-k");
        String topP = a.option("--top-p");
        String minP = a.option("--min-p");
        String seed = a.option("--seed");
        String repeat = a.option("--repeat-penalty");
        String presence = a.option("--presence-penalty");
        List<String> stops = a.options("--stop");
        boolean ids = a.flag("--ids");
        boolean stats = a.flag("--stats");
        String backend = a.option("--backend");
        int threads = a.intOption("--threads", 1);
        int ctx = a.intOption("--ctx", 0);
        boolean kvF32 = a.flag("--kv-f32");
        boolean f32Activations = a.flag("--f32-activations");
        a.done();
        if ((prompt == null) == (promptIds == null)) {
            throw new UsageException("generate needs --prompt TEXT (or --prompt-ids \"ID ID ...\")");
        }
        if (n < 0) {
            throw new UsageException("-n must be 0 or more");
        }
        String backendName = backend == null ? "jvm" : backend;
        Backend runner = BACKENDS.get(backendName);
        if (runner == null) {
            throw new UsageException("backend '" + backendName + "' is not available here (available: "
                    + String.join(", ", BACKENDS.keySet()) + "; ./hearth runs webgpu and wasm-cpu in Chromium)");
        }
        boolean sampling = temp != null || topK != null || topP != null || minP != null || seed != null;
        if (greedy && sampling) {
            throw new UsageException("--greedy cannot be combined with --temp, --top-k, --top-p, --min-p or --seed");
        }
        SamplerSettings s = sampling ? SamplerSettings.defaults() : SamplerSettings.greedy();
        if (temp != null) {
            s = s.withTemperature(parseFloat("--temp", temp));
        }
        if (topK != null) {
            s = s.withTopK(parseInt("--top-k", topK));
        }
        if (topP != null) {
            s = s.withTopP(parseFloat("--top-p", topP));
        }
        if (minP != null) {
            s = s.withMinP(parseFloat("--min-p", minP));
        }
        if (seed != null) {
            s = s.withSeed(parseLong("--seed", seed));
        }
        if (repeat != null) {
            s = s.withRepeatPenalty(parseFloat("--repeat-penalty", repeat));
        }
        if (presence != null) {
            s = s.withPresencePenalty(parseFloat("--presence-penalty", presence));
        }

        GgufFile gguf = open(file);
        ModelConfig config = ModelConfig.fromGguf(gguf);
        TextCodec codec = null;
        int[] promptTokens;
        if (promptIds != null) {
            promptTokens = parseIds(promptIds);
        } else {
            codec = TextCodec.load(gguf);
            int[] body = codec.encode(prompt, true);
            boolean spm = "llama".equals(gguf.getString("tokenizer.ggml.model", ""));
            boolean addBos = gguf.getBool("tokenizer.ggml.add_bos_token", spm);
            int bos = gguf.getInt("tokenizer.ggml.bos_token_id", -1);
            if (addBos && bos >= 0) {
                promptTokens = new int[body.length + 1];
                promptTokens[0] = bos;
                System.arraycopy(body, 0, promptTokens, 1, body.length);
            } else {
                promptTokens = body;
            }
        }
        if (promptTokens.length == 0) {
            throw new ModelException("the prompt has no tokens: give some text (this vocabulary adds no BOS)");
        }
        int contextSize = ctx > 0 ? ctx : Math.min(config.contextLength, promptTokens.length + n);
        contextSize = Math.max(contextSize, promptTokens.length);
        long l0 = System.nanoTime();
        // llama.cpp's default KV cache is F16: its greedy ids are reproduced with it
        LogitsSource t = runner.open(file, gguf, contextSize, !f32Activations, !kvF32, threads);
        long l1 = System.nanoTime();
        Sampler sampler = new Sampler(s);
        Generator gen = new Generator(t);
        TextCodec text = codec;
        StopStrings stopStrings = new StopStrings(stops);
        int[] generated;
        if (ids) {
            // ids only: stop strings still apply, judged on the decoded text when a tokenizer is at hand
            List<Integer> sofar = new ArrayList<>();
            generated = gen.generate(promptTokens, n, sampler, id -> text != null ? text.isEog(id) : isEogFromMetadata(gguf, id),
                    id -> {
                        sofar.add(id);
                        return stopStrings.isEmpty() || text == null || stopStrings.find(text.decode(toArray(sofar))) < 0;
                    });
            out.println(join(promptTokens));
            out.println(join(generated));
        } else {
            if (text == null) {
                throw new UsageException("streaming text needs --prompt; with --prompt-ids also give --ids");
            }
            out.print(prompt);
            out.flush();
            StreamingText stream = new StreamingText(text, stopStrings, out);
            generated = gen.generate(promptTokens, n, sampler, text::isEog, stream::add);
            stream.finish();
            out.println();
        }
        out.flush();
        if (stats) {
            err.printf("load %.2f s; prompt %d tokens in %.3f s, %.2f tok/s; decode %d tokens in %.3f s, %.2f tok/s%n",
                    (l1 - l0) / 1e9,
                    gen.promptTokens, gen.promptNanos / 1e9, gen.promptTokens / (gen.promptNanos / 1e9),
                    Math.max(0, gen.decodedTokens - 1), gen.decodeNanos / 1e9,
                    gen.decodedTokens > 1 ? (gen.decodedTokens - 1) / (gen.decodeNanos / 1e9) : 0.0);
        }
    }

    /** EOS / EOT ids from metadata, for --prompt-ids runs that load no tokenizer. */
    private static boolean isEogFromMetadata(GgufFile gguf, int id) {
        return id == gguf.getInt("tokenizer.ggml.eos_token_id", -1) || id == gguf.getInt("tokenizer.ggml.eot_token_id", -1)
                || id == gguf.getInt("tokenizer.ggml.eom_token_id", -1);
    }

    /** Prints generated text as it becomes final: whole characters, never the start of a possible stop string. */
    static final class StreamingText {
        private final TextCodec codec;
        private final StopStrings stops;
        private final PrintStream out;
        private final List<Integer> ids = new ArrayList<>();
        private int printed;
        private boolean stopped;

        StreamingText(TextCodec codec, StopStrings stops, PrintStream out) {
            this.codec = codec;
            this.stops = stops;
            this.out = out;
        }

        boolean add(int id) {
            ids.add(id);
            String all = codec.decode(toArray(ids));
            int stop = stops.find(all);
            if (stop >= 0) {
                emit(all, Math.max(printed, stop));
                stopped = true;
                return false;
            }
            int end = all.length() - stops.holdBack(all);
            while (end > printed && all.charAt(end - 1) == '\uFFFD') { // an unfinished UTF-8 sequence
                end--;
            }
            emit(all, end);
            return true;
        }

        void finish() {
            if (!stopped) {
                String all = codec.decode(toArray(ids));
                emit(all, all.length());
            }
        }

        private void emit(String all, int end) {
            if (end > printed) {
                out.print(all.substring(printed, end));
                out.flush();
                printed = end;
            }
        }
    }

    // ---- helpers ----

    private static GgufFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("no such file: " + file);
        }
        return GgufFile.read(new FileByteSource(file));
    }

    private static int[] toArray(List<Integer> l) {
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
        }
        return r;
    }

    private static String join(int[] ids) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(ids[i]);
        }
        return b.toString();
    }

    private static int[] parseIds(String s) {
        String[] parts = s.trim().split("[\\s,]+");
        if (s.trim().isEmpty()) {
            return new int[0];
        }
        int[] r = new int[parts.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = parseInt("--prompt-ids", parts[i]);
        }
        return r;
    }

    private static int parseInt(String opt, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " needs an integer, not '" + v + "'");
        }
    }

    private static long parseLong(String opt, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " needs an integer, not '" + v + "'");
        }
    }

    private static float parseFloat(String opt, String v) {
        try {
            float f = Float.parseFloat(v);
            if (!Float.isFinite(f)) {
                throw new NumberFormatException();
            }
            return f;
        } catch (NumberFormatException e) {
            throw new UsageException(opt + " needs a number, not '" + v + "'");
        }
    }

    /** Options after the command: the model path first, then --name value pairs and flags, each at most once. */
    private static final class Args {
        private final List<String> rest = new ArrayList<>();
        private Path model;

        Args(String[] args, int from) {
            for (int i = from; i < args.length; i++) {
                rest.add(args[i]);
            }
        }

        Path model() {
            if (rest.isEmpty() || rest.get(0).startsWith("-")) {
                throw new UsageException("the command needs MODEL.gguf first");
            }
            model = Paths.get(rest.remove(0));
            return model;
        }

        String option(String name) {
            List<String> all = options(name);
            if (all.size() > 1) {
                throw new UsageException(name + " given more than once");
            }
            return all.isEmpty() ? null : all.get(0);
        }

        List<String> options(String name) {
            List<String> found = new ArrayList<>();
            for (int i = 0; i < rest.size(); ) {
                if (rest.get(i).equals(name)) {
                    if (i + 1 >= rest.size()) {
                        throw new UsageException(name + " needs a value");
                    }
                    found.add(rest.get(i + 1));
                    rest.remove(i);
                    rest.remove(i);
                } else {
                    i++;
                }
            }
            return found;
        }

        int intOption(String name, int dflt) {
            String v = option(name);
            return v == null ? dflt : parseInt(name, v);
        }

        boolean flag(String name) {
            boolean found = false;
            while (rest.remove(name)) {
                found = true;
            }
            return found;
        }

        void done() {
            if (!rest.isEmpty()) {
                throw new UsageException("unexpected argument '" + rest.get(0) + "'");
            }
        }
    }
}
