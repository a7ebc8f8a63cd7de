package dev.hearth.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TokenizerBehaviourTest {
    static List<String> pieces(String pre, String text) {
        List<String> out = new ArrayList<>();
        for (int[] p : PreTokenizer.forName(pre).split(text)) {
            out.add(new String(p, 0, p.length));
        }
        return out;
    }

    @Test
    void llama3SplitsDigitsInThreesAndKeepsCaseInsensitiveContractions() {
        assertEquals(List.of("Hello", ",", " world", "!", " ", "123", "456", "7", " I", "'M", " here", "\n\n", "ok"),
                pieces("llama-bpe", "Hello, world! 1234567 I'M here\n\nok"));
    }

    @Test
    void qwen2SplitsEveryDigit() {
        assertEquals(List.of("x", "1", "2", "3", " y"), pieces("qwen2", "x123 y"));
    }

    @Test
    void gpt2KeepsTheSpaceWithTheWordAndSplitsTrailingSpaces() {
        assertEquals(List.of("Hello", " world", "   ", " again", "  "), pieces("gpt2", "Hello world    again  "));
        assertEquals(List.of("it", "'s", " 12", "!"), pieces(null, "it's 12!"));
    }

    @Test
    void starcoderSplitsDigitsBeforeTheGpt2Rules() {
        assertEquals(List.of("a", " ", "1", "2", "b"), pieces("starcoder", "a 12b"));
    }

    @Test
    void whitespaceRunsLeaveTheirLastSpaceToTheNextWord() {
        assertEquals(List.of("a", "  ", " b", "   "), pieces("gpt2", "a   b   "));
        assertEquals(List.of("a", " \t", " b"), pieces("llama3", "a \t b"));
        assertEquals(List.of("a", " \n\n", "  ", " b"), pieces("llama3", "a \n\n   b"));
    }

    @Test
    void otherPreTokenizers() {
        assertEquals(List.of("ab", "!!!", " ", "123", "4"), pieces("falcon", "ab!!! 1234")); // [0-9]{3} searched inside " 1234"
        assertEquals(List.of("Hello", " world", "\n", "日本", "1", "2"), pieces("deepseek-coder", "Hello world\n日本12"));
        assertEquals(List.of("Hello", " world", "123", "4", "日本"), pieces("deepseek-v3", "Hello world1234日本"));
        assertEquals(List.of("Hello", "World's", " ", "123", "4"), pieces("gpt-4o", "HelloWorld's 1234"));
        assertEquals(List.of("Hello", ",", " world", "!"), pieces("bloom", "Hello, world!"));
    }

    static Tokenizer load(String relative) throws Exception {
        Path p = Path.of(System.getProperty("hearth.shared", "../../shared")).resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(p), "../shared is absent: real-vocabulary tests skipped");
        try (FileByteSource src = new FileByteSource(p)) {
            return Tokenizer.fromGguf(GgufFile.read(src));
        }
    }

    @Test
    void roundTripsAndStreamsWithoutSplittingCharacters() throws Exception {
        for (String file : new String[] {"models/tiny-random/llama-2-tiny-random.gguf", "models/stories260K/stories260K.gguf",
                "tokenizer-vectors/ggml-vocab-gpt-2.gguf", "tokenizer-vectors/ggml-vocab-starcoder.gguf",
                "tokenizer-vectors/ggml-vocab-llama-spm.gguf", "tokenizer-vectors/ggml-vocab-phi-3.gguf"}) {
            Tokenizer t = load(file);
            String text = "Héllo wörld! 🦙👩‍👩‍👧 日本語のテキスト 한국어 e\u0301 a\u0308\u0323 \t tabs\nnew line  two spaces 𝔘𝔫𝔦";
            int[] ids = t.encode(text, false, false);
            String decoded = t.decode(ids);
            boolean spm = t.vocabulary().model.equals("llama");
            assertEquals(spm ? " " + text : text, decoded, file);
            TokenDecoder d = t.streamingDecoder();
            StringBuilder streamed = new StringBuilder();
            for (int id : ids) {
                String part = d.add(id);
                assertTrue(part.indexOf('\uFFFD') < 0, "a character was split: " + file);
                streamed.append(part);
            }
            streamed.append(d.flush());
            assertEquals(decoded, streamed.toString());
        }
    }

    @Test
    void specialTokensOnlyWhenAsked() throws Exception {
        Tokenizer t = load("models/stories260K/stories260K.gguf");
        int[] plain = t.encode("<s>hi", false, false);
        int[] parsed = t.encode("<s>hi", false, true);
        assertEquals(1, parsed[0], "with parseSpecial, <s> is BOS");
        assertTrue(plain.length > 2 && plain[0] != 1, "without it, <s> is text");
        assertArrayEquals(new int[] {1}, java.util.Arrays.copyOf(t.encode("", true, false), 1));
        assertTrue(t.isEog(2) && !t.isEog(1));
    }

    @Test
    void byteLevelSpecialTokensAndEndOfGeneration() throws Exception {
        Tokenizer t = load("tokenizer-vectors/ggml-vocab-gpt-2.gguf");
        int eot = t.vocabulary().id("<|endoftext|>");
        assertTrue(eot >= 0 && t.isEog(eot));
        int[] parsed = t.encode("hi<|endoftext|>there", false, true);
        assertEquals(3, parsed.length, java.util.Arrays.toString(parsed));
        assertEquals(eot, parsed[1]);
        int[] plain = t.encode("hi<|endoftext|>there", false, false);
        assertTrue(plain.length > 3 && java.util.Arrays.stream(plain).noneMatch(id -> id == eot));
        assertEquals("hi<|endoftext|>there", t.decode(plain));
        assertEquals("hithere", t.decode(parsed), "control tokens decode to nothing");
        assertTrue(!t.isEog(parsed[0]));
    }

    @Test
    void streamingDecoderHoldsBackSplitCharacters() throws Exception {
        Tokenizer t = load("models/stories260K/stories260K.gguf"); // 512 tokens: most non-ASCII goes to byte tokens
        int[] ids = t.encode("🦙日本", false, false);
        TokenDecoder d = t.streamingDecoder();
        List<String> parts = new ArrayList<>();
        for (int id : ids) {
            parts.add(d.add(id));
        }
        assertEquals(" 🦙日本", String.join("", parts) + d.flush());
        assertTrue(parts.stream().noneMatch(p -> p.indexOf('\uFFFD') >= 0), parts.toString());
        assertTrue(ids.length > 3, "the emoji is spelled in byte tokens");
    }

    @Test
    void phi3SpecialTokensSwallowTheWhitespaceAfterThem() throws Exception {
        Tokenizer t = load("tokenizer-vectors/ggml-vocab-phi-3.gguf");
        Vocabulary v = t.vocabulary();
        int user = v.id("<|user|>");
        Assumptions.assumeTrue(user >= 0 && v.modelName != null && v.modelName.toLowerCase().contains("phi"), "not a Phi-3 vocabulary");
        int[] ids = t.encode("<|user|>\nHi<|end|>", false, true);
        assertEquals(user, ids[0]);
        assertArrayEquals(t.encode("<|user|>Hi<|end|>", false, true), ids, "rstrip drops the newline after <|user|>");
        assertTrue(t.isEog(v.id("<|end|>")));
    }
}
