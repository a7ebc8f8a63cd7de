package dev.hearth.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * llama.cpp's tokenizer test vectors (../shared/tokenizer-vectors, from llama.cpp's tests at commit
 * c392e509): every string of every vocabulary must tokenize exactly as the .out file says, without
 * BOS/EOS and without parsing special tokens.
 */
class TokenizerVectorsTest {
    static Path vectors() {
        return Path.of(System.getProperty("hearth.shared", "../../shared")).resolve("tokenizer-vectors");
    }

    @TestFactory
    Stream<DynamicTest> everyVocabularyReproducesLlamaCpp() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(vectors()), "../shared/tokenizer-vectors is absent: vector tests skipped");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(vectors())) {
            for (Path gguf : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".gguf")).sorted()::iterator) {
                tests.add(DynamicTest.dynamicTest(gguf.getFileName().toString(), () -> check(gguf)));
            }
        }
        assertTrue(tests.size() >= 4, "expected the four shared vocabularies");
        return tests.stream();
    }

    static void check(Path gguf) throws IOException {
        Tokenizer t;
        try (FileByteSource src = new FileByteSource(gguf)) {
            t = Tokenizer.fromGguf(GgufFile.read(src));
        }
        String inp = Files.readString(Path.of(gguf + ".inp"), StandardCharsets.UTF_8);
        List<String> expected = Files.readAllLines(Path.of(gguf + ".out"), StandardCharsets.UTF_8);
        String[] strings = inp.split("\n__ggml_vocab_test__\n", -1);
        int pass = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            String want = expected.get(i).trim();
            int[] ids = t.encode(strings[i], false, false);
            StringBuilder got = new StringBuilder();
            for (int id : ids) {
                got.append(got.length() == 0 ? "" : " ").append(id);
            }
            if (got.toString().equals(want)) {
                pass++;
            } else {
                failures.add("  " + escape(strings[i]) + "\n    want " + want + "\n    got  " + got);
            }
        }
        System.out.printf("%s: %d/%d strings match llama.cpp%n", gguf.getFileName(), pass, expected.size());
        assertEquals(expected.size(), pass, gguf.getFileName() + " differs from llama.cpp:\n" + String.join("\n", failures));
    }

    static String escape(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
