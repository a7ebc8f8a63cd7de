package dev.hearth.gguf;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link ByteSource} over a file, JVM only. Positional reads through a {@link FileChannel}; no
 * memory mapping, so the same code paths run as in the browser, where mapping does not exist.
 * Safe for concurrent reads (positional reads do not share a file pointer).
 */
public final class FileByteSource implements ByteSource, Closeable {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    public FileByteSource(Path path) {
        this.path = path;
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            throw new ByteSourceException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    public FileByteSource(String path) {
        this(Path.of(path));
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) {
        ByteSourceException.checkRange(size, offset, dst, dstOff, len);
        ByteBuffer buf = ByteBuffer.wrap(dst, dstOff, len);
        long pos = offset;
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, pos);
                if (n < 0) {
                    throw new ByteSourceException(path + " ended at offset " + pos
                            + " (it was " + size + " bytes when opened; did it change?)");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new ByteSourceException("reading " + len + " bytes at offset " + offset + " of "
                    + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ByteSourceException("closing " + path + ": " + e.getMessage(), e);
        }
    }
}
