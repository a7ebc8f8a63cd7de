package dev.hearth.cli;

import dev.hearth.gguf.GgufFile;

/**
 * What the CLI needs from a tokenizer, kept in one place so the commands read the same whatever the
 * tokenizer package's API looks like: ids without BOS/EOS, text of ids, the end-of-generation set.
 */
interface TextCodec {
    /** {@code tokenizer.ggml.model} and size, e.g. "llama (SentencePiece), 512 tokens". */
    String describe();

    /** Token ids of text; no BOS/EOS added. parseSpecial: whether "&lt;s&gt;"-like texts become special tokens. */
    int[] encode(String text, boolean parseSpecial);

    /** Text of ids (a partial UTF-8 sequence at the end may come out as U+FFFD). */
    String decode(int[] ids);

    boolean isEog(int id);

    static TextCodec load(GgufFile gguf) {
        return VocabularyCodec.load(gguf);
    }
}
