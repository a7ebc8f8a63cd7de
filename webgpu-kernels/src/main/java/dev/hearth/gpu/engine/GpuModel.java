package dev.hearth.gpu.engine;

import dev.hearth.gguf.GgufFile;
import dev.hearth.gguf.TensorInfo;
import dev.hearth.gpu.Gpu;
import dev.hearth.gpu.GpuLimitException;
import dev.hearth.gpu.kernels.GpuWeight;
import dev.hearth.gpu.kernels.Repack;
import dev.hearth.gpu.webgpu.GPUBuffer;
import dev.hearth.model.Architecture;
import dev.hearth.model.ModelConfig;
import dev.hearth.model.ModelException;
import dev.hearth.tensor.FloatTensor;
import dev.hearth.tensor.GgmlType;
import dev.hearth.tensor.Tensors;

/**
 * A model's weights on the GPU, uploaded one tensor at a time from a GGUF file. F32, F16, BF16, Q8_0,
 * Q4_0, Q4_K and Q6_K tensors go from the file's bytes straight to the GPU (Q8_0/Q4_0 repacked there,
 * Q4_K/Q6_K kept as stored, F16/BF16 converted to F32 at 2x their file size); the Java heap never holds
 * them. Other types (Q2_K, Q3_K, Q5_K, Q4_1, Q5_x) are dequantized to F32 in Java one tensor at a time
 * (4-8x their file size on the GPU). Fused tensors (phi3's attn_qkv and gate|up ffn_up) are split by rows.
 */
public final class GpuModel {
    public final ModelConfig c;
    public final GpuWeight tokenEmbd;
    public final GPUBuffer outputNorm;
    public final GpuWeight output;
    public final Layer[] layers;
    /** rope_freqs / LongRoPE factors (ropeDim / 2), all 1 when the model has none. */
    public final float[] ropeFactors;
    /** Bytes fetched and written to the GPU at a time (a multiple of 4). */
    private static final int UPLOAD_PIECE = 1 << 20;
    long bytesOnGpu;

    public static final class Layer {
        public GPUBuffer attnNorm;
        public GpuWeight wq, wk, wv, wo;
        public GPUBuffer bq, bk, bv;
        public GPUBuffer qNorm, kNorm;
        public GPUBuffer postAttnNorm;
        public GPUBuffer ffnNorm;
        public GpuWeight wGate, wUp, wDown;
        public GPUBuffer postFfnNorm;
    }

    private final Gpu gpu;
    private final GgufFile f;
    private final RawTensorSource raw;

    /**
     * @param raw the file's bytes as ArrayBuffers: F32, F16, BF16, Q8_0 and Q4_0 tensors go straight from
     *            it to the GPU and are converted there (repack.wgsl); other types are dequantized in Java.
     */
    public GpuModel(Gpu gpu, GgufFile f, ModelConfig c, int contextSize, RawTensorSource raw) {
        this.gpu = gpu;
        this.f = f;
        this.raw = raw;
        this.c = c;
        if (c.headDimK != c.headDimV) {
            throw new ModelException("the WebGPU backend needs equal K and V head sizes, this model has "
                    + c.headDimK + " and " + c.headDimV + "; use the CPU backend");
        }
        checkLimits();
        tokenEmbd = weight("token_embd.weight", 0, -1);
        outputNorm = vector("output_norm.weight");
        output = f.tensor("output.weight") != null ? weight("output.weight", 0, -1) : tokenEmbd;
        layers = new Layer[c.nLayers];
        int qDim = c.qDim();
        int kvDim = c.kvDimK();
        for (int i = 0; i < c.nLayers; i++) {
            String b = "blk." + i + ".";
            Layer l = new Layer();
            l.attnNorm = vector(b + "attn_norm.weight");
            if (f.tensor(b + "attn_qkv.weight") != null) {
                l.wq = weight(b + "attn_qkv.weight", 0, qDim);
                l.wk = weight(b + "attn_qkv.weight", qDim, kvDim);
                l.wv = weight(b + "attn_qkv.weight", qDim + kvDim, kvDim);
            } else {
                l.wq = weight(b + "attn_q.weight", 0, -1);
                l.wk = weight(b + "attn_k.weight", 0, -1);
                l.wv = weight(b + "attn_v.weight", 0, -1);
            }
            l.bq = optionalVector(b + "attn_q.bias");
            l.bk = optionalVector(b + "attn_k.bias");
            l.bv = optionalVector(b + "attn_v.bias");
            l.qNorm = optionalVector(b + "attn_q_norm.weight");
            l.kNorm = optionalVector(b + "attn_k_norm.weight");
            l.wo = weight(b + "attn_output.weight", 0, -1);
            l.postAttnNorm = optionalVector(b + "post_attention_norm.weight");
            l.ffnNorm = vector(b + "ffn_norm.weight");
            if (f.tensor(b + "ffn_gate.weight") != null) {
                l.wGate = weight(b + "ffn_gate.weight", 0, -1);
                l.wUp = weight(b + "ffn_up.weight", 0, -1);
            } else { // phi3: ffn_up rows are gate, then up
                l.wGate = weight(b + "ffn_up.weight", 0, c.ffnDim);
                l.wUp = weight(b + "ffn_up.weight", c.ffnDim, c.ffnDim);
            }
            l.wDown = weight(b + "ffn_down.weight", 0, -1);
            l.postFfnNorm = optionalVector(b + "post_ffw_norm.weight");
            layers[i] = l;
        }
        float[] factors = read("rope_freqs.weight");
        if (factors == null) {
            factors = read(contextSize > c.ropeOriginalContext && c.ropeOriginalContext > 0
                    ? "rope_factors_long.weight" : "rope_factors_short.weight");
        }
        if (factors == null) {
            factors = new float[c.ropeDim / 2];
            java.util.Arrays.fill(factors, 1f);
        }
        ropeFactors = factors;
    }

    /**
     * The largest single storage binding a model needs on the GPU: its largest tensor as uploaded, the
     * attention scratch, one layer's KV cache. Known from the file alone, before any device is opened.
     */
    public static double largestBinding(GgufFile f, ModelConfig c, int contextSize, int maxBatch) {
        double largest = 0;
        for (TensorInfo t : f.tensors()) {
            largest = Math.max(largest, gpuBytes(t));
        }
        largest = Math.max(largest, 4.0 * c.nHeads * contextSize); // decode attention scores
        largest = Math.max(largest, 4.0 * contextSize * Math.max(c.kvDimK(), c.kvDimV()));
        largest = Math.max(largest, 4.0 * maxBatch * Math.max(c.ffnDim, c.dim));
        return largest;
    }

    /** Fails before allocating when one tensor cannot be bound on this device. */
    private void checkLimits() {
        double maxBinding = gpu.device().getLimits().getMaxStorageBufferBindingSize();
        for (TensorInfo t : f.tensors()) {
            double bytes = gpuBytes(t);
            if (bytes > maxBinding) {
                throw new GpuLimitException("maxStorageBufferBindingSize (tensor " + t.name + ", " + t.type + ")",
                        bytes, maxBinding);
            }
        }
    }

    private static double gpuBytes(TensorInfo t) {
        GgmlType type = t.type;
        long n = t.elementCount();
        if (type == GgmlType.Q8_0) {
            return n / 32.0 * 32; // 8 words per block
        }
        if (type == GgmlType.Q4_0) {
            return n / 32.0 * 16;
        }
        if (type == GgmlType.Q4_K || type == GgmlType.Q6_K) {
            return t.byteSize();
        }
        return n * 4.0;
    }

    public long bytesOnGpu() {
        return bytesOnGpu;
    }

    private TensorInfo info(String name) {
        TensorInfo t = f.tensor(name);
        if (t == null) {
            throw new ModelException("tensor '" + name + "' is missing from the model file");
        }
        return t;
    }

    /** Rows [firstRow, firstRow + rows) of a 2-D tensor (rows -1: all), uploaded in a matvec format. */
    private GpuWeight weight(String name, int firstRow, int rows) {
        TensorInfo t = info(name);
        return upload(t, name, firstRow, rows).withRounding(rounding(t.type));
    }

    /** How llama.cpp's CPU matmul rounds the input of a dot with weights of this type. */
    static GpuWeight.Rounding rounding(GgmlType t) {
        switch (t) {
            case Q8_0: case Q4_0: case Q5_0: case Q4_1: case Q5_1: return GpuWeight.Rounding.Q8_0;
            case Q2_K: case Q3_K: case Q4_K: case Q5_K: case Q6_K: return GpuWeight.Rounding.Q8_K;
            case F16: return GpuWeight.Rounding.F16;
            case BF16: return GpuWeight.Rounding.BF16;
            default: return GpuWeight.Rounding.NONE;
        }
    }

    private GpuWeight upload(TensorInfo t, String name, int firstRow, int rows) {
        int cols = (int) t.ne[0];
        int n = rows < 0 ? (int) (t.elementCount() / cols) : rows;
        String label = rows < 0 ? name : name + "[" + firstRow + ":" + (firstRow + n) + "]";
        boolean quant = t.type == GgmlType.Q8_0 || t.type == GgmlType.Q4_0;
        boolean kquant = t.type == GgmlType.Q4_K || t.type == GgmlType.Q6_K;
        if (kquant && cols % 256 == 0) {
            // K-quant super-blocks stay as stored; matvec.wgsl and embed.wgsl decode them in place
            GPUBuffer data = fileBytes(t, firstRow, n, label);
            bytesOnGpu += t.type.byteSize((long) n * cols);
            return GpuWeight.of(t.type == GgmlType.Q4_K ? GpuWeight.Format.Q4_K : GpuWeight.Format.Q6_K, n, cols, data, null);
        }
        if (t.type == GgmlType.F32 || t.type == GgmlType.F16 || t.type == GgmlType.BF16 || quant && cols % 32 == 0) {
            // file bytes -> GPU -> converted there: the Java heap never holds the tensor
            GPUBuffer staged = fileBytes(t, firstRow, n, label + ".raw");
            bytesOnGpu += quant ? (long) n * cols / 32 * (t.type == GgmlType.Q8_0 ? 36 : 20) : 4L * n * cols;
            return Repack.weight(gpu, staged, t.type.name(), n, cols, label);
        }
        FloatTensor ft = Tensors.load(f, t);
        float[] w = new float[Math.multiplyExact(n, cols)];
        ft.dequantize((long) firstRow * cols, w, 0, w.length);
        bytesOnGpu += 4L * w.length;
        return GpuWeight.f32(gpu, w, n, cols, label);
    }

    /**
     * A new GPU buffer holding rows [firstRow, firstRow + rows) of a tensor's bytes as stored in the file
     * (size rounded up to 4), written in pieces so only a few MB of fetched bytes are alive at a time.
     */
    private GPUBuffer fileBytes(TensorInfo t, int firstRow, int rows, String label) {
        long rowBytes = t.type.byteSize(t.ne[0]);
        int len = Math.toIntExact(rowBytes * rows);
        long start = t.absoluteOffset() + rowBytes * firstRow;
        GPUBuffer buffer = gpu.storage(len, label);
        for (int done = 0; done < len; done += UPLOAD_PIECE) {
            int piece = Math.min(UPLOAD_PIECE, len - done);
            gpu.device().getQueue().writeBuffer(buffer, done, raw.range(start + done, piece));
        }
        return buffer;
    }

    private float[] read(String name) {
        TensorInfo t = f.tensor(name);
        if (t == null) {
            return null;
        }
        float[] v = new float[(int) t.elementCount()];
        Tensors.load(f, t).dequantize(0, v, 0, v.length);
        return v;
    }

    private GPUBuffer vector(String name) {
        info(name);
        return optionalVector(name);
    }

    private GPUBuffer optionalVector(String name) {
        float[] v = read(name);
        if (v == null) {
            return null;
        }
        bytesOnGpu += 4L * v.length;
        return gpu.upload(v, name);
    }

    public boolean gelu() {
        return c.arch == Architecture.GEMMA3;
    }
}
