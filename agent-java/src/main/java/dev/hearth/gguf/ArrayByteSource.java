package dev.hearth.gguf;

/** A {@link ByteSource} over a byte array (or a slice of one); the array is not copied. */
public final class ArrayByteSource implements ByteSource {
    private final byte[] data;
    private final int start;
    private final int length;

    public ArrayByteSource(byte[] data) {
        this(data, 0, data.length);
    }

    public ArrayByteSource(byte[] data, int start, int length) {
        if (start < 0 || length < 0 || start > data.length - length) {
            throw new ByteSourceException("slice [" + start + ", " + start + "+" + length
                    + ") is outside an array of " + data.length);
        }
        this.data = data;
        this.start = start;
        this.length = length;
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public void read(long offset, byte[] dst, int dstOff, int len) {
        ByteSourceException.checkRange(length, offset, dst, dstOff, len);
        System.arraycopy(data, start + (int) offset, dst, dstOff, len);
    }
}
