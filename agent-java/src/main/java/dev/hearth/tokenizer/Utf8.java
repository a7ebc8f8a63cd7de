package dev.hearth.tokenizer;

import java.nio.charset.StandardCharsets;

/** UTF-8 helpers: "byte strings" hold one char (0..255) per byte, so any byte sequence is a map key. */
final class Utf8 {
    private Utf8() {}

    static String byteString(String s) {
        return latin1(s.getBytes(StandardCharsets.UTF_8));
    }

    static String latin1(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = (char) (b[i] & 0xff);
        }
        return new String(c);
    }

    static String latin1(byte[] b, int from, int to) {
        char[] c = new char[to - from];
        for (int i = from; i < to; i++) {
            c[i - from] = (char) (b[i] & 0xff);
        }
        return new String(c);
    }

    /** Length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte). */
    static int sequenceLength(int lead) {
        int b = lead & 0xff;
        if (b < 0x80) {
            return 1;
        }
        if (b >= 0xf0) {
            return 4;
        }
        if (b >= 0xe0) {
            return 3;
        }
        if (b >= 0xc0) {
            return 2;
        }
        return 1;
    }
}
