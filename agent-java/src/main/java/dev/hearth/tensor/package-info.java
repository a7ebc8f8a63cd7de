/**
 * Tensors in ggml's storage types, read as floats.
 *
 * <p>{@link dev.hearth.tensor.GgmlType} lists ggml's type ids with their block layouts. One
 * {@link dev.hearth.tensor.FloatTensor} subclass per supported type (F32, F16, BF16, Q4_0, Q4_1,
 * Q5_0, Q5_1, Q8_0, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K) decodes values exactly as llama.cpp does: a
 * readable scalar {@code getFloat}, and {@code dequantize} and {@code dot} that unpack each block
 * once. {@link dev.hearth.tensor.Quantizer} goes the other way, for writing test models.
 *
 * <p>The block layouts are quoted as C structs in each class comment (from ggml-common.h).
 */
package dev.hearth.tensor;
