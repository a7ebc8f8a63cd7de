// Embedding lookup: x[b, i] = scale * E[tokens[b], i] for the step's rows b and i < dim, where E is
// (vocab, dim) in one of matvec.wgsl's formats (F32; F16 as stored, with shader-f16; Q8_0/Q4_0 repacked:
// wq words, wd scales; Q4_K/Q6_K as stored in the file).
// scale is 1, or sqrt(dim) for gemma3. Dispatch: ceil(n_tokens * dim / 64) folded to (x, y).
// Reference: EmbedReference.

#if F16
enable f16;
#endif

{{PARAMS}}

struct Step {
    pos0: u32,
    n_tokens: u32,
}

#if F32
@group(0) @binding(0) var<storage, read> e: array<f32>;
#else
#if F16
@group(0) @binding(0) var<storage, read> e: array<f16>;
#else
@group(0) @binding(0) var<storage, read> wq: array<u32>;
#endif
#endif
@group(0) @binding(1) var<storage, read> tokens: array<u32>;
@group(0) @binding(2) var<storage, read_write> x: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
@group(0) @binding(4) var<uniform> step: Step;
#if SCALES
@group(0) @binding(5) var<storage, read> wd: array<f32>;
#endif
#if KQUANT
{{FILE:kquants}}
#endif

@compute @workgroup_size(64)
fn embed(@builtin(global_invocation_id) gid: vec3<u32>) {
    let idx = gid.x + gid.y * params.stride;
    if (idx >= step.n_tokens * params.dim) {
        return;
    }
    let i = idx % params.dim;
    let b = idx / params.dim;
    let el = tokens[b] * params.dim + i;
#if F32
    let v = e[el];
#endif
#if F16
    let v = f32(e[el]);
#endif
#if Q8_0
    let word = wq[el / 4u];
    let v = wd[el / 32u] * f32(bitcast<i32>(word << (24u - 8u * (el % 4u))) >> 24u);
#endif
#if Q4_0
    // in a block, value j < 16 is the low nibble of byte j, value j + 16 its high nibble
    let j = el % 32u;
    let byte_index = (el / 32u) * 16u + (j % 16u);
    let byte = (wq[byte_index / 4u] >> (8u * (byte_index % 4u))) & 255u;
    let nib = select(byte & 15u, byte >> 4u, j >= 16u);
    let v = wd[el / 32u] * (f32(nib) - 8.0);
#endif
#if Q4_K
    let v = q4k_value((el / 256u) * 144u, el % 256u);
#endif
#if Q6_K
    let v = q6k_value((el / 256u) * 210u, el % 256u);
#endif
    x[idx] = v * params.scale;
}
