package dev.hearth.grammar;

import dev.hearth.cli.SyntheticVocabulary;
import dev.hearth.gguf.FileByteSource;
import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.SharedFiles;
import dev.hearth.tokenizer.Vocabulary;

/**
 * The vocabularies the grammar tests run over: llama.cpp's SentencePiece (32k) and GPT-2 (50k) test
 * vocabularies from the shared folder, and the synthesised 151k byte-level one ({@link SyntheticVocabulary}).
 */
final class TestVocabularies {
    private TestVocabularies() {}

    static Vocabulary shared(String name) {
        GgufFile f = GgufFile.read(new FileByteSource(SharedFiles.file("tokenizer-vectors/" + name)));
        return Vocabulary.fromGguf(f);
    }

    static Vocabulary qwenLike() {
        return SyntheticVocabulary.qwenLike();
    }
}
