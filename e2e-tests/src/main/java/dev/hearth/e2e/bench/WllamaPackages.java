package dev.hearth.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * wllama (npm {@code @wllama/wllama}, llama.cpp compiled to WebAssembly), installed by the bench itself with
 * npm, one pinned version per folder ({@code <cache>/npm/wllama-<version>}) so that majors sit side by side.
 * Installed once; later runs find the folder and never ask the registry.
 */
final class WllamaPackages {
    /** The newest 2.x and 3.x on the npm registry when the bench was written (npm view @wllama/wllama versions). */
    static final List<String> DEFAULT_VERSIONS = List.of("2.4.0", "3.13.0");

    /** npm or its registry could not give us the package. */
    static final class UnavailableException extends Exception {
        UnavailableException(String message) {
            super(message);
        }
    }

    private WllamaPackages() {}

    /** The package folder of that version ({@code .../node_modules/@wllama/wllama}), installed if missing. */
    static Path install(Path cache, String version) throws UnavailableException {
        Path prefix = cache.resolve("npm").resolve("wllama-" + version);
        Path pkg = prefix.resolve("node_modules").resolve("@wllama").resolve("wllama");
        if (installedVersion(pkg).equals(version)) {
            return pkg;
        }
        System.err.println("bench: npm install @wllama/wllama@" + version + " into " + prefix + " ...");
        List<String> cmd = new ArrayList<>(List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit",
                "--no-fund", "--ignore-scripts", "--no-save", "--loglevel=error", "@wllama/wllama@" + version));
        try {
            Files.createDirectories(prefix);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new UnavailableException("npm install @wllama/wllama@" + version + " took over 300 s");
            }
            if (p.exitValue() != 0) {
                throw new UnavailableException("npm install @wllama/wllama@" + version + " failed (exit "
                        + p.exitValue() + "): " + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new UnavailableException("cannot run npm (is Node.js installed?): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while installing wllama");
        }
        if (!installedVersion(pkg).equals(version)) {
            throw new UnavailableException("npm install finished but " + pkg + " does not hold version " + version);
        }
        return pkg;
    }

    /** The "version" of the package.json in pkg, or "" when there is none. */
    static String installedVersion(Path pkg) {
        try {
            String json = Files.readString(pkg.resolve("package.json"));
            Object v = dev.hearth.json.Json.asObject(dev.hearth.json.Json.parse(json)).get("version");
            return v == null ? "" : v.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
