package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code ./hearth tokenize MODEL --inp FILE} on every vocabulary of ../shared/tokenizer-vectors: the output
 * must equal llama.cpp's .out file byte for byte (the acceptance check, run in-process).
 */
class TokenizeVectorsCliTest {
    static Path vectors() {
        return Path.of(System.getProperty("hearth.shared", "../../shared")).resolve("tokenizer-vectors");
    }

    @TestFactory
    Stream<DynamicTest> tokenizeReproducesEveryOutFile() throws Exception {
        assumeTrue(Files.isDirectory(vectors()), "../shared/tokenizer-vectors is absent");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(vectors())) {
            for (Path gguf : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".gguf")).sorted()::iterator) {
                tests.add(DynamicTest.dynamicTest(gguf.getFileName().toString(), () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ByteArrayOutputStream err = new ByteArrayOutputStream();
                    int rc = new HearthCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8))
                            .run(new String[] {"tokenize", gguf.toString(), "--inp", gguf + ".inp"});
                    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
                    assertEquals(Files.readString(Path.of(gguf + ".out"), StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
                }));
            }
        }
        return tests.stream();
    }
}
