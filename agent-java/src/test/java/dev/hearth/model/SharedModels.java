package dev.hearth.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * The shared model folder: system property {@code hearth.shared}, else {@code ../shared} or
 * {@code ../../shared} from the module directory (the repository's sibling {@code shared/}).
 * Tests skip only when the folder is absent.
 */
final class SharedModels {
    private SharedModels() {
    }

    static Path shared() {
        String prop = System.getProperty("hearth.shared");
        if (prop != null && !prop.isEmpty()) {
            return Paths.get(prop);
        }
        Path one = Paths.get("..", "shared");
        return Files.isDirectory(one) ? one : Paths.get("..", "..", "shared");
    }

    /** The folder under shared/, or the test is skipped when it does not exist. */
    static Path folder(String sub) {
        Path p = shared().resolve(sub);
        assumeTrue(Files.isDirectory(p), "shared folder " + p.toAbsolutePath() + " is absent");
        return p;
    }

    static GgufFile gguf(Path file) {
        return GgufFile.read(new FileByteSource(file));
    }

    static Map<String, Object> json(Path file) throws IOException {
        return Json.asObject(Json.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
    }

    static int[] ints(Object jsonArray) {
        List<Object> l = Json.asArray(jsonArray);
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).intValue();
        }
        return r;
    }

    static float[] floats(Object jsonArray) {
        List<Object> l = Json.asArray(jsonArray);
        float[] r = new float[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = ((Number) l.get(i)).floatValue();
        }
        return r;
    }

    static float maxAbsDiff(float[] a, float[] b) {
        float m = 0f;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
