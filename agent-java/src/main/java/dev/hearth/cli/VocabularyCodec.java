package dev.hearth.cli;

import dev.hearth.gguf.GgufFile;
import dev.hearth.tokenizer.Tokenizer;

/** {@link TextCodec} over the tokenizer package. */
final class VocabularyCodec implements TextCodec {
    private final Tokenizer tokenizer;

    private VocabularyCodec(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    static TextCodec load(GgufFile gguf) {
        return new VocabularyCodec(Tokenizer.fromGguf(gguf));
    }

    @Override
    public String describe() {
        String model = tokenizer.vocabulary().model;
        String family = model.equals("llama") ? "SentencePiece" : model.equals("gpt2") ? "byte-level BPE" : model;
        String pre = tokenizer.vocabulary().pre;
        return model + " (" + family + (pre != null ? ", pre " + pre : "") + "), " + tokenizer.vocabulary().size() + " tokens";
    }

    @Override
    public int[] encode(String text, boolean parseSpecial) {
        return tokenizer.encode(text, false, parseSpecial);
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(ids);
    }

    @Override
    public boolean isEog(int id) {
        return tokenizer.isEog(id);
    }
}
