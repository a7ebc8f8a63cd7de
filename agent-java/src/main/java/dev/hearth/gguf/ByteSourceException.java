package dev.hearth.gguf;

/** A read outside a {@link ByteSource}'s range, or a failure of the storage behind it. */
public class ByteSourceException extends RuntimeException {

    public ByteSourceException(String message) {
        super(message);
    }

    public ByteSourceException(String message, Throwable cause) {
        super(message, cause);
    }

    static void checkRange(long size, long offset, byte[] dst, int dstOff, int len) {
        if (offset < 0 || len < 0 || offset > size - len) {
            throw new ByteSourceException("read of " + len + " bytes at offset " + offset
                    + " is outside the source's " + size + " bytes");
        }
        if (dstOff < 0 || dstOff > dst.length - len) {
            throw new ByteSourceException("destination range [" + dstOff + ", " + dstOff + "+" + len
                    + ") is outside an array of " + dst.length);
        }
    }
}
