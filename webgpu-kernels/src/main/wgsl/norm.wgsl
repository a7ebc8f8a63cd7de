// RMSNorm over each row of x (rows x n):
//   out[r, i] = x[r, i] / sqrt(mean_j(x[r, j]^2) + eps) * w[i]
// One workgroup per row; the sum of squares is reduced in workgroup memory.
// INPLACE: out is x itself (qwen3/gemma3's per-head Q/K norms), bound once as read_write.
// ADD: the residual connection first, then the norm of the new stream, in one dispatch:
//   x[r] += branch[r];  branch[r] = rmsnorm(x[r]) * w     (branch: the block's output, then the next input)
// Dispatch: (rows, 1, 1). Java reference: NormReference.rmsNorm.

{{PARAMS}}

#if INPLACE
@group(0) @binding(0) var<storage, read_write> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
#else
#if ADD
@group(0) @binding(0) var<storage, read_write> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> branch: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
#else
@group(0) @binding(0) var<storage, read> x: array<f32>;
@group(0) @binding(1) var<storage, read> w: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
#endif
#endif

const WG: u32 = 64u;
var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(64)
fn rms_norm(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let base = wid.x * params.n;
    var s = 0.0;
    for (var i = lid.x; i < params.n; i += WG) {
#if ADD
        let v = x[base + i] + branch[base + i];
        x[base + i] = v; // read back below by this same invocation
#else
        let v = x[base + i];
#endif
        s += v * v;
    }
    partial[lid.x] = s;
    workgroupBarrier();
    for (var k = WG / 2u; k > 0u; k = k >> 1u) {
        if (lid.x < k) {
            partial[lid.x] += partial[lid.x + k];
        }
        workgroupBarrier();
    }
    let scale = inverseSqrt(partial[0] / f32(params.n) + params.eps);
    workgroupBarrier();
    for (var i = lid.x; i < params.n; i += WG) {
#if INPLACE
        x[base + i] = x[base + i] * scale * w[i];
#else
#if ADD
        branch[base + i] = x[base + i] * scale * w[i];
#else
        out[base + i] = x[base + i] * scale * w[i];
#endif
#endif
    }
}
