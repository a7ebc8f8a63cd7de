package dev.hearth.agent;

/**
 * Origins of URLs ({@code scheme://host[:port]}, lower-case, default ports left out), by a small scanner
 * (no java.net, no regex: this code also runs compiled by TeaVM).
 */
public final class Origins {
    private Origins() {}

    /**
     * The origin of {@code url} read against the page at {@code base}: a relative URL has the base's origin.
     * A scheme without an authority (mailto:, data:) answers "scheme:".
     */
    public static String of(String url, String base) {
        String u = url.trim();
        if (u.startsWith("//")) {
            return of(scheme(base) + ":" + u, base);
        }
        String scheme = scheme(u);
        if (scheme.isEmpty()) {
            return base == null || base.isEmpty() ? "" : of(base, "");
        }
        String rest = u.substring(scheme.length() + 1);
        if (!rest.startsWith("//")) {
            return scheme + ":";
        }
        int end = 2;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(2, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        authority = authority.toLowerCase();
        if ((scheme.equals("http") && authority.endsWith(":80")) || (scheme.equals("https") && authority.endsWith(":443"))) {
            authority = authority.substring(0, authority.lastIndexOf(':'));
        }
        return scheme + "://" + authority;
    }

    /** The scheme of an absolute URL, lower-case, or "" for a relative one. */
    static String scheme(String url) {
        if (url == null) {
            return "";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == ':') {
                return i == 0 ? "" : url.substring(0, i).toLowerCase();
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) {
                return "";
            }
        }
        return "";
    }
}
