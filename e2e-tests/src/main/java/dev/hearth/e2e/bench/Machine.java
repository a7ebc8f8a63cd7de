package dev.hearth.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a bench ran on, for the report: CPU model and core count from /proc/cpuinfo. */
final class Machine {
    private Machine() {}

    static String describe() {
        String model = null;
        int cores = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model == null) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("processor")) {
                    cores++;
                }
            }
        } catch (IOException e) {
            // not Linux: the JVM's view below
        }
        if (model == null) {
            model = System.getProperty("os.arch");
        }
        return model + ", " + (cores > 0 ? cores : Runtime.getRuntime().availableProcessors()) + " cores";
    }

    /** The 1-minute load average (/proc/loadavg), or -1: a busy machine slows every backend, threaded ones most. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
