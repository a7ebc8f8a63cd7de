package dev.hearth.cli;

import dev.hearth.gguf.GgufFile;
import dev.hearth.model.ModelException;

/** {@link TextCodec} over the tokenizer package. */
final class VocabularyCodec {
    private VocabularyCodec() {
    }

    static TextCodec load(GgufFile gguf) {
        throw new ModelException("this build has no tokenizer yet; use --prompt-ids with token ids");
    }
}
