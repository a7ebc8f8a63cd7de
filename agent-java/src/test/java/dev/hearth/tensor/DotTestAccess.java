package dev.hearth.tensor;

import dev.hearth.gguf.TensorInfo;

/** Lets tests in other packages run {@link DotTest}'s check. */
public final class DotTestAccess {
    private DotTestAccess() {
    }

    public static void checkDots(FloatTensor q, TensorInfo t, String where) {
        DotTest.checkDots(q, t, where);
    }
}
