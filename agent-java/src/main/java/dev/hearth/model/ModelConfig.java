package dev.hearth.model;

import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.TensorInfo;

/**
 * A model's architecture and hyperparameters, read from GGUF metadata keys {@code <arch>.*} with the
 * defaults llama.cpp uses when a key is absent. Plain fields, immutable.
 */
public final class ModelConfig {
    public final Architecture arch;
    /** {@code <arch>.context_length}: the context the model was trained for. */
    public final int contextLength;
    /** {@code <arch>.embedding_length}: the residual stream width. */
    public final int dim;
    /** {@code <arch>.block_count}. */
    public final int nLayers;
    /** {@code <arch>.feed_forward_length}: the FFN hidden width (per half for phi3's fused gate|up). */
    public final int ffnDim;
    /** {@code <arch>.attention.head_count}. */
    public final int nHeads;
    /** {@code <arch>.attention.head_count_kv}, default nHeads (no GQA). */
    public final int nKvHeads;
    /** {@code <arch>.attention.key_length}, default dim / nHeads. Q and K head width. */
    public final int headDimK;
    /** {@code <arch>.attention.value_length}, default dim / nHeads. */
    public final int headDimV;
    /** {@code <arch>.rope.dimension_count}, default headDimK: how many leading dims of a head RoPE rotates. */
    public final int ropeDim;
    /** {@code <arch>.rope.freq_base}, default 10000. */
    public final float ropeBase;
    /** Position multiplier: 1 / {@code rope.scaling.factor} for linear scaling, else 1. */
    public final float ropeFreqScale;
    /** {@code <arch>.rope.scaling.attn_factor}, default 1: multiplies cos and sin (LongRoPE's magnitude correction). */
    public final float ropeAttnFactor;
    /** {@code <arch>.rope.scaling.original_context_length}, default contextLength (phi3 picks short/long factors by it). */
    public final int ropeOriginalContext;
    /** {@code <arch>.attention.layer_norm_rms_epsilon}, default 1e-5. */
    public final float rmsEps;
    /** {@code <arch>.attention.sliding_window}: window of sliding layers (tokens seen, self included), 0 = none. */
    public final int slidingWindow;
    /** Sliding layers are those with {@code layer % pattern < pattern - 1}; 0 = no layer slides. Gemma 3: 6. */
    public final int slidingWindowPattern;
    /** RoPE base of sliding layers (Gemma 3: 10000, unscaled). */
    public final float ropeBaseSliding;
    /** Multiplier of q·k before the softmax. */
    public final float attentionScale;
    /** {@code <arch>.final_logit_softcapping}: logits = c * tanh(logits / c) when > 0. */
    public final float finalLogitSoftcap;
    /** Multiplier of the embedding row (Gemma: sqrt(dim)). */
    public final float embeddingScale;
    /** Rows of token_embd.weight. */
    public final int vocabSize;

    private ModelConfig(Architecture arch, int contextLength, int dim, int nLayers, int ffnDim, int nHeads, int nKvHeads,
                        int headDimK, int headDimV, int ropeDim, float ropeBase, float ropeFreqScale, float ropeAttnFactor,
                        int ropeOriginalContext, float rmsEps, int slidingWindow, int slidingWindowPattern,
                        float ropeBaseSliding, float attentionScale, float finalLogitSoftcap, float embeddingScale,
                        int vocabSize) {
        this.arch = arch;
        this.contextLength = contextLength;
        this.dim = dim;
        this.nLayers = nLayers;
        this.ffnDim = ffnDim;
        this.nHeads = nHeads;
        this.nKvHeads = nKvHeads;
        this.headDimK = headDimK;
        this.headDimV = headDimV;
        this.ropeDim = ropeDim;
        this.ropeBase = ropeBase;
        this.ropeFreqScale = ropeFreqScale;
        this.ropeAttnFactor = ropeAttnFactor;
        this.ropeOriginalContext = ropeOriginalContext;
        this.rmsEps = rmsEps;
        this.slidingWindow = slidingWindow;
        this.slidingWindowPattern = slidingWindowPattern;
        this.ropeBaseSliding = ropeBaseSliding;
        this.attentionScale = attentionScale;
        this.finalLogitSoftcap = finalLogitSoftcap;
        this.embeddingScale = embeddingScale;
        this.vocabSize = vocabSize;
    }

    public static ModelConfig fromGguf(GgufFile gguf) {
        String archName = gguf.getString("general.architecture");
        if (archName == null) {
            throw new ModelException("metadata 'general.architecture' is missing: this GGUF holds no model description");
        }
        Architecture arch = Architecture.fromGgufName(archName);
        String p = archName + ".";

        int dim = required(gguf, p + "embedding_length");
        int nLayers = required(gguf, p + "block_count");
        int ffnDim = required(gguf, p + "feed_forward_length");
        int nHeads = required(gguf, p + "attention.head_count");
        int nKvHeads = gguf.getInt(p + "attention.head_count_kv", nHeads);
        if (nHeads <= 0 || nKvHeads <= 0 || nHeads % nKvHeads != 0) {
            throw new ModelException("attention.head_count " + nHeads + " is not a multiple of head_count_kv " + nKvHeads);
        }
        int headDimK = gguf.getInt(p + "attention.key_length", dim / nHeads);
        int headDimV = gguf.getInt(p + "attention.value_length", dim / nHeads);
        int ropeDim = gguf.getInt(p + "rope.dimension_count", headDimK);
        if (ropeDim > headDimK || ropeDim % 2 != 0) {
            throw new ModelException("rope.dimension_count " + ropeDim + " must be even and at most the head width " + headDimK);
        }
        int contextLength = gguf.getInt(p + "context_length", 2048);
        float ropeBase = gguf.getFloat(p + "rope.freq_base", 10000f);

        // RoPE scaling: llama.cpp reads rope.scaling.factor (or the older rope.scale_linear); 0 means none.
        String scalingType = gguf.getString(p + "rope.scaling.type", "linear");
        float factor = gguf.getFloat(p + "rope.scaling.factor", gguf.getFloat(p + "rope.scale_linear", 0f));
        float ropeFreqScale = 1f;
        if (factor > 0f && factor != 1f) {
            if (scalingType.equals("yarn")) {
                throw new ModelException("RoPE scaling type 'yarn' is not supported yet; use a GGUF without YaRN scaling");
            }
            if (scalingType.equals("linear")) {
                ropeFreqScale = 1f / factor;
            }
            // "longrope" (phi3): the factor is carried by rope_factors_short/long tensors, not by the position scale
        }
        float ropeAttnFactor = gguf.getFloat(p + "rope.scaling.attn_factor", 1f);
        int ropeOriginalContext = gguf.getInt(p + "rope.scaling.original_context_length", contextLength);
        float rmsEps = gguf.getFloat(p + "attention.layer_norm_rms_epsilon", 1e-5f);

        int slidingWindow = 0;
        int slidingPattern = 0;
        float ropeBaseSliding = ropeBase;
        float attentionScale = (float) (1.0 / Math.sqrt(headDimK));
        float embeddingScale = 1f;
        float softcap = 0f;
        if (arch == Architecture.GEMMA3) {
            slidingWindow = gguf.getInt(p + "attention.sliding_window", 0);
            if (slidingWindow > 0) {
                slidingPattern = 6;
                ropeBaseSliding = gguf.getFloat(p + "rope.freq_base_swa", 10000f);
            }
            softcap = gguf.getFloat(p + "final_logit_softcapping", 0f);
            embeddingScale = (float) Math.sqrt(dim);
            if (nLayers == 62) { // Gemma 3 27B scales by the width per head, not the head width (gemma_pytorch config)
                attentionScale = (float) (1.0 / Math.sqrt(dim / nHeads));
            }
        }
        // phi3's sliding_window key is ignored, as llama.cpp does (its Phi SWA is disabled)
        attentionScale = gguf.getFloat(p + "attention.scale", attentionScale);

        // the vocabulary size is the row count of token_embd; a vocabulary-only file (no tensors) still
        // describes itself through <arch>.vocab_size or its token list, and fails later, at Model.load
        TensorInfo embd = gguf.tensor("token_embd.weight");
        int vocabSize;
        if (embd != null) {
            if (embd.ne.length < 2 || embd.ne[0] != dim) {
                throw new ModelException("token_embd.weight has row length " + embd.ne[0] + ", expected embedding_length " + dim);
            }
            vocabSize = (int) embd.ne[1];
        } else {
            String[] tokens = gguf.getStringArray("tokenizer.ggml.tokens");
            vocabSize = gguf.getInt(p + "vocab_size", tokens == null ? 0 : tokens.length);
            if (vocabSize <= 0) {
                throw new ModelException("tensor 'token_embd.weight' is missing and no vocabulary size is given");
            }
        }

        return new ModelConfig(arch, contextLength, dim, nLayers, ffnDim, nHeads, nKvHeads, headDimK, headDimV, ropeDim,
                ropeBase, ropeFreqScale, ropeAttnFactor, ropeOriginalContext, rmsEps, slidingWindow, slidingPattern,
                ropeBaseSliding, attentionScale, softcap, embeddingScale, vocabSize);
    }

    private static int required(GgufFile gguf, String key) {
        int v = gguf.getInt(key, -1);
        if (v <= 0) {
            throw new ModelException("metadata '" + key + "' is missing or not positive: the GGUF is incomplete");
        }
        return v;
    }

    /** Width of all query heads together. */
    public int qDim() {
        return nHeads * headDimK;
    }

    /** Width of one position's keys over all KV heads. */
    public int kvDimK() {
        return nKvHeads * headDimK;
    }

    public int kvDimV() {
        return nKvHeads * headDimV;
    }

    public boolean isSlidingLayer(int layer) {
        return slidingWindowPattern > 0 && layer % slidingWindowPattern < slidingWindowPattern - 1;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("architecture ").append(arch.ggufName).append('\n');
        b.append("context_length ").append(contextLength).append('\n');
        b.append("embedding_length ").append(dim).append('\n');
        b.append("block_count ").append(nLayers).append('\n');
        b.append("feed_forward_length ").append(ffnDim).append('\n');
        b.append("head_count ").append(nHeads).append('\n');
        b.append("head_count_kv ").append(nKvHeads).append('\n');
        b.append("key_length ").append(headDimK).append('\n');
        b.append("value_length ").append(headDimV).append('\n');
        b.append("rope ").append(arch.ropeNeox ? "neox" : "normal").append(", dims ").append(ropeDim)
                .append(", base ").append(ropeBase).append(", freq scale ").append(ropeFreqScale).append('\n');
        if (slidingWindowPattern > 0) {
            b.append("sliding_window ").append(slidingWindow).append(" (pattern ").append(slidingWindowPattern)
                    .append(", rope base ").append(ropeBaseSliding).append(")\n");
        }
        if (finalLogitSoftcap > 0) {
            b.append("final_logit_softcapping ").append(finalLogitSoftcap).append('\n');
        }
        b.append("rms_epsilon ").append(rmsEps).append('\n');
        b.append("vocab_size ").append(vocabSize);
        return b.toString();
    }
}
