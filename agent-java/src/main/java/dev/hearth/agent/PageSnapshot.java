package dev.hearth.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The page as the model sees it: dom-tools' snapshot text (one line per node, {@code [ref=eN]} on what
 * one can act on), the refs in it, and the page's URL.
 */
public final class PageSnapshot {
    private final String text;
    private final List<PageRef> refs;
    private final String url;

    public PageSnapshot(String text, List<PageRef> refs, String url) {
        this.text = text == null ? "" : text;
        this.refs = Collections.unmodifiableList(new ArrayList<>(refs));
        this.url = url == null ? "" : url;
    }

    public String text() { return text; }
    public List<PageRef> refs() { return refs; }
    public String url() { return url; }

    public List<String> refNames() {
        List<String> l = new ArrayList<>();
        for (PageRef r : refs) {
            l.add(r.ref());
        }
        return l;
    }

    public PageRef ref(String ref) {
        for (PageRef r : refs) {
            if (r.ref().equals(ref)) {
                return r;
            }
        }
        return null;
    }

    /** The ref of the line marked {@code [focused]}, or null. */
    public String focusedRef() {
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(from, end);
            int at = line.indexOf("[ref=");
            if (at >= 0 && line.contains("[focused]")) {
                int close = line.indexOf(']', at);
                if (close > at) {
                    return line.substring(at + 5, close);
                }
            }
            from = end + 1;
        }
        return null;
    }

    /** A short fingerprint for the trace and for loop detection: FNV-1a 64 of the text, in hex. */
    public String digest() {
        return Digest.fnv1a64(text);
    }
}
