package dev.hearth.gpu.kernels;

/** Plain-Java references of elementwise.wgsl, the oracle its GPU tests compare against. */
public final class ElementwiseReference {
    private ElementwiseReference() {}

    /** out[i] = a[i] + b[i] */
    public static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
