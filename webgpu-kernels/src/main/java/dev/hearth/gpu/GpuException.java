package dev.hearth.gpu;

/** The GPU refused or lost work; the message says what happened. */
public class GpuException extends RuntimeException {
    public GpuException(String message) {
        super(message);
    }

    /** A failed read-back: a lost device says so (and that a new engine can be created), else the cause. */
    static GpuException readBack(Gpu gpu, String cause) {
        String lost = gpu.lostReason();
        return lost != null
                ? new GpuDeviceLostException(lost)
                : new GpuException("reading results back from the GPU failed: " + cause);
    }
}
