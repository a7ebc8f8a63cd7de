package dev.hearth.gguf;

/**
 * A GGUF file that cannot be read: wrong magic, an unsupported version, or a value that is out of
 * range or runs past the end of the file. The message names the byte offset and the field, e.g.
 * {@code at offset 1234, tensor 7 'blk.0.attn_q.weight' n_dims: 9 is more than 4}.
 */
public class GgufFormatException extends RuntimeException {
    private final long offset;
    private final String field;

    public GgufFormatException(long offset, String field, String problem) {
        super("at offset " + offset + ", " + field + ": " + problem);
        this.offset = offset;
        this.field = field;
    }

    /** Byte offset in the file of the value that is wrong. */
    public long offset() {
        return offset;
    }

    /** The field being read, e.g. {@code metadata 3 'general.alignment' value}. */
    public String field() {
        return field;
    }
}
