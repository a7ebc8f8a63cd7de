package dev.hearth.gpu;

/**
 * The GPU device was lost (driver reset, the tab backgrounded for long, too much memory, or destroy()).
 * Everything on it is gone; load the model again to get a new engine.
 */
public class GpuDeviceLostException extends GpuException {
    public GpuDeviceLostException(String reason) {
        super("the GPU device was lost (" + reason + "); load the model again to continue");
    }
}
