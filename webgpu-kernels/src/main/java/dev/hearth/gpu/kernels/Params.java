package dev.hearth.gpu.kernels;

import java.util.ArrayList;
import java.util.List;

/**
 * The uniform parameters of a kernel, declared once: this declaration generates both the WGSL
 * {@code struct Params} (substituted for {@code {{PARAMS}}} in the kernel source) and the packing
 * of values in the same order, so the two can never drift apart. Every field is 4 bytes
 * ({@code u32}, {@code i32} or {@code f32}); the buffer is padded to 16 bytes as uniforms require.
 */
public final class Params {
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();

    public static Params of() {
        return new Params();
    }

    public Params u32(String name) {
        return field(name, "u32");
    }

    public Params i32(String name) {
        return field(name, "i32");
    }

    public Params f32(String name) {
        return field(name, "f32");
    }

    private Params field(String name, String type) {
        if (names.contains(name)) {
            throw new IllegalArgumentException("duplicate parameter " + name);
        }
        names.add(name);
        types.add(type);
        return this;
    }

    public int size() {
        return names.size();
    }

    /** {@code struct Params { a: u32, b: f32, }} */
    public String wgsl() {
        StringBuilder b = new StringBuilder("struct Params {\n");
        for (int i = 0; i < names.size(); i++) {
            b.append("    ").append(names.get(i)).append(": ").append(types.get(i)).append(",\n");
        }
        if (names.isEmpty()) {
            b.append("    unused: u32,\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * The uniform words for {@code values}, given in declaration order: integers for u32/i32 fields,
     * any number for f32 fields (stored as its float bits).
     */
    public int[] pack(double... values) {
        if (values.length != names.size()) {
            throw new IllegalArgumentException("expected " + names.size() + " values " + names + ", got " + values.length);
        }
        int[] words = new int[Math.max(4, (values.length + 3) & ~3)];
        for (int i = 0; i < values.length; i++) {
            String t = types.get(i);
            double v = values[i];
            if (t.equals("f32")) {
                words[i] = Float.floatToRawIntBits((float) v);
            } else {
                if (v != Math.rint(v) || (t.equals("u32") && (v < 0 || v > 4294967295.0))) {
                    throw new IllegalArgumentException(names.get(i) + " must be a " + t + ", got " + v);
                }
                words[i] = (int) (long) v;
            }
        }
        return words;
    }
}
