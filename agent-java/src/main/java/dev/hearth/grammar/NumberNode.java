package dev.hearth.grammar;

/**
 * A JSON number or integer, optionally within bounds. Generated numbers have no exponent, at most
 * {@link #MAX_INT_DIGITS} integer digits and {@link #MAX_FRAC_DIGITS} fraction digits (so a prefix's value is
 * exact enough to check bounds on every digit), no leading zeros, and no {@code -0} (but {@code -0.5}).
 *
 * <p>Frame: phase (low 3 bits) 0 start, 1 after '-', 2 integer digits (first not 0), 3 after a lone 0,
 * 4 after '.', 5 fraction digits; bit 3 = negative. i = integer digits, j = fraction digits, x = integer
 * part, y = fraction digits as an integer.
 */
final class NumberNode extends Node {
    static final int MAX_INT_DIGITS = 15;
    static final int MAX_FRAC_DIGITS = 9;
    private static final int NEG = 8;

    final boolean integer;
    final double min;
    final double max;
    final boolean minExclusive;
    final boolean maxExclusive;
    private final boolean bounded;

    NumberNode(boolean integer, double min, boolean minExclusive, double max, boolean maxExclusive) {
        this.integer = integer;
        this.min = min;
        this.max = max;
        this.minExclusive = minExclusive;
        this.maxExclusive = maxExclusive;
        this.bounded = min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    }

    @Override
    void step(Frame f, int b, StateSet out) {
        int phase = f.phase & 7;
        int neg = f.phase & NEG;
        boolean digit = b >= '0' && b <= '9';
        int d = b - '0';
        Frame next = null;
        switch (phase) {
            case 0:
            case 1:
                if (b == '-' && phase == 0) {
                    next = f.with(1 | NEG, 0, 0, 0L, 0L);
                } else if (digit && !(d == 0 && neg != 0 && integer)) { // no -0
                    next = f.with((d == 0 ? 3 : 2) | neg, 1, 0, d, 0L);
                }
                break;
            case 2:
                if (digit && f.i < MAX_INT_DIGITS) {
                    next = f.with(2 | neg, f.i + 1, 0, f.x * 10 + d, 0L);
                } else if (b == '.' && !integer) {
                    next = f.with(4 | neg, f.i, 0, f.x, 0L);
                }
                break;
            case 3:
                if (b == '.' && !integer) {
                    next = f.with(4 | neg, f.i, 0, f.x, 0L);
                }
                break;
            default: // 4, 5
                if (digit && f.j < MAX_FRAC_DIGITS) {
                    next = f.with(5 | neg, f.i, f.j + 1, f.x, f.y * 10 + d);
                }
        }
        if (next != null && (!bounded || viable(next))) {
            out.add(next);
        }
        if (canEnd(f)) {
            popAndFeed(f, b, out);
        }
    }

    @Override
    boolean canEnd(Frame f) {
        int phase = f.phase & 7;
        if (phase != 2 && phase != 3 && phase != 5 || phase == 3 && (f.phase & NEG) != 0) {
            return false; // -0 only as in -0.5
        }
        return !bounded || inBounds(value(f));
    }

    private static double value(Frame f) {
        double v = f.x + f.y / Math.pow(10, f.j);
        return (f.phase & NEG) != 0 ? -v : v;
    }

    private boolean inBounds(double v) {
        return (minExclusive ? v > min : v >= min) && (maxExclusive ? v < max : v <= max);
    }

    /** Whether [lo, hi) (magnitudes, before the sign) has a value within the bounds. */
    private boolean meets(double lo, double hi, boolean negative) {
        double a = negative ? -hi : lo;
        double b = negative ? -lo : hi;
        // the open end is the one away from zero; treating both as closed errs only at the exact bound
        return (maxExclusive ? a < max : a <= max) && (minExclusive ? b > min : b >= min);
    }

    /** Whether some completion of the number at f lies within the bounds. */
    private boolean viable(Frame f) {
        int phase = f.phase & 7;
        boolean negative = (f.phase & NEG) != 0;
        double span = integer ? 0 : 1;
        switch (phase) {
            case 1: // after '-': at least 1 for integers (no -0), at least 1e-9 for numbers (-0.000000001)
                return meets(integer ? 1 : Math.pow(10, -MAX_FRAC_DIGITS), Math.pow(10, MAX_INT_DIGITS), true);
            case 2: {
                double v = f.x;
                if (meets(v, v + span, negative) || inBounds(negative ? -v : v)) {
                    return true;
                }
                double scale = 1;
                for (int k = f.i; k < MAX_INT_DIGITS; k++) {
                    scale *= 10;
                    if (meets(v * scale, (v + 1) * scale - (integer ? 1 : 0), negative)) {
                        return true;
                    }
                }
                return false;
            }
            case 3:
                return !negative && inBounds(0) || meets(0, span, negative);
            case 4:
                return meets(f.x, f.x + 1, negative);
            default: {
                double v = f.x + f.y / Math.pow(10, f.j);
                if (inBounds(negative ? -v : v)) {
                    return true;
                }
                return f.j < MAX_FRAC_DIGITS && meets(v, v + Math.pow(10, -f.j), negative);
            }
        }
    }
}
