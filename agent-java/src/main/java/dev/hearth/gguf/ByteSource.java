package dev.hearth.gguf;

/**
 * Random access to the bytes of a GGUF file without holding the file in the Java heap: a file on
 * the JVM ({@link FileByteSource}), an array ({@link ArrayByteSource}), or, in the browser, an
 * ArrayBuffer behind an adapter in the web module.
 */
public interface ByteSource {

    /** Total number of bytes. */
    long size();

    /**
     * Copies {@code len} bytes starting at {@code offset} into {@code dst[dstOff..dstOff+len)}.
     *
     * @throws ByteSourceException if the range is not inside {@code [0, size())} or the
     *     underlying storage fails
     */
    void read(long offset, byte[] dst, int dstOff, int len);
}
