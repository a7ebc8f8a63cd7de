package dev.hearth.e2e.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Peak memory of the page, read from Linux: the renderer processes of the Chromium this JVM started
 * (descendants whose command line has {@code --type=renderer}). Dedicated workers (wllama's threads) run
 * in the same process, so their wasm memory is counted; WebGPU buffers live in the GPU process and are
 * reported by the engine instead. {@link #reset} clears the kernel's peak ({@code clear_refs} 5), so each
 * run's peak is its own. Answers -1 where /proc is not there.
 */
final class RendererMemory {
    private RendererMemory() {}

    static List<Long> renderers() {
        List<Long> pids = new ArrayList<>();
        ProcessHandle.current().descendants().forEach(p -> {
            try {
                byte[] cmd = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                if (new String(cmd, StandardCharsets.UTF_8).contains("--type=renderer")) {
                    pids.add(p.pid());
                }
            } catch (IOException e) {
                // exited, or not Linux
            }
        });
        return pids;
    }

    /** Resets the peak resident size of every renderer to its current size. */
    static void reset() {
        for (long pid : renderers()) {
            try {
                Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
            } catch (IOException e) {
                // not permitted: the peak then counts from the process start
            }
        }
    }

    /** The sum of the renderers' peak resident sizes (VmHWM) since the last reset, in bytes; -1 if unknown. */
    static double peakBytes() {
        long total = 0;
        boolean any = false;
        for (long pid : renderers()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        total += Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024;
                        any = true;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // exited
            }
        }
        return any ? total : -1;
    }
}
