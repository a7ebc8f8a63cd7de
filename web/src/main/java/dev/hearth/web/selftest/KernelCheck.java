package dev.hearth.web.selftest;

import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.kernels.KernelChecks;

/** The page's kernel self-check: any kernel against its Java reference (see {@link KernelChecks}). */
public final class KernelCheck {
    private KernelCheck() {}

    public static String run(String argsJson) {
        Gpu gpu = Gpu.open(0);
        try {
            return KernelChecks.run(gpu, argsJson);
        } finally {
            gpu.destroy();
        }
    }
}
