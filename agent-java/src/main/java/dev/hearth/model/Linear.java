package dev.hearth.model;

import dev.hearth.tensor.FloatTensor;

/**
 * A weight matrix for {@code out = W x}: {@code rows} consecutive rows of a GGUF tensor, starting at
 * {@code firstRow}, each {@code cols} long (ne[0]). A fused tensor (phi3's attn_qkv, its gate|up ffn_up)
 * is several Linears over one FloatTensor, so the forward pass reads the same for fused and separate weights.
 */
public final class Linear {
    public final FloatTensor tensor;
    public final String name;
    public final long firstRow;
    public final int rows;
    public final int cols;

    public Linear(FloatTensor tensor, String name, long firstRow, int rows, int cols) {
        this.tensor = tensor;
        this.name = name;
        this.firstRow = firstRow;
        this.rows = rows;
        this.cols = cols;
    }

    /** out[i] = sum_j W[firstRow + i][j] * x[j] for i in [from, to). */
    public void apply(float[] out, float[] x, int from, int to) {
        long base = firstRow * cols;
        for (int i = from; i < to; i++) {
            out[i] = tensor.dot(base + (long) i * cols, x, 0, cols);
        }
    }

    /** Row r dequantized into dst (the embedding lookup). */
    public void row(int r, float[] dst) {
        tensor.dequantize((firstRow + r) * cols, dst, 0, cols);
    }
}
