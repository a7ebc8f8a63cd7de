package dev.hearth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.model.Architecture;
import dev.hearth.model.RandomModels;
import dev.hearth.tensor.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HearthCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return new HearthCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static Path stories() {
        String prop = System.getProperty("hearth.shared");
        Path shared = prop != null ? Paths.get(prop)
                : Files.isDirectory(Paths.get("..", "shared")) ? Paths.get("..", "shared") : Paths.get("..", "..", "shared");
        Path p = shared.resolve("models/stories260K");
        assumeTrue(Files.isDirectory(p), "shared models absent");
        return p;
    }

    @Test
    void infoDescribesARandomModel(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("g.gguf");
        Files.write(f, RandomModels.gguf(RandomModels.tiny(Architecture.GEMMA3), GgmlType.Q8_0, 1));
        assertEquals(0, run("info", f.toString()));
        String o = out();
        assertTrue(o.contains("architecture gemma3"), o);
        assertTrue(o.contains("sliding_window 4"), o);
        assertTrue(o.contains("Q8_0 "), o);
        assertTrue(o.contains("vocabulary llama"), o);
        assertTrue(o.contains("chat template no"), o);
    }

    @Test
    void generateIdsPrintsExactlyTwoLines() {
        Path s = stories();
        int code = run("generate", s.resolve("stories260K.gguf").toString(), "--prompt-ids", "1 403 407 261 378",
                "-n", "8", "--greedy", "--ids");
        assertEquals(0, code, err());
        assertEquals("1 403 407 261 378\n432 383 286 261 376 298 315 421\n", out().replace("\r\n", "\n"));
    }

    @Test
    void generateFromTextAddsBosAndMatchesTheGolden() {
        Path s = stories();
        int code = run("generate", s.resolve("stories260K.gguf").toString(), "--prompt", "Once upon a time",
                "-n", "32", "--greedy", "--ids");
        assertEquals(0, code, err());
        assertEquals("1 403 407 261 378\n432 383 286 261 376 298 315 421 395 317 426 338 401 396 267 337 410 408 419 292"
                + " 411 322 265 282 295 433 426 385 328 432 358 394\n", out().replace("\r\n", "\n"));
        assertEquals(0, run("generate", s.resolve("stories260K.gguf").toString(), "--prompt", "Once upon a time",
                "-n", "40", "--stop", " park"));
        assertEquals("Once upon a time, there was a little girl named Lily. She loved to play outside in the\n",
                out().replace("\r\n", "\n"));
    }

    @Test
    void tokenizePrintsTheVectorFileFormat(@TempDir Path dir) throws Exception {
        Path s = stories();
        Path inp = dir.resolve("t.inp");
        Files.write(inp, "Hello world\n__ggml_vocab_test__\n\n__ggml_vocab_test__\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("tokenize", s.resolve("stories260K.gguf").toString(), "--inp", inp.toString()), err());
        String[] lines = out().split("\n", -1);
        assertEquals(3, lines.length); // two strings, then the empty text after the final newline
        assertTrue(lines[0].startsWith(" ") && lines[0].length() > 1, lines[0]);
        assertEquals("", lines[1]);
    }

    @Test
    void seededSamplingIsReproducible() {
        Path s = stories();
        String f = s.resolve("stories260K.gguf").toString();
        run("generate", f, "--prompt-ids", "1 403", "-n", "12", "--temp", "1.0", "--seed", "7", "--ids");
        String a = out();
        run("generate", f, "--prompt-ids", "1 403", "-n", "12", "--temp", "1.0", "--seed", "7", "--ids");
        assertEquals(a, out());
    }

    @Test
    void badArgumentsExitWith2AndNamedErrorsWith1(@TempDir Path dir) throws Exception {
        assertEquals(2, run());
        assertTrue(err().contains("usage"));
        assertEquals(2, run("frobnicate"));
        assertEquals(2, run("generate"));
        assertEquals(2, run("generate", "m.gguf", "--prompt", "x", "-n", "abc"));
        assertEquals(2, run("generate", "m.gguf", "--prompt", "x", "--greedy", "--temp", "0.5"));
        assertEquals(2, run("tokenize", "m.gguf"));
        assertEquals(1, run("info", dir.resolve("missing.gguf").toString()));
        assertEquals(1, err().trim().split("\n").length);
        Path junk = dir.resolve("junk.gguf");
        Files.write(junk, new byte[] {'G', 'G', 'U', 'F', 9, 0, 0, 0});
        assertEquals(1, run("info", junk.toString()));
        assertEquals(1, err().trim().split("\n").length, err());
    }
}
