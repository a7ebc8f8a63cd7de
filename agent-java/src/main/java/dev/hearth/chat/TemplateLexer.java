package dev.hearth.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a template into text and tag tokens, applying the whitespace rules Hugging Face's transformers
 * renders chat templates with: {@code trim_blocks=True} (the first newline after a block or comment tag
 * is dropped), {@code lstrip_blocks=True} (spaces and tabs from the start of a line up to a block or
 * comment tag are dropped, unless the tag opens with {@code +}), and the explicit {@code -} markers that
 * strip all whitespace on their side.
 */
final class TemplateLexer {
    enum Kind { TEXT, VAR_BEGIN, VAR_END, BLOCK_BEGIN, BLOCK_END, NAME, STRING, INT, FLOAT, OP, EOF }

    static final class Token {
        final Kind kind;
        final String text;
        final Object value;
        final int line;

        Token(Kind kind, String text, Object value, int line) {
            this.kind = kind;
            this.text = text;
            this.value = value;
            this.line = line;
        }

        boolean is(Kind k, String t) {
            return kind == k && text.equals(t);
        }

        @Override
        public String toString() {
            return kind == Kind.EOF ? "end of template" : "'" + text + "'";
        }
    }

    private static final String[] OPERATORS = {
        "//", "**", "==", "!=", "<=", ">=",
        "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=",
    };

    private final String src;
    private final List<Token> out = new ArrayList<>();
    private int pos;

    private TemplateLexer(String src) {
        this.src = src;
    }

    static List<Token> tokenize(String src) {
        TemplateLexer l = new TemplateLexer(src);
        l.run();
        return l.out;
    }

    private int lineAt(int p) {
        // tokens arrive in source order, so count newlines forward from the last position asked about
        if (p < linePos) {
            linePos = 0;
            lineNo = 1;
        }
        for (; linePos < p && linePos < src.length(); linePos++) {
            if (src.charAt(linePos) == '\n') {
                lineNo++;
            }
        }
        return lineNo;
    }

    private int linePos;
    private int lineNo = 1;

    private void run() {
        boolean stripLeading = false;   // previous tag ended with '-'
        boolean dropNewline = false;    // previous tag was a block or comment (trim_blocks)
        while (true) {
            int start = nextTag(pos);
            String text = src.substring(pos, start < 0 ? src.length() : start);
            if (stripLeading) {
                text = stripLeft(text);
            } else if (dropNewline) {
                if (text.startsWith("\n")) {
                    text = text.substring(1);
                } else if (text.startsWith("\r\n")) {
                    text = text.substring(2);
                }
            }
            if (start < 0) {
                emitText(text);
                break;
            }
            char kind = src.charAt(start + 1);
            char marker = start + 2 < src.length() ? src.charAt(start + 2) : ' ';
            if (marker == '-') {
                text = stripRight(text);
            } else if (marker != '+' && kind != '{') {
                // lstrip_blocks: only when the tag is the first non-blank thing on its line
                int i = start;
                while (i > pos && (src.charAt(i - 1) == ' ' || src.charAt(i - 1) == '\t')) {
                    i--;
                }
                if (i == 0 || src.charAt(i - 1) == '\n') {
                    int cut = text.length() - (start - i);
                    text = text.substring(0, Math.max(cut, 0));
                }
            }
            emitText(text);
            int line = lineAt(start);
            pos = start + 2 + (marker == '-' || marker == '+' ? 1 : 0);
            if (kind == '#') {
                int end = src.indexOf("#}", pos);
                if (end < 0) {
                    throw new ChatTemplateException("line " + line + ": comment '{#' is never closed with '#}'");
                }
                stripLeading = src.charAt(end - 1) == '-' && end - 1 >= pos;
                dropNewline = true;
                pos = end + 2;
                continue;
            }
            boolean isVar = kind == '{';
            out.add(new Token(isVar ? Kind.VAR_BEGIN : Kind.BLOCK_BEGIN, isVar ? "{{" : "{%", null, line));
            stripLeading = scanTag(isVar ? '}' : '%', line);
            dropNewline = !isVar;
            out.add(new Token(isVar ? Kind.VAR_END : Kind.BLOCK_END, isVar ? "}}" : "%}", null, lineAt(pos)));
        }
        out.add(new Token(Kind.EOF, "", null, lineAt(src.length())));
    }

    private void emitText(String text) {
        if (!text.isEmpty()) {
            out.add(new Token(Kind.TEXT, text, null, 0));
        }
    }

    private int nextTag(int from) {
        int i = from;
        while (true) {
            i = src.indexOf('{', i);
            if (i < 0 || i + 1 >= src.length()) {
                return -1;
            }
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
            i++;
        }
    }

    /** Reads expression tokens up to the closing {@code }}} or {@code %}}; returns whether it was {@code -}}}. */
    private boolean scanTag(char closer, int line) {
        while (true) {
            if (pos >= src.length()) {
                throw new ChatTemplateException("line " + line + ": tag is never closed");
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
                continue;
            }
            if (c == '-' && src.startsWith(closer + "}", pos + 1)) {
                pos += 3;
                return true;
            }
            if (c == closer && pos + 1 < src.length() && src.charAt(pos + 1) == '}') {
                pos += 2;
                return false;
            }
            if (c == '+' && src.startsWith(closer + "}", pos + 1)) {
                pos += 3;
                return false;
            }
            int tl = lineAt(pos);
            if (Character.isLetter(c) || c == '_') {
                int s = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Kind.NAME, src.substring(s, pos), null, tl));
            } else if (c >= '0' && c <= '9') {
                int s = pos;
                while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                boolean isFloat = false;
                if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
                    isFloat = true;
                    pos++;
                    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                        pos++;
                    }
                }
                if (pos + 1 < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                    int q = pos + 1;
                    if (src.charAt(q) == '+' || src.charAt(q) == '-') {
                        q++;
                    }
                    if (q < src.length() && Character.isDigit(src.charAt(q))) {
                        isFloat = true;
                        pos = q;
                        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                            pos++;
                        }
                    }
                }
                String t = src.substring(s, pos).replace("_", "");
                out.add(isFloat ? new Token(Kind.FLOAT, t, Double.parseDouble(t), tl)
                        : new Token(Kind.INT, t, Long.parseLong(t), tl));
            } else if (c == '\'' || c == '"') {
                out.add(new Token(Kind.STRING, "string", readString(c, tl), tl));
            } else {
                String op = null;
                for (String o : OPERATORS) {
                    if (src.startsWith(o, pos)) {
                        op = o;
                        break;
                    }
                }
                if (op == null) {
                    throw new ChatTemplateException("line " + tl + ": unexpected character '" + c + "' in a tag");
                }
                pos += op.length();
                out.add(new Token(Kind.OP, op, null, tl));
            }
        }
    }

    private String readString(char quote, int line) {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length()) {
                throw new ChatTemplateException("line " + line + ": string literal is never closed");
            }
            char c = src.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c != '\\' || pos >= src.length()) {
                b.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case '\\': b.append('\\'); break;
                case '\'': b.append('\''); break;
                case '"': b.append('"'); break;
                case 'u':
                    b.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default: b.append('\\').append(e);
            }
        }
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static String stripLeft(String s) {
        int i = 0;
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return s.substring(i);
    }

    static String stripRight(String s) {
        int i = s.length();
        while (i > 0 && isSpace(s.charAt(i - 1))) {
            i--;
        }
        return s.substring(0, i);
    }
}
