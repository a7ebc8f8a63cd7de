/**
 * The reference forward pass: {@link dev.hearth.model.ModelConfig} reads a GGUF's architecture and
 * hyperparameters, {@link dev.hearth.model.Model} its weights, {@link dev.hearth.model.Transformer} runs them
 * token by token with a KV cache, {@link dev.hearth.model.Generator} loops prompt, sample, next token.
 *
 * <p>Plain Java that TeaVM compiles (the browser's CPU fallback): single-threaded unless a JVM host installs a
 * {@link dev.hearth.model.RowRunner}. By default matmul inputs are rounded as llama.cpp's CPU backend rounds them
 * ({@link dev.hearth.model.ActivationRounding}), which is what makes logits agree with llama.cpp's to ~1e-6;
 * {@code Transformer.setKvCacheF16} adds llama.cpp's default F16 KV cache.
 *
 * <p>{@link dev.hearth.model.RandomModels} writes random-weight GGUFs of every family for tests and benchmarks.
 * Golden tests: Stories260KGoldenTest, KquantsGoldenTest, RandomModelsLlamaCppTest (under src/test).
 */
package dev.hearth.model;
