package dev.hearth.sampling;

import java.util.List;

/**
 * Stop strings for generated text. Text is streamed, so besides finding a stop string this says how many
 * trailing characters must be held back because they could still become the start of one.
 */
public final class StopStrings {
    private final String[] stops;

    public StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    public boolean isEmpty() {
        return stops.length == 0;
    }

    /** Index in text where the earliest stop string begins, or -1. */
    public int find(CharSequence text) {
        String t = text.toString();
        int best = -1;
        for (String s : stops) {
            int i = t.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /**
     * How many characters at the end of text are a proper prefix of some stop string, i.e. must not be
     * shown yet. 0 when no stop string could start there.
     */
    public int holdBack(CharSequence text) {
        int n = text.length();
        int hold = 0;
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, n); len > hold; len--) {
                if (regionEquals(text, n - len, s, len)) {
                    hold = len;
                    break;
                }
            }
        }
        return hold;
    }

    private static boolean regionEquals(CharSequence text, int from, String s, int len) {
        for (int i = 0; i < len; i++) {
            if (text.charAt(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
