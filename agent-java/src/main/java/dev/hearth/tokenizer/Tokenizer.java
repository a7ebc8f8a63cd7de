package dev.hearth.tokenizer;

import dev.hearth.gguf.GgufFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text to token ids and back, as llama.cpp does it for the vocabulary's family:
 * <ul>
 *   <li>{@code llama}: SentencePiece-style. Spaces become U+2581 (with a leading one when
 *       add_space_prefix), characters merge by the highest score, and what forms no token falls back
 *       to byte tokens {@code <0xNN>}.</li>
 *   <li>{@code gpt2}: byte-level BPE. The pre-tokenizer named by {@code tokenizer.ggml.pre} splits the
 *       text, each piece's UTF-8 bytes map to GPT-2's printable characters, and pairs merge by merge rank.</li>
 * </ul>
 * Special tokens (control, user-defined) are recognised in the text only when asked (rendered chat
 * templates), except user-defined ones, which llama.cpp always matches.
 */
public final class Tokenizer {
    private static final String SPACE = "\u2581";
    private static final byte[] UNKNOWN_PIECE = "\u2585".getBytes(StandardCharsets.UTF_8);

    private final Vocabulary v;
    private final boolean spm;
    private final PreTokenizer pre;
    private final Map<String, Integer> mergeRank = new HashMap<>();
    /** special token ids, longest text first */
    private final int[] specials;
    private final boolean ignoreMerges;

    public Tokenizer(Vocabulary v) {
        this.v = v;
        switch (v.model) {
            case "llama":
                spm = true;
                break;
            case "gpt2":
                spm = false;
                break;
            default:
                throw new TokenizerException("tokenizer model '" + v.model + "' is not supported (llama and gpt2 are)");
        }
        pre = spm ? null : PreTokenizer.forName(v.pre);
        if (!spm) {
            if (v.merges == null) {
                throw new TokenizerException("a gpt2 vocabulary needs tokenizer.ggml.merges");
            }
            for (int i = 0; i < v.merges.length; i++) {
                mergeRank.putIfAbsent(v.merges[i], i);
            }
        }
        List<Integer> sp = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (v.isSpecial(i) && !v.tokens[i].isEmpty()) {
                sp.add(i);
            }
        }
        // longest UTF-8 text first, as llama.cpp's cache_special_tokens
        sp.sort((a, b) -> Utf8.byteString(v.tokens[b]).length() - Utf8.byteString(v.tokens[a]).length());
        specials = new int[sp.size()];
        for (int i = 0; i < specials.length; i++) {
            specials[i] = sp.get(i);
        }
        ignoreMerges = !spm && PreTokenizer.ignoresMerges(v.pre);
    }

    public static Tokenizer fromGguf(GgufFile f) {
        return new Tokenizer(Vocabulary.fromGguf(f));
    }

    public Vocabulary vocabulary() {
        return v;
    }

    /** End of generation: EOS, EOT, EOM, and the end-of-turn markers of the chat formats present in the vocabulary. */
    public boolean isEog(int id) {
        return v.isEog(id);
    }

    /** Ids of {@code text}: BOS/EOS added as the vocabulary says when {@code addSpecial}. */
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        if (addSpecial && v.addBos && v.bos >= 0) {
            out.add(v.bos);
        }
        boolean prevSpecial = true; // SentencePiece prefixes a space to text at the start or after a special token
        for (Object fragment : fragments(text, parseSpecial)) {
            if (fragment instanceof Integer) {
                out.add((Integer) fragment);
                prevSpecial = true;
                continue;
            }
            String raw = (String) fragment;
            if (spm) {
                String s = (v.addSpacePrefix && prevSpecial ? " " : "") + raw;
                spmPiece(s.replace(" ", SPACE), out);
            } else {
                for (int[] piece : pre.split(raw)) {
                    bpePiece(new String(piece, 0, piece.length), out);
                }
            }
            prevSpecial = false;
        }
        if (addSpecial && v.addEos && v.eos >= 0) {
            out.add(v.eos);
        }
        int[] ids = new int[out.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = out.get(i);
        }
        return ids;
    }

    /** The text split into raw strings and special token ids (Integer), left to right. */
    private List<Object> fragments(String text, boolean parseSpecial) {
        List<Object> frags = new ArrayList<>();
        if (text.isEmpty()) {
            return frags;
        }
        frags.add(text);
        for (int id : specials) {
            if (!parseSpecial && v.type(id) != Vocabulary.USER_DEFINED) { // user-defined tokens are always matched
                continue;
            }
            String tok = v.tokens[id];
            List<Object> next = new ArrayList<>();
            for (Object f : frags) {
                if (!(f instanceof String)) {
                    next.add(f);
                    continue;
                }
                String s = (String) f;
                int from = 0;
                int at;
                while ((at = s.indexOf(tok, from)) >= 0) {
                    int leftEnd = at;
                    if (v.lstrip(id)) {
                        while (leftEnd > from && isCSpace(s.charAt(leftEnd - 1))) {
                            leftEnd--;
                        }
                    }
                    if (leftEnd > from) {
                        next.add(s.substring(from, leftEnd));
                    }
                    next.add(id);
                    from = at + tok.length();
                    if (v.rstrip(id)) {
                        while (from < s.length() && isCSpace(s.charAt(from))) {
                            from++;
                        }
                    }
                }
                if (from < s.length()) {
                    next.add(s.substring(from));
                }
            }
            frags = next;
        }
        return frags;
    }

    /** C's isspace, which llama.cpp strips around special tokens with lstrip/rstrip. */
    private static boolean isCSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private void spmPiece(String text, List<Integer> out) {
        String bytes = Utf8.byteString(text);
        List<Merger.Symbol> symbols = Merger.merge(bytes, (a, b) -> {
            int id = v.idOfBytes(a + b);
            return id < 0 ? Merger.NONE : -v.score(id);
        });
        for (int i = 0; i != -1 && !symbols.isEmpty(); i = symbols.get(i).next) {
            Merger.Symbol s = symbols.get(i);
            String piece = bytes.substring(s.start, s.start + s.len);
            int id = v.idOfBytes(piece);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            for (int k = 0; k < piece.length(); k++) { // byte fallback
                int b = piece.charAt(k);
                int bt = v.id(byteTokenName(b));
                if (bt < 0) {
                    bt = v.idOfBytes(String.valueOf((char) b));
                }
                if (bt < 0) {
                    bt = v.unk;
                }
                out.add(bt);
            }
        }
    }

    /** "<0x0A>": SentencePiece's name for a byte token (upper-case hex). */
    static String byteTokenName(int b) {
        String hex = "0123456789ABCDEF";
        return "<0x" + hex.charAt(b >> 4) + hex.charAt(b & 15) + ">";
    }

    private void bpePiece(String word, List<Integer> out) {
        String mapped = ByteLevel.encode(word.getBytes(StandardCharsets.UTF_8));
        if (ignoreMerges) {
            int whole = v.id(mapped);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        // merge over the mapped text's UTF-8 (each mapped character is one symbol)
        String bytes = Utf8.byteString(mapped);
        List<Merger.Symbol> symbols = Merger.merge(bytes, (a, b) -> {
            Integer r = mergeRank.get(utf8(a) + " " + utf8(b));
            return r == null ? Merger.NONE : r;
        });
        for (int i = 0; i != -1 && !symbols.isEmpty(); i = symbols.get(i).next) {
            Merger.Symbol s = symbols.get(i);
            String piece = bytes.substring(s.start, s.start + s.len);
            int id = v.idOfBytes(piece);
            if (id >= 0) {
                out.add(id);
                continue;
            }
            // no such token: llama.cpp looks up each byte of the symbol's text on its own
            for (int k = 0; k < piece.length(); k++) {
                int one = v.idOfBytes(piece.substring(k, k + 1));
                if (one >= 0) {
                    out.add(one);
                }
            }
        }
    }

    private static String utf8(String byteString) {
        byte[] b = new byte[byteString.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) byteString.charAt(i);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The bytes a token stands for (control tokens: none). */
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= v.size()) {
            return new byte[0];
        }
        String t = v.tokens[id];
        int type = v.type(id);
        if (type == Vocabulary.CONTROL || type == Vocabulary.UNUSED) {
            return new byte[0];
        }
        if (type == Vocabulary.UNKNOWN) {
            return UNKNOWN_PIECE; // llama.cpp shows an unknown token as U+2585
        }
        if (type == Vocabulary.USER_DEFINED) {
            return t.getBytes(StandardCharsets.UTF_8);
        }
        if (spm) {
            if (type == Vocabulary.BYTE && t.length() == 6 && t.startsWith("<0x") && t.endsWith(">")) {
                return new byte[] {(byte) Integer.parseInt(t.substring(3, 5), 16)};
            }
            return t.replace(SPACE, " ").getBytes(StandardCharsets.UTF_8);
        }
        return ByteLevel.decode(t);
    }

    /** The text of ids; an incomplete UTF-8 sequence at the end comes out as U+FFFD. */
    public String decode(int[] ids) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int id : ids) {
            byte[] bytes = tokenBytes(id);
            b.write(bytes, 0, bytes.length);
        }
        return new String(b.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A decoder fed one id at a time that only ever returns whole UTF-8 characters. */
    public TokenDecoder streamingDecoder() {
        return new TokenDecoder(this);
    }

    static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    static String describe(int[] ids) {
        return Arrays.toString(ids);
    }
}
