package dev.hearth.teavm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * agent-java is also the browser's CPU backend, compiled by TeaVM 0.15.0. Constructs that TeaVM was
 * seen to miscompile or not support are refused here, on the JVM, before a browser test has to find
 * them one at a time:
 * <ul>
 *   <li>{@code array.clone()}: the WASM-GC backend emitted an invalid module ("local.set expected type
 *       (ref null 33), found ... (ref null 114)" in TensorInfo's constructor) or crashed the compiler.
 *       Use {@code Arrays.copyOf}.</li>
 *   <li>{@code java.util.regex} and {@code String.matches/split(regex)/replaceAll}: partial support in TeaVM;
 *       tokenizers use hand-written scanners.</li>
 *   <li>reflection and file mapping (no such thing in a browser).</li>
 * </ul>
 * The JVM-only packages (the CLI, the JVM thread pool) are exempt.
 */
class TeaVmCompatibilityTest {
    private static final String[][] FORBIDDEN = {
        {".clone()", "array clone() is miscompiled by TeaVM's WASM-GC backend: use Arrays.copyOf"},
        {"java.util.regex", "TeaVM supports java.util.regex only partly: write a scanner"},
        {".replaceAll(", "replaceAll takes a regex (TeaVM: partial support)"},
        {".matches(", "matches takes a regex (TeaVM: partial support)"},
        {"java.lang.reflect", "no reflection in code TeaVM compiles"},
        {"MappedByteBuffer", "no file mapping in the core"},
        {"FileChannel.MapMode", "no file mapping in the core"},
    };

    /** Only the JVM runs these: the command line and its helpers. */
    private static boolean jvmOnly(Path p) {
        String s = p.toString().replace('\\', '/');
        return s.contains("/dev/hearth/cli/") || s.endsWith("FileByteSource.java") || s.endsWith("ThreadedRowRunner.java");
    }

    @Test
    void mainSourcesAvoidWhatTeaVmCannotCompile() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                if (jvmOnly(p)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
                    for (String[] f : FORBIDDEN) {
                        if (code.contains(f[0]) && !code.trim().startsWith("*")) {
                            problems.add(p + ":" + (i + 1) + ": " + f[1] + "\n    " + line.trim());
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
