package dev.hearth.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Streaming detokenization: feed ids, get back only complete UTF-8 characters (the rest waits). */
public final class TokenDecoder {
    private final Tokenizer tokenizer;
    private byte[] pending = new byte[0];

    TokenDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The text that the bytes so far complete; may be empty while a character is split across tokens. */
    public String add(int id) {
        byte[] b = tokenizer.tokenBytes(id);
        byte[] all = Arrays.copyOf(pending, pending.length + b.length);
        System.arraycopy(b, 0, all, pending.length, b.length);
        int complete = completePrefix(all);
        pending = Arrays.copyOfRange(all, complete, all.length);
        return new String(all, 0, complete, StandardCharsets.UTF_8);
    }

    /** Whatever is left (an incomplete character becomes U+FFFD). */
    public String flush() {
        String s = new String(pending, StandardCharsets.UTF_8);
        pending = new byte[0];
        return s;
    }

    /** Length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completePrefix(byte[] b) {
        int n = b.length;
        // look back at most 3 bytes for a lead byte whose sequence is cut off
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if (c < 0x80) {
                return n;
            }
            if (c >= 0xc0) {
                return Utf8.sequenceLength(c) > back ? n - back : n;
            }
        }
        return n;
    }
}
