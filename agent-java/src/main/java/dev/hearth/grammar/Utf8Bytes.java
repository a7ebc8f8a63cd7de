package dev.hearth.grammar;

import java.nio.charset.StandardCharsets;

/** UTF-8 encoding of the literals the grammar matches. */
final class Utf8Bytes {
    private Utf8Bytes() {}

    static byte[] of(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
