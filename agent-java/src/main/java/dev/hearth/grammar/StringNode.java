package dev.hearth.grammar;

/**
 * A JSON string with optional minLength/maxLength (in code points, as JSON Schema counts) and pattern.
 * Generated strings use raw UTF-8 (validated: no overlong forms, no surrogates) and the short escapes
 * {@code \" \\ \/ \b \f \n \r \t}; {@code \}{@code uXXXX} is never generated, and so neither are control
 * characters other than those five.
 *
 * <p>Frame: phase 0 before the opening quote, 1 in the text, 2 after a backslash, 3 inside a multi-byte
 * character; i = characters so far (without maxLength: at most minLength); j = pattern DFA state; x = the character being decoded (phase 3):
 * bits 0-20 code point so far, 24-25 continuation bytes left, 32-39 and 40-47 the range of the next byte.
 */
final class StringNode extends Node {
    final int minLength;
    /** -1: no limit. */
    final int maxLength;
    /** null: no pattern. */
    final StringPattern pattern;

    StringNode(int minLength, int maxLength, StringPattern pattern) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.pattern = pattern;
    }

    /** The frame of a string whose opening quote was already consumed (object keys of free-form objects). */
    Frame opened(Frame up) {
        return new Frame(this, 1, 0, pattern == null ? 0 : pattern.start, 0L, 0L, up);
    }

    /**
     * f with its character count replaced by -1 when the count cannot matter for the next horizon bytes
     * (at least minLength, and maxLength more than horizon away): the allowed tokens are then the same.
     */
    Frame normalized(Frame f, int horizon) {
        if (f.i >= minLength && (maxLength < 0 || maxLength - f.i > horizon)) {
            return f.with(f.phase, -1, f.j, f.x, f.y);
        }
        return f;
    }

    /**
     * The count after one more character. Without maxLength the count stops growing at minLength (it no
     * longer matters), so that the frame of free text stays the same object from character to character.
     */
    private int counted(int i) {
        return maxLength < 0 && i >= minLength ? i : i + 1;
    }

    /**
     * Whether at f any run of up to horizon plain ASCII characters (no quote, no backslash) is allowed and
     * leaves the frame as it is: free text with no pattern, far from maxLength.
     */
    boolean freeText(Frame f, int horizon) {
        return f.phase == 1 && pattern == null && (maxLength < 0 ? f.i >= minLength : maxLength - f.i >= horizon);
    }

    private boolean room(Frame f) {
        return maxLength < 0 || f.i < maxLength;
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        switch (f.phase) {
            case 0:
                if (b == '"') {
                    out.add(f.with(1, 0, pattern == null ? 0 : pattern.start, 0L, 0L));
                }
                return;
            case 1:
                text(f, b, out);
                return;
            case 2:
                escaped(f, b, out);
                return;
            default:
                continuation(f, b, out);
        }
    }

    private void text(Frame f, int b, StateSet out) {
        if (b == '"') {
            if (f.i >= minLength && (pattern == null || pattern.accepting(f.j))) {
                pop(f, out);
            }
            return;
        }
        if (!room(f)) {
            return;
        }
        if (b == '\\') {
            if (pattern == null || anyEscapeLive(f.j)) {
                out.add(f.with(2, f.i, f.j, 0L, 0L));
            }
            return;
        }
        if (b < 0x20) {
            return; // control characters only as escapes
        }
        if (b < 0x80) {
            char1(f, b, out);
            return;
        }
        // a UTF-8 lead byte: how many continuation bytes follow, and the allowed range of the first one
        int left;
        int cp;
        int lo = 0x80;
        int hi = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
            left = 1;
            cp = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            left = 2;
            cp = b & 0x0f;
            if (b == 0xe0) {
                lo = 0xa0; // no overlong forms
            } else if (b == 0xed) {
                hi = 0x9f; // no surrogates
            }
        } else if (b >= 0xf0 && b <= 0xf4) {
            left = 3;
            cp = b & 0x07;
            if (b == 0xf0) {
                lo = 0x90;
            } else if (b == 0xf4) {
                hi = 0x8f; // at most U+10FFFF
            }
        } else {
            return;
        }
        if (pattern != null && !pattern.anyLive(f.j, low(cp, left, lo), high(cp, left, hi))) {
            return;
        }
        out.add(f.with(3, counted(f.i), f.j, packPartial(cp, left, lo, hi), 0L));
    }

    /** The smallest code point that a partial character can still become. */
    private static int low(int cp, int left, int nextLo) {
        return ((cp << 6) | (nextLo & 0x3f)) << (6 * (left - 1));
    }

    private static int high(int cp, int left, int nextHi) {
        return (((cp << 6) | (nextHi & 0x3f)) << (6 * (left - 1))) | ((1 << (6 * (left - 1))) - 1);
    }

    private static long packPartial(int cp, int left, int lo, int hi) {
        return cp | ((long) left << 24) | ((long) lo << 32) | ((long) hi << 40);
    }

    private void continuation(Frame f, int b, StateSet out) {
        int cp = (int) (f.x & 0x1fffff);
        int left = (int) ((f.x >>> 24) & 3);
        int lo = (int) ((f.x >>> 32) & 0xff);
        int hi = (int) ((f.x >>> 40) & 0xff);
        if (b < lo || b > hi) {
            return;
        }
        cp = (cp << 6) | (b & 0x3f);
        left--;
        if (left == 0) {
            int next = 0;
            if (pattern != null) {
                next = pattern.next(f.j, cp);
                if (next < 0) {
                    return;
                }
            }
            out.add(f.with(1, f.i, next, 0L, 0L));
            return;
        }
        if (pattern != null && !pattern.anyLive(f.j, low(cp, left, 0x80), high(cp, left, 0xbf))) {
            return;
        }
        out.add(f.with(3, f.i, f.j, packPartial(cp, left, 0x80, 0xbf), 0L));
    }

    /** An ASCII character (0x20..0x7f) typed as is. */
    private void char1(Frame f, int c, StateSet out) {
        int next = 0;
        if (pattern != null) {
            next = pattern.next(f.j, c);
            if (next < 0) {
                return;
            }
        }
        out.add(f.with(1, counted(f.i), next, 0L, 0L));
    }

    private static final String ESCAPES = "\"\\/bfnrt";
    private static final String ESCAPED = "\"\\/\b\f\n\r\t";

    private boolean anyEscapeLive(int state) {
        for (int k = 0; k < ESCAPED.length(); k++) {
            if (pattern.next(state, ESCAPED.charAt(k)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private void escaped(Frame f, int b, StateSet out) {
        int k = ESCAPES.indexOf(b);
        if (k < 0) {
            return;
        }
        int next = 0;
        if (pattern != null) {
            next = pattern.next(f.j, ESCAPED.charAt(k));
            if (next < 0) {
                return;
            }
        }
        out.add(f.with(1, counted(f.i), next, 0L, 0L));
    }
}
