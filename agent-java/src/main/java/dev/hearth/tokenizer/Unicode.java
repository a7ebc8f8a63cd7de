package dev.hearth.tokenizer;

/**
 * The character classes llama.cpp's pre-tokenizers use (src/unicode.cpp): general categories from
 * {@link Character#getType}, and llama.cpp's own whitespace set, which is not Java's.
 */
final class Unicode {
    private Unicode() {}

    /** The code points of s (an unpaired surrogate stands for itself); a loop rather than a stream, for TeaVM. */
    static int[] codePoints(String s) {
        int[] out = new int[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            out[n++] = c;
            i += Character.charCount(c);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** llama.cpp's whitespace: \t \n \v \f \r, space, U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028/9, U+202F, U+205F, U+3000. */
    static boolean isSpace(int c) {
        return c >= 9 && c <= 13 || c == 32 || c == 0x85 || c == 0xA0 || c == 0x1680 || c >= 0x2000 && c <= 0x200A
                || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** \p{L} */
    static boolean isLetter(int c) {
        int t = Character.getType(c);
        return t >= Character.UPPERCASE_LETTER && t <= Character.OTHER_LETTER;
    }

    /** \p{N} */
    static boolean isNumber(int c) {
        int t = Character.getType(c);
        return t >= Character.DECIMAL_DIGIT_NUMBER && t <= Character.OTHER_NUMBER;
    }

    /** \p{P} */
    static boolean isPunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
            case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION: case Character.FINAL_QUOTE_PUNCTUATION:
            case Character.OTHER_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }

    /** \p{S} */
    static boolean isSymbol(int c) {
        int t = Character.getType(c);
        return t >= Character.MATH_SYMBOL && t <= Character.OTHER_SYMBOL;
    }

    /** \p{M} */
    static boolean isMark(int c) {
        int t = Character.getType(c);
        return t >= Character.NON_SPACING_MARK && t <= Character.COMBINING_SPACING_MARK;
    }

    /** [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]: what may open a word in the GPT-4o pattern. */
    static boolean isUpperish(int c) {
        int t = Character.getType(c);
        return t == Character.UPPERCASE_LETTER || t == Character.TITLECASE_LETTER || t == Character.MODIFIER_LETTER
                || t == Character.OTHER_LETTER || isMark(c);
    }

    /** [\p{Ll}\p{Lm}\p{Lo}\p{M}] */
    static boolean isLowerish(int c) {
        int t = Character.getType(c);
        return t == Character.LOWERCASE_LETTER || t == Character.MODIFIER_LETTER || t == Character.OTHER_LETTER || isMark(c);
    }

    static boolean isCrLf(int c) {
        return c == '\r' || c == '\n';
    }

    /** Whether c lies in one of the inclusive ranges {lo0, hi0, lo1, hi1, ...}. */
    static boolean inRanges(int c, int[] ranges) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (c >= ranges[i] && c <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
