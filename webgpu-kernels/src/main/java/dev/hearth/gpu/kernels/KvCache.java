package dev.hearth.gpu.kernels;

import java.util.HashMap;
import java.util.Map;

/**
 * How the KV cache holds keys and values, which the store kernel and every attention kernel agree on.
 * F16_ROUNDED and F16 compute the same thing (llama.cpp's default F16 cache: stored values, the query
 * and each attention weight rounded to F16); F16 also stores the cache as {@code array<f16>}, half the
 * memory and bandwidth, which needs the adapter's {@code shader-f16} feature (arithmetic stays f32).
 */
public enum KvCache {
    /** exact F32 values */
    F32(4),
    /** F16-rounded values in f32 buffers: runs on every adapter */
    F16_ROUNDED(4),
    /** F16 values in f16 buffers ({@code enable f16;}): adapters with shader-f16 only */
    F16(2);

    /** Bytes one cached value takes. */
    public final int bytes;

    KvCache(int bytes) {
        this.bytes = bytes;
    }

    /** The F16 cache of llama.cpp, in f16 storage when the adapter can, else emulated in f32 buffers. */
    public static KvCache f16(boolean shaderF16) {
        return shaderF16 ? F16 : F16_ROUNDED;
    }

    /** The kernels' defines: KV_F16 rounds like llama.cpp's F16 cache; F16_STORAGE declares the cache f16. */
    public Map<String, String> defines() {
        Map<String, String> d = new HashMap<>();
        if (this != F32) {
            d.put("KV_F16", "");
        }
        if (this == F16) {
            d.put("F16_STORAGE", "");
        }
        return d;
    }
}
