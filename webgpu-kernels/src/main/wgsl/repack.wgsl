// Converts a tensor's bytes, uploaded exactly as stored in the GGUF file, into matvec.wgsl's formats on
// the GPU, so weights never pass through the Java heap. raw is the file bytes read as little-endian u32
// words (the upload is padded to a multiple of 4 bytes).
//   Q8_0: block b (34 bytes at 34b: f16 d, 32 x int8) -> words[8b .. 8b+8), scales[b] = d
//   Q4_0: block b (18 bytes at 18b: f16 d, 16 bytes of nibbles) -> words[4b .. 4b+4), scales[b] = d
//   F16:  value i (2 bytes at 2i) -> out[i] as f32 (exact)
//   BF16: value i (2 bytes at 2i) -> out[i] = bits << 16 (exact)
// Dispatch: one invocation per block (Q8_0, Q4_0) or per value (F16, BF16): ceil(count / 64) folded
// to (x, y). Reference: QuantRepack (Java) and the dequantizers of agent-java.

{{PARAMS}}

@group(0) @binding(0) var<storage, read> raw: array<u32>;
#if F16
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
#endif
#if BF16
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
#endif
#if Q8_0
@group(0) @binding(1) var<storage, read_write> words: array<u32>;
#endif
#if Q4_0
@group(0) @binding(1) var<storage, read_write> words: array<u32>;
#endif
@group(0) @binding(2) var<uniform> params: Params;
#if Q8_0
@group(0) @binding(3) var<storage, read_write> scales: array<f32>;
#endif
#if Q4_0
@group(0) @binding(3) var<storage, read_write> scales: array<f32>;
#endif

fn byte_at(i: u32) -> u32 {
    return (raw[i / 4u] >> (8u * (i % 4u))) & 255u;
}

fn u16_at(i: u32) -> u32 {
    return byte_at(i) | (byte_at(i + 1u) << 8u);
}

// Four consecutive bytes from any byte offset, as one little-endian word.
fn word_at(i: u32) -> u32 {
    return byte_at(i) | (byte_at(i + 1u) << 8u) | (byte_at(i + 2u) << 16u) | (byte_at(i + 3u) << 24u);
}

@compute @workgroup_size(64)
fn repack(@builtin(global_invocation_id) gid: vec3<u32>) {
    let idx = gid.x + gid.y * params.stride;
    if (idx >= params.count) {
        return;
    }
#if Q8_0
    let base = idx * 34u;
    scales[idx] = unpack2x16float(u16_at(base)).x;
    for (var j = 0u; j < 8u; j++) {
        words[idx * 8u + j] = word_at(base + 2u + 4u * j);
    }
#endif
#if Q4_0
    let base = idx * 18u;
    scales[idx] = unpack2x16float(u16_at(base)).x;
    for (var j = 0u; j < 4u; j++) {
        words[idx * 4u + j] = word_at(base + 2u + 4u * j);
    }
#endif
#if F16
    out[idx] = unpack2x16float(u16_at(2u * idx)).x;
#endif
#if BF16
    out[idx] = bitcast<f32>(u16_at(2u * idx) << 16u);
#endif
}
