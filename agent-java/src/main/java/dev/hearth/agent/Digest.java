package dev.hearth.agent;

/** FNV-1a, 64 bits: a cheap, stable fingerprint of a text (not a security hash). */
final class Digest {
    private Digest() {}

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String fnv1a64(String s) {
        long h = OFFSET;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            h ^= c & 0xff;
            h *= PRIME;
            h ^= c >>> 8;
            h *= PRIME;
        }
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (h & 0xf)];
            h >>>= 4;
        }
        return new String(out);
    }
}
