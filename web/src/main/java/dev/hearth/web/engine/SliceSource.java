package dev.hearth.web.engine;

import dev.hearth.gguf.ByteSource;
import dev.hearth.gguf.ByteSourceException;

/** Bytes {@code [start, start + length)} of another source: one shard of a split model inside the whole. */
final class SliceSource implements ByteSource {
    private final ByteSource whole;
    private final long start;
    private final long length;

    SliceSource(ByteSource whole, long start, long length) {
        this.whole = whole;
        this.start = start;
        this.length = length;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) {
        if (offset < 0 || len < 0 || offset + len > length) {
            throw new ByteSourceException("read of " + len + " bytes at " + offset + " is outside the " + length
                    + "-byte shard");
        }
        whole.read(start + offset, dst, dstOff, len);
    }
}
