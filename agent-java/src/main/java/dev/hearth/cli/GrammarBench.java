package dev.hearth.cli;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.grammar.Grammar;
import dev.hearth.grammar.JsonSchema;
import dev.hearth.grammar.TokenConstraint;
import dev.hearth.grammar.ToolCallSchema;
import dev.hearth.grammar.VocabularyTrie;
import dev.hearth.tokenizer.Tokenizer;
import dev.hearth.tokenizer.Vocabulary;
import dev.hearth.tools.DomTools;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code hearth bench-grammar [VOCAB.gguf ...] [--synthetic-151k] [--runs N]}: the cost of constrained
 * decoding per token. For each vocabulary: the trie build time, then realistic DOM tool calls (the schema of
 * every DOM tool with refs as an enum of 200 snapshot refs) generated token by token: each step computes the
 * mask (timed) and takes the longest allowed token that continues the target text, as a model that writes
 * the call would. Prints the median and p95 of the mask time per step, with the mask cache (as generation
 * uses it) and without (the trie walk itself). Each step's time is its best over --runs runs (default 5)
 * of the same steps, and the trie build time the best of as many builds: the machine may be shared.
 */
final class GrammarBench {
    static final String[] CALLS = {
        "{\"name\":\"click\",\"arguments\":{\"ref\":\"e42\"}}",
        "{\"name\":\"type\",\"arguments\":{\"ref\":\"e17\",\"text\":\"waterproof hiking boots size 43, brown leather\",\"submit\":true}}",
        "{\"name\":\"scroll\",\"arguments\":{\"direction\":\"down\",\"pages\":2}}",
        "{\"name\":\"navigate\",\"arguments\":{\"url\":\"/checkout?step=2&coupon=SPRING24\"}}",
        "{\"name\":\"select_option\",\"arguments\":{\"ref\":\"e120\",\"option\":\"Express delivery (1-2 days)\"}}",
        "{\"name\":\"read\",\"arguments\":{\"region\":\"main\",\"max_chars\":2000}}",
        "{\"name\":\"wait_for\",\"arguments\":{\"text\":\"Order confirmed\",\"timeout_ms\":10000}}",
        "{\"name\":\"press_key\",\"arguments\":{\"key\":\"Control+Enter\",\"ref\":\"e8\"}}",
    };

    private GrammarBench() {}

    /** args: what follows {@code bench-grammar}. */
    static void run(String[] args, PrintStream out) {
        List<String> files = new ArrayList<>();
        boolean synthetic = false;
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--synthetic-151k")) {
                synthetic = true;
            } else if (args[i].equals("--runs") && i + 1 < args.length) {
                try {
                    runs = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    throw new UsageException("--runs needs a number, not '" + args[i] + "'");
                }
            } else if (args[i].startsWith("-")) {
                throw new UsageException("unknown bench-grammar option '" + args[i] + "'");
            } else {
                files.add(args[i]);
            }
        }
        if (files.isEmpty() && !synthetic) {
            throw new UsageException("bench-grammar needs VOCAB.gguf files or --synthetic-151k");
        }
        List<String> refs = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            refs.add("e" + (i * 3 - 1));
        }
        refs.addAll(Arrays.asList("e42", "e17", "e120", "e8"));
        Grammar grammar = null;
        double first = 0;
        double compile = Double.MAX_VALUE;
        for (int r = 0; r < Math.max(runs, 2); r++) { // a new grammar per page snapshot: cold and warm times
            long t0 = System.nanoTime();
            grammar = JsonSchema.compile(ToolCallSchema.ofTools(DomTools.all(), refs));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (r == 0) {
                first = ms;
            } else {
                compile = Math.min(compile, ms);
            }
        }
        out.printf("schema: the %d DOM tools as one anyOf, refs an enum of %d; compiled in %.1f ms (first, cold JIT),"
                + " %.2f ms (warm)%n", DomTools.all().size(), refs.size(), first, compile);
        out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.arch"));
        out.println();
        out.println("| vocabulary | tokens | trie nodes | trie build ms | steps | cached median ms | cached p95 ms | walk median ms | walk p95 ms | walk max ms |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        List<Object[]> vocabs = new ArrayList<>();
        for (String f : files) {
            vocabs.add(new Object[] {Path.of(f).getFileName().toString(),
                Vocabulary.fromGguf(GgufFile.read(new FileByteSource(Path.of(f))))});
        }
        if (synthetic) {
            vocabs.add(new Object[] {"synthetic qwen2-like 151k", SyntheticVocabulary.qwenLike()});
        }
        for (Object[] nv : vocabs) {
            Vocabulary v = (Vocabulary) nv[1];
            Tokenizer tok = new Tokenizer(v);
            VocabularyTrie trie = null;
            double build = Double.MAX_VALUE;
            for (int r = 0; r < runs; r++) {
                trie = VocabularyTrie.of(tok);
                build = Math.min(build, trie.buildMillis);
            }
            double[] cached = steps(grammar, trie, true, runs);
            double[] walk = steps(grammar, trie, false, runs);
            out.printf("| %s | %d | %d | %.1f | %d | %.3f | %.3f | %.3f | %.3f | %.3f |%n", nv[0], v.size(),
                    trie.nodeCount(), build, cached.length, pct(cached, 50), pct(cached, 95),
                    pct(walk, 50), pct(walk, 95), pct(walk, 100));
        }
    }

    /**
     * Mask time (ms) of every step of every call: the same steps each run, each taking its best time over
     * the runs (the machine may be shared; the best is the cost of the work itself).
     */
    private static double[] steps(Grammar grammar, VocabularyTrie trie, boolean cache, int runs) {
        double[] best = null;
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            times.clear();
            for (String call : CALLS) {
                byte[] target = call.getBytes(StandardCharsets.UTF_8);
                TokenConstraint c = new TokenConstraint(grammar, trie);
                c.cacheMasks(cache);
                int done = 0;
                java.util.BitSet allowed = new java.util.BitSet();
                while (!c.isFinished()) {
                    long t0 = System.nanoTime();
                    c.allowed(allowed);
                    times.add((System.nanoTime() - t0) / 1e6);
                    int next = -1;
                    int bestLen = 0;
                    for (int t = allowed.nextSetBit(0); t >= 0; t = allowed.nextSetBit(t + 1)) {
                        byte[] b = trie.tokenBytes(t);
                        if (b != null && b.length > bestLen && startsWith(target, done, b)) {
                            next = t;
                            bestLen = b.length;
                        }
                    }
                    if (next < 0) {
                        throw new IllegalStateException("no allowed token continues " + call + " at byte " + done);
                    }
                    c.accept(next);
                    done += bestLen;
                }
            }
            if (best == null) {
                best = new double[times.size()];
                Arrays.fill(best, Double.MAX_VALUE);
            }
            for (int i = 0; i < best.length; i++) {
                best[i] = Math.min(best[i], times.get(i));
            }
        }
        return best;
    }

    private static boolean startsWith(byte[] target, int from, byte[] b) {
        if (from + b.length > target.length) {
            return false;
        }
        for (int k = 0; k < b.length; k++) {
            if (target[from + k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    private static double pct(double[] a, int p) {
        double[] s = Arrays.copyOf(a, a.length);
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }
}
