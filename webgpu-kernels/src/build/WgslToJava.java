import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Build step: turns every {@code *.wgsl} file of a folder into a String constant of the generated
 * class {@code dev.hearth.gpu.kernels.WgslSources}. Run by Maven as {@code java WgslToJava.java IN OUT}.
 * The constant is named after the file: {@code matvec.wgsl} becomes {@code MATVEC}.
 */
public class WgslToJava {
    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]).resolve("dev/hearth/gpu/kernels/WgslSources.java");
        List<Path> files;
        try (Stream<Path> s = Files.list(in)) {
            files = s.filter(p -> p.toString().endsWith(".wgsl")).sorted().collect(Collectors.toList());
        }
        StringBuilder java = new StringBuilder();
        java.append("package dev.hearth.gpu.kernels;\n\n")
            .append("/** Generated from src/main/wgsl by src/build/WgslToJava.java: do not edit. */\n")
            .append("public final class WgslSources {\n    private WgslSources() {}\n");
        for (Path f : files) {
            String name = f.getFileName().toString().replace(".wgsl", "")
                    .replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
            String text = Files.readString(f, StandardCharsets.UTF_8);
            java.append("\n    /** ").append(f.getFileName()).append(" */\n")
                .append("    public static final String ").append(name).append(" = ")
                .append(quote(text)).append(";\n");
        }
        java.append("\n    /** The source of a file by its name without .wgsl (for {{FILE:name}} includes), or null. */\n")
            .append("    public static String byName(String name) {\n        switch (name) {\n");
        for (Path f : files) {
            String base = f.getFileName().toString().replace(".wgsl", "");
            String constant = base.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
            java.append("            case \"").append(base).append("\": return ").append(constant).append(";\n");
        }
        java.append("            default: return null;\n        }\n    }\n");
        java.append("}\n");
        Files.createDirectories(out.getParent());
        String generated = java.toString();
        if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(generated)) {
            Files.writeString(out, generated, StandardCharsets.UTF_8);
        }
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n\"\n        + \""); break;
                case '\r': break;
                case '\t': b.append("\\t"); break;
                default: b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
