package dev.hearth.tokenizer;

import java.io.ByteArrayOutputStream;

/**
 * GPT-2's byte-to-character mapping: byte-level BPE vocabularies store every byte as a printable
 * character. Bytes 33..126, 161..172 and 174..255 stand for themselves; the other 68 bytes map to
 * U+0100 onwards, in byte order.
 */
final class ByteLevel {
    private static final char[] TO_CHAR = new char[256];
    private static final int[] FROM_CHAR = new int[512];

    static {
        java.util.Arrays.fill(FROM_CHAR, -1);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= 33 && b <= 126 || b >= 161 && b <= 172 || b >= 174;
            char c = printable ? (char) b : (char) (256 + n++);
            TO_CHAR[b] = c;
            FROM_CHAR[c] = b;
        }
    }

    private ByteLevel() {}

    static String encode(byte[] bytes) {
        char[] c = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            c[i] = TO_CHAR[bytes[i] & 0xff];
        }
        return new String(c);
    }

    /** The bytes of a token's text; characters outside the mapping pass through as UTF-8. */
    static byte[] decode(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < FROM_CHAR.length && FROM_CHAR[c] >= 0) {
                out.write(FROM_CHAR[c]);
            } else {
                byte[] u = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(u, 0, u.length);
            }
        }
        return out.toByteArray();
    }
}
