package dev.hearth.gpu;

/** What the caller needs is beyond one of the adapter's limits; thrown before anything is allocated. */
public class GpuLimitException extends GpuException {
    public GpuLimitException(String limit, double needed, double available) {
        super("needs " + limit + " >= " + (long) needed + " bytes but this adapter allows "
                + (long) available + "; try a smaller model or the CPU backend");
    }
}
