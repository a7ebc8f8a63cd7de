package dev.hearth.model;

/**
 * The model families the forward pass knows, by their {@code general.architecture} name, with the
 * per-family choices llama.cpp makes (src/llama-model.cpp, {@code llama_model_rope_type}).
 */
public enum Architecture {
    /** GQA, SwiGLU, optional separate output (else tied to token_embd), normal RoPE. */
    LLAMA("llama", false),
    /** Llama plus biases on Q, K and V; NeoX RoPE. */
    QWEN2("qwen2", true),
    /** Llama plus a per-head RMSNorm on Q and K (attn_q_norm, attn_k_norm) before RoPE; NeoX RoPE. */
    QWEN3("qwen3", true),
    /** Fused attn_qkv (Q | K | V rows) and fused ffn_up (gate | up rows); NeoX RoPE. */
    PHI3("phi3", true),
    /**
     * Embedding scaled by sqrt(dim), per-head Q/K norms, post-attention and post-FFN norms, GELU(tanh)-gated
     * FFN, sliding-window attention on five of every six layers with their own RoPE base; NeoX RoPE.
     */
    GEMMA3("gemma3", true);

    public final String ggufName;
    /**
     * True: RoPE rotates the pairs (i, i + n_rot/2) (GPT-NeoX ordering). False: adjacent pairs (2i, 2i+1),
     * the original Llama ordering, which llama.cpp's converter arranges by permuting Q/K rows.
     */
    public final boolean ropeNeox;

    Architecture(String ggufName, boolean ropeNeox) {
        this.ggufName = ggufName;
        this.ropeNeox = ropeNeox;
    }

    public static Architecture fromGgufName(String name) {
        for (Architecture a : values()) {
            if (a.ggufName.equals(name)) {
                return a;
            }
        }
        throw new UnsupportedArchitectureException(name);
    }

    static String supportedNames() {
        StringBuilder b = new StringBuilder();
        for (Architecture a : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(a.ggufName);
        }
        return b.toString();
    }
}
