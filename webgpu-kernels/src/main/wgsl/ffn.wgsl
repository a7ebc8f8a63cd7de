// The gated activation of the feed-forward block, for each of the step's rows b and i < n:
//   SILU (SwiGLU: llama, qwen, phi3):  out[b, i] = silu(g) * u,          silu(v) = v / (1 + exp(-v))
//   GELU (gemma3, tanh approximation): out[b, i] = gelu(g) * u,
//                                      gelu(v) = 0.5 v (1 + tanh(sqrt(2/pi) (v + 0.044715 v^3)))
// with g = gate[b * g_stride + g_off + i], u = up[b * u_stride + u_off + i]. Separate gate/up
// tensors use offsets 0 and stride n; phi3's fused gate|up binds one buffer twice (u_off = n, strides 2n).
// Dispatch: ceil(n_tokens * n / 64) folded to (x, y). Reference: FfnReference.

{{PARAMS}}

struct Step {
    pos0: u32,
    n_tokens: u32,
}

@group(0) @binding(0) var<storage, read> gate: array<f32>;
@group(0) @binding(1) var<storage, read> up: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
@group(0) @binding(4) var<uniform> step: Step;

@compute @workgroup_size(64)
fn gated(@builtin(global_invocation_id) gid: vec3<u32>) {
    let idx = gid.x + gid.y * params.stride;
    if (idx >= step.n_tokens * params.n) {
        return;
    }
    let i = idx % params.n;
    let b = idx / params.n;
    let g = gate[b * params.g_stride + params.g_off + i];
    let u = up[b * params.u_stride + params.u_off + i];
#if SILU
    out[idx] = g / (1.0 + exp(-g)) * u;
#endif
#if GELU
    // clamped: some drivers return NaN from tanh of large arguments; tanh(15) is 1 in f32
    let z = clamp(0.7978845608028654 * (g + 0.044715 * g * g * g), -15.0, 15.0);
    out[idx] = 0.5 * g * (1.0 + tanh(z)) * u;
#endif
}
