package dev.hearth.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.gguf.ArrayByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.json.Json;
import dev.hearth.model.Architecture;
import dev.hearth.model.Generator;
import dev.hearth.model.LogitsSource;
import dev.hearth.model.Model;
import dev.hearth.model.RandomModels;
import dev.hearth.model.Transformer;
import dev.hearth.sampling.Sampler;
import dev.hearth.sampling.SamplerSettings;
import dev.hearth.tensor.GgmlType;
import dev.hearth.tokenizer.Tokenizer;
import dev.hearth.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance: samples drawn with temperature (different seeds; every fifth greedy) from random-weight
 * logits, constrained by several schemas over three vocabularies (SentencePiece 32k, GPT-2 50k, a
 * synthesised 151k byte-level BPE), and some from a real tiny random Transformer. Every sample must be
 * finished by the grammar, parse with {@link Json#parse}, validate with the independent
 * {@link SchemaValidator}, decode to the same text, and name only refs of the given enum. On the first
 * sample of each vocabulary and schema every mask is also checked against a brute-force one (every token's
 * bytes run through the automaton). About 2,700 samples by default; HEARTH_GRAMMAR_SAMPLES=3 draws about 4,000.
 */
class ConstrainedSamplingTest {
    private static final List<String> REFS = TestSchemas.refs(300, 7);
    private static Vocabulary spm;
    private static Vocabulary gpt2;
    private static Vocabulary qwen;

    @BeforeAll
    static void load() throws Exception {
        spm = TestVocabularies.shared("ggml-vocab-llama-spm.gguf");
        gpt2 = TestVocabularies.shared("ggml-vocab-gpt-2.gguf");
        qwen = TestVocabularies.qwenLike();
    }

    /**
     * Random logits: a fixed per-token preference plus fresh noise per step, with tokens that close strings
     * and containers favoured so that random text ends in a few dozen tokens instead of thousands.
     */
    static final class RandomLogits implements LogitsSource {
        private final float[] bias;
        private final float[] noise;
        private final Random r;

        /** The fixed part for a vocabulary: {bias, noise}. */
        static float[][] tables(Tokenizer tok) {
            int n = tok.vocabulary().size();
            Random fixed = new Random(n);
            float[] bias = new float[n];
            for (int t = 0; t < n; t++) {
                String s = new String(tok.tokenBytes(t), java.nio.charset.StandardCharsets.UTF_8);
                bias[t] = (float) fixed.nextGaussian() + (s.indexOf('"') >= 0 ? 8f : 0f)
                        + (s.indexOf('}') >= 0 || s.indexOf(']') >= 0 ? 3f : 0f);
            }
            float[] noise = new float[n + 4096];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (float) (fixed.nextGaussian() * 2);
            }
            return new float[][] {bias, noise};
        }

        RandomLogits(float[][] tables, long seed) {
            bias = tables[0];
            noise = tables[1];
            r = new Random(seed);
        }

        @Override
        public int contextSize() {
            return 1 << 20;
        }

        @Override
        public float[] forward(int[] tokens, int pos) {
            int off = r.nextInt(4096);
            float[] l = new float[bias.length];
            for (int t = 0; t < l.length; t++) {
                l[t] = bias[t] + noise[off + t];
            }
            return l;
        }
    }

    private static SamplerSettings settings(int sample) {
        long seed = 1000L + sample;
        switch (sample % 5) {
            case 4: return SamplerSettings.greedy();
            case 0: return SamplerSettings.defaults().withTemperature(1f).withTopK(200).withTopP(1f).withMinP(0f).withSeed(seed);
            case 1: return SamplerSettings.defaults().withSeed(seed);
            case 2: return SamplerSettings.defaults().withTemperature(1.5f).withTopK(64).withSeed(seed);
            default: return SamplerSettings.defaults().withTemperature(0.7f).withTopP(0.9f).withSeed(seed);
        }
    }

    /** Draws samples and checks each; returns the number drawn. */
    private static int sample(String what, Vocabulary v, Object schema, int samples, int bruteForceEvery) {
        Tokenizer tok = new Tokenizer(v);
        VocabularyTrie trie = VocabularyTrie.of(tok);
        Grammar grammar = JsonSchema.compile(schema);
        float[][] tables = RandomLogits.tables(tok);
        MaskCache cache = new MaskCache(trie);
        for (int s = 0; s < samples; s++) {
            // the first sample with its own cache, so that every one of its masks is a fresh walk
            TokenConstraint c = s == 0 ? new TokenConstraint(grammar, trie) : new TokenConstraint(grammar, trie, cache);
            LogitsSource source = new RandomLogits(tables, s);
            if (s == 0) {
                source = bruteForceChecked(source, c, trie, v, bruteForceEvery);
            }
            int[] ids = new Generator(source).generate(new int[] {0}, 2000, new Sampler(settings(s)), v::isEog, null, c);
            check(what + " sample " + s, schema, c, tok, ids);
        }
        return samples;
    }

    /** Before each step, compares the constraint's mask with every token's bytes run through the automaton. */
    private static LogitsSource bruteForceChecked(LogitsSource inner, TokenConstraint c, VocabularyTrie trie,
                                                  Vocabulary v, int every) {
        return new LogitsSource() {
            int step;

            @Override
            public int contextSize() {
                return inner.contextSize();
            }

            @Override
            public float[] forward(int[] tokens, int pos) {
                if (step++ % every == 0) {
                    BitSet mask = new BitSet();
                    c.allowed(mask);
                    GrammarState st = c.state();
                    for (int t = 0; t < v.size(); t++) {
                        byte[] b = trie.bytes(t);
                        boolean expected = v.isEog(t) ? st.isComplete() : b != null && st.advance(b) != null;
                        if (mask.get(t) != expected) {
                            throw new AssertionError("token " + t + " " + v.tokens[t] + " after \"" + c.text()
                                    + "\": mask says " + mask.get(t) + ", the automaton " + expected);
                        }
                    }
                }
                return inner.forward(tokens, pos);
            }
        };
    }

    private static void check(String what, Object schema, TokenConstraint c, Tokenizer tok, int[] ids) {
        assertTrue(c.isFinished() || c.isComplete() && ids.length > 0 && tok.isEog(ids[ids.length - 1]),
                what + ": not finished after " + ids.length + " tokens: " + c.text());
        String text = c.text();
        List<Integer> content = new ArrayList<>();
        for (int id : ids) {
            if (!tok.isEog(id)) {
                content.add(id);
            }
        }
        int[] contentIds = content.stream().mapToInt(Integer::intValue).toArray();
        assertEquals(text, tok.decode(contentIds), what + ": the tokens decode to the constraint's text");
        Object value;
        try {
            value = Json.parse(text);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": does not parse: " + text, e);
        }
        List<String> problems = SchemaValidator.problems(schema, value);
        assertTrue(problems.isEmpty(), what + ": " + text + " -> " + problems);
        if (value instanceof Map && Json.asObject(value).get("arguments") instanceof Map) {
            Map<String, Object> args = Json.asObject(Json.asObject(value).get("arguments"));
            for (String p : ToolCallSchema.REF_PARAMS) {
                if (args.containsKey(p)) {
                    assertTrue(REFS.contains(args.get(p)), what + ": ref " + args.get(p) + " is not in the snapshot");
                }
            }
        }
    }

    /**
     * Samples per schema are scaled by the environment variable {@code HEARTH_GRAMMAR_SAMPLES} (default 2:
     * about 2,700 samples in all, in about a minute on a 2-core machine; 3 gives about 4,000).
     */
    private static int n(int base) {
        String env = System.getenv("HEARTH_GRAMMAR_SAMPLES");
        double scale = env == null || env.isEmpty() ? 2 : Double.parseDouble(env);
        return Math.max(1, (int) Math.round(base * scale));
    }

    @Test
    void sentencePiece32k() {
        int n = 0;
        n += sample("spm dom", spm, TestSchemas.domToolCall(REFS), n(250), 2);
        n += sample("spm nested", spm, TestSchemas.parse(TestSchemas.NESTED), n(200), 2);
        n += sample("spm scalars", spm, TestSchemas.parse(TestSchemas.SCALARS), n(200), 2);
        n += sample("spm strings", spm, TestSchemas.parse(TestSchemas.STRINGS), n(120), 2);
        System.out.println("spm 32k: " + n + " samples valid");
    }

    @Test
    void gpt2Bpe50k() {
        int n = 0;
        n += sample("gpt2 dom", gpt2, TestSchemas.domToolCall(REFS), n(150), 3);
        n += sample("gpt2 nested", gpt2, TestSchemas.parse(TestSchemas.NESTED), n(100), 3);
        n += sample("gpt2 scalars", gpt2, TestSchemas.parse(TestSchemas.SCALARS), n(100), 3);
        n += sample("gpt2 strings", gpt2, TestSchemas.parse(TestSchemas.STRINGS), n(60), 3);
        System.out.println("gpt2 50k: " + n + " samples valid");
    }

    @Test
    void byteLevel151k() {
        int n = 0;
        n += sample("qwen dom", qwen, TestSchemas.domToolCall(REFS), n(50), 8);
        n += sample("qwen nested", qwen, TestSchemas.parse(TestSchemas.NESTED), n(30), 8);
        n += sample("qwen scalars", qwen, TestSchemas.parse(TestSchemas.SCALARS), n(30), 8);
        n += sample("qwen strings", qwen, TestSchemas.parse(TestSchemas.STRINGS), n(25), 8);
        System.out.println("qwen-like 151k: " + n + " samples valid");
    }

    /** The trie walk (with its free-text shortcut) against every token run through the automaton, at chosen states. */
    @Test
    void masksMatchTheAutomatonAtChosenStates() {
        String schema = "{\"type\":\"object\",\"properties\":{\"free\":{\"type\":\"string\"},"
                + "\"short\":{\"type\":\"string\",\"minLength\":2,\"maxLength\":5},"
                + "\"p\":{\"type\":\"string\",\"pattern\":\"^[a-z ]+$\"},\"n\":{\"type\":\"number\"}},"
                + "\"required\":[\"free\",\"short\",\"p\",\"n\"]}";
        Grammar g = JsonSchema.compileJson(schema);
        String[] prefixes = {"", "{\"free\":\"", "{\"free\":\"ab\\", "{\"free\":\"x\u00e9", "{\"free\":\"\",\"short\":\"",
            "{\"free\":\"\",\"short\":\"abc", "{\"free\":\"\",\"short\":\"ab\",\"p\":\"a b",
            "{\"free\":\"\",\"short\":\"ab\",\"p\":\"a\",\"n\":-1.5"};
        for (Vocabulary v : new Vocabulary[] {spm, gpt2, qwen}) {
            VocabularyTrie trie = VocabularyTrie.of(v);
            for (String prefix : prefixes) {
                TokenConstraint c = new TokenConstraint(g, trie);
                GrammarState st = g.start().advance(prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                // drive the constraint byte by byte through single-byte tokens
                for (byte b : prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    int tok = -1;
                    for (int t = 0; t < v.size() && tok < 0; t++) {
                        byte[] tb = trie.bytes(t);
                        if (tb != null && tb.length == 1 && tb[0] == b) {
                            tok = t;
                        }
                    }
                    c.accept(tok);
                }
                BitSet mask = new BitSet();
                c.allowed(mask);
                int allowed = 0;
                for (int t = 0; t < v.size(); t++) {
                    byte[] b = trie.bytes(t);
                    boolean expected = v.isEog(t) ? st.isComplete() : b != null && st.advance(b) != null;
                    assertEquals(expected, mask.get(t), v.size() + " tokens, after " + prefix + ": token " + t + " " + v.tokens[t]);
                    allowed += expected ? 1 : 0;
                }
                assertTrue(allowed > 0, "something is allowed after " + prefix);
            }
        }
    }

    @Test
    void realTinyRandomTransformer() {
        RandomModels.Shape shape = new RandomModels.Shape(Architecture.LLAMA, 64, 2, 4, 2, 128, 320, 1024, 16, false, 0);
        GgufFile f = GgufFile.read(new ArrayByteSource(RandomModels.gguf(shape, GgmlType.F32, 11)));
        Model m = Model.load(f);
        Vocabulary v = Vocabulary.fromGguf(f);
        Tokenizer tok = new Tokenizer(v);
        VocabularyTrie trie = VocabularyTrie.of(tok);
        Object[] schemas = {TestSchemas.domToolCallNoText(REFS), TestSchemas.parse(TestSchemas.SCALARS)};
        int n = 0;
        for (Object schema : schemas) {
            Grammar g = JsonSchema.compile(schema);
            for (int s = 0; s < 15; s++) {
                TokenConstraint c = new TokenConstraint(g, trie);
                Transformer t = new Transformer(m, 1024);
                int[] ids = new Generator(t).generate(new int[] {1}, 1000, new Sampler(settings(s)), v::isEog, null, c);
                check("tiny transformer sample " + s, schema, c, tok, ids);
                n++;
            }
        }
        System.out.println("tiny random transformer: " + n + " samples valid");
    }
}
