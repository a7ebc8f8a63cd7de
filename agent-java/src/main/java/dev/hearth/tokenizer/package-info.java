/**
 * Tokenizers built from a GGUF file's {@code tokenizer.ggml.*} metadata that agree with llama.cpp token
 * for token.
 *
 * <ul>
 *   <li>{@link dev.hearth.tokenizer.Vocabulary}: the metadata as llama.cpp loads it (token texts, scores,
 *       types, merges, special ids, add_bos/add_eos/add_space_prefix, the end-of-generation set).</li>
 *   <li>{@link dev.hearth.tokenizer.Tokenizer}: {@code encode(text, addSpecial, parseSpecial)},
 *       {@code decode(ids)}, {@code isEog(id)}, {@code streamingDecoder()}. SentencePiece-style
 *       ({@code llama}: score-ordered bigram merges, byte fallback) and byte-level BPE ({@code gpt2}:
 *       rank-ordered merges over GPT-2's byte-to-character mapping).</li>
 *   <li>{@code PreTokenizer}: the split before BPE, one hand-written scanner per regular expression that
 *       llama.cpp lists for a {@code tokenizer.ggml.pre} value. No regex engine: TeaVM's java.util.regex is
 *       partial, and the scanners are exact about Unicode categories. {@code PreTokenizerOracleTest} checks
 *       each scanner against its regular expression on random text.</li>
 *   <li>{@link dev.hearth.tokenizer.TokenDecoder}: streaming detokenization that never splits a UTF-8
 *       character.</li>
 * </ul>
 *
 * Golden data: {@code ../shared/tokenizer-vectors} (llama.cpp's own test vectors, see its README).
 */
package dev.hearth.tokenizer;
