package dev.hearth.dom;

import java.util.ArrayList;
import java.util.List;

/** Whitespace and length handling for snapshot text (no regex: TeaVM). */
final class Text {
    private Text() {}

    static String collapse(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00a0' || c == '\u200b') {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        String c = collapse(s);
        int start = 0;
        while (start < c.length()) {
            int end = c.indexOf(' ', start);
            if (end < 0) {
                end = c.length();
            }
            if (end > start) {
                out.add(c.substring(start, end));
            }
            start = end + 1;
        }
        return out;
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max;
        int sp = s.lastIndexOf(' ', max);
        if (sp > max * 2 / 3) {
            cut = sp;
        }
        return s.substring(0, cut) + "…";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
