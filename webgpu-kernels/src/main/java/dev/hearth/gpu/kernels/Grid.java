package dev.hearth.gpu.kernels;

/**
 * How a 1-D problem of {@code n} invocations is laid out as workgroups: (x, y) with x at most
 * {@code maxPerDimension}, and the row stride in invocations that the kernel uses to recover its index.
 */
public final class Grid {
    public final int x;
    public final int y;
    public final int stride;

    private Grid(int x, int y, int stride) {
        this.x = x;
        this.y = y;
        this.stride = stride;
    }

    public static Grid of(long n, int workgroupSize, int maxPerDimension) {
        long groups = Math.max(1, (n + workgroupSize - 1) / workgroupSize);
        if (groups <= maxPerDimension) {
            return new Grid((int) groups, 1, (int) groups * workgroupSize);
        }
        int y = (int) ((groups + maxPerDimension - 1) / maxPerDimension);
        int x = (int) ((groups + y - 1) / y);
        return new Grid(x, y, x * workgroupSize);
    }
}
