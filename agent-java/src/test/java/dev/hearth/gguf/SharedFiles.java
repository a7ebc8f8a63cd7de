package dev.hearth.gguf;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The shared folder of real models beside the checkout: system property {@code hearth.shared},
 * else {@code ../shared} relative to the module. Tests that need it are skipped only when the
 * folder is absent.
 */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path root() {
        Path fin = locate();
        Assumptions.assumeTrue(Files.isDirectory(fin),
                () -> "shared folder " + fin.toAbsolutePath() + " is absent (set -Dhearth.shared=DIR to"
                        + " point at it); skipping this test, which needs its real model files");
        return fin;
    }

    /** Whether the shared folder is there (for tests that only add cases from it). */
    public static boolean present() {
        return Files.isDirectory(locate());
    }

    private static Path locate() {
        String p = System.getProperty("hearth.shared");
        Path root;
        if (p != null && !p.isEmpty()) {
            root = Path.of(p);
        } else {
            // Run outside Maven (e.g. from an IDE, in the module folder): ../shared, else the
            // folder beside the checkout, which is where the build's hearth.shared points.
            root = Path.of("..", "shared");
            if (!Files.isDirectory(root)) {
                root = Path.of("..", "..", "shared");
            }
        }
        return root;
    }

    /** A file under the shared folder; the test is skipped only if the shared folder is absent. */
    public static Path file(String relative) {
        Path f = root().resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new AssertionError("expected " + f.toAbsolutePath() + " in the shared folder");
        }
        return f;
    }

    /** Every .gguf file under the shared folder, sorted. */
    public static List<Path> allGguf() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(f -> f.getFileName().toString().endsWith(".gguf")).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
