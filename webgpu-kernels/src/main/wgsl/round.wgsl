// Rounds matmul inputs the way llama.cpp's CPU matmuls do before a dot with quantized or half
// weights, so the GPU computes the same numbers as the JVM reference in its llama.cpp mode (and so
// the same greedy tokens as llama.cpp). out = rounded x, over n_tokens rows of n.
//   Q8_0 (for Q8_0, Q4_0, Q5_0, Q4_1, Q5_1 weights): blocks of 32; d = amax / 127 kept as F16;
//                                                    x' = d_f16 * round_half_even(x * 127 / amax)
//   Q8_K (for K-quant weights): blocks of 256; the signed value of largest magnitude maps to -127;
//                               d = 1 / iscale kept as F32; x' = d * min(127, round_half_even(iscale x))
//   F16, BF16: each value rounded to the nearest half / bfloat16 (ties to even)
// Dispatch: ceil(n_tokens * n / BLOCK / 64) folded to (x, y), one invocation per block (per value
// for F16/BF16). Reference: dev.hearth.model.ActivationRounding (agent-java).

{{PARAMS}}

struct Step {
    pos0: u32,
    n_tokens: u32,
}

@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var<uniform> step: Step;

{{HALF_FN}}

fn to_bf16(f: f32) -> f32 {
    var bits = bitcast<u32>(f);
    bits = bits + 0x7fffu + ((bits >> 16u) & 1u);
    return bitcast<f32>(bits & 0xffff0000u);
}

@compute @workgroup_size(64)
fn round_input(@builtin(global_invocation_id) gid: vec3<u32>) {
    let idx = gid.x + gid.y * params.stride;
#if Q8_0
    if (idx * 32u >= step.n_tokens * params.n) {
        return;
    }
    let base = idx * 32u;
    var amax = 0.0;
    for (var i = 0u; i < 32u; i++) {
        amax = max(amax, abs(x[base + i]));
    }
    let dh = to_f16(amax / 127.0);
    var id = 0.0;
    if (amax != 0.0) {
        id = 127.0 / amax;
    }
    for (var i = 0u; i < 32u; i++) {
        out[base + i] = dh * round(x[base + i] * id);
    }
#endif
#if Q8_K
    if (idx * 256u >= step.n_tokens * params.n) {
        return;
    }
    let base = idx * 256u;
    var amax = 0.0;
    var mx = 0.0;
    for (var i = 0u; i < 256u; i++) {
        let ax = abs(x[base + i]);
        if (ax > amax) {
            amax = ax;
            mx = x[base + i];
        }
    }
    if (amax == 0.0) {
        for (var i = 0u; i < 256u; i++) {
            out[base + i] = 0.0;
        }
        return;
    }
    let iscale = -127.0 / mx;
    let d = 1.0 / iscale;
    for (var i = 0u; i < 256u; i++) {
        out[base + i] = d * min(127.0, round(iscale * x[base + i]));
    }
#endif
#if F16
    if (idx >= step.n_tokens * params.n) {
        return;
    }
    out[idx] = to_f16(x[idx]);
#endif
#if BF16
    if (idx >= step.n_tokens * params.n) {
        return;
    }
    out[idx] = to_bf16(x[idx]);
#endif
}
