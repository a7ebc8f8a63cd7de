package dev.hearth.tensor;

/** A tensor whose ggml type has no {@link FloatTensor} implementation here. */
public class UnsupportedTensorTypeException extends RuntimeException {
    private final String tensorName;
    private final GgmlType type;

    public UnsupportedTensorTypeException(String tensorName, GgmlType type) {
        super("tensor '" + tensorName + "' has type " + type + " (ggml id " + type.id
                + "), which Hearth cannot read; supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0,"
                + " Q2_K, Q3_K, Q4_K, Q5_K, Q6_K. Use a model file quantized to one of these"
                + " (e.g. Q4_K_M, Q5_K_M, Q6_K or Q8_0).");
        this.tensorName = tensorName;
        this.type = type;
    }

    public String tensorName() {
        return tensorName;
    }

    public GgmlType type() {
        return type;
    }
}
