// Element-wise ops over f32 vectors of length params.n.
// Entry points:
//   add:      out[i] = a[i] + b[i]
//   add_to:   acc[i] += b[i]                (the residual connection, in place)
//   add_row:  acc[i] += b[i % params.row]   (a bias broadcast over the rows of a batch)
//   store:    cache[step.pos0 * params.row + i] = src[i]   (this step's K or V rows into the KV cache;
//             with KV_F16 rounded to F16, as llama.cpp's default F16 cache stores them)
// Dispatch: ceil(n / 64) workgroups, folded into (x, y) when above maxComputeWorkgroupsPerDimension;
// params.stride is the number of invocations in one row of the grid (groups_x * 64).
// Java reference: dev.hearth.gpu.kernels.ElementwiseReference.

{{PARAMS}}

#if ADD
@group(0) @binding(0) var<storage, read> a: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;

@compute @workgroup_size(64)
fn add(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x + gid.y * params.stride;
    if (i < params.n) {
        out[i] = a[i] + b[i];
    }
}
#endif
#if STORE
struct Step {
    pos0: u32,
    n_tokens: u32,
}

@group(0) @binding(0) var<storage, read_write> cache: array<f32>;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var<uniform> step: Step;

{{HALF_FN}}

@compute @workgroup_size(64)
fn store(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x + gid.y * params.stride;
    if (i < step.n_tokens * params.row) {
#if KV_F16
        cache[step.pos0 * params.row + i] = to_f16(src[i]);
#else
        cache[step.pos0 * params.row + i] = src[i];
#endif
    }
}
#endif
#if !ADD
#if !STORE
@group(0) @binding(0) var<storage, read_write> acc: array<f32>;
@group(0) @binding(1) var<storage, read> b: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(64)
fn add_to(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x + gid.y * params.stride;
    if (i < params.n) {
        acc[i] += b[i];
    }
}

@compute @workgroup_size(64)
fn add_row(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x + gid.y * params.stride;
    if (i < params.n) {
        acc[i] += b[i % params.row];
    }
}
#endif
#endif
