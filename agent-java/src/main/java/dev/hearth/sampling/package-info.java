/**
 * Choosing the next token from logits: {@link dev.hearth.sampling.Sampler} (greedy, temperature, top-k, top-p,
 * min-p, repeat/presence/frequency penalties) with its own seeded {@link dev.hearth.sampling.SplitMix64}, so a
 * seed gives the same tokens on the JVM and in both TeaVM targets; {@link dev.hearth.sampling.StopStrings} for
 * streamed text.
 */
package dev.hearth.sampling;
