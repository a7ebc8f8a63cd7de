// Element-wise ops over f32 vectors of length params.n.
// Entry points:
//   add:      out[i] = a[i] + b[i]
//   add_to:   acc[i] += b[i]                (the residual connection, in place)
//   add_row:  acc[i] += b[i % params.row]   (a bias broadcast over the rows of a batch)
//   store:    cache[step.pos0 * params.row + i] = src[i]   (this step's K or V rows into the KV cache;
//             with KV_F16 rounded to F16, as llama.cpp's default F16 cache stores them; with F16_STORAGE
//             too (adapters with shader-f16) the cache is array<f16>, written from the exact F16 value;
//             with PAIR the same for cache2/src2 in the same dispatch: K and V of a layer at once)
// Dispatch: ceil(n / 64) workgroups, folded into (x, y) when above maxComputeWorkgroupsPerDimension;
// params.stride is the number of invocations in one row of the grid (groups_x * 64).
// Java reference: dev.hearth.gpu.kernels.ElementwiseReference.

#if F16_STORAGE
enable f16;
#endif

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

#if F16_STORAGE
@group(0) @binding(0) var<storage, read_write> cache: array<f16>;
#else
@group(0) @binding(0) var<storage, read_write> cache: array<f32>;
#endif
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var<uniform> step: Step;
#if PAIR
#if F16_STORAGE
@group(0) @binding(4) var<storage, read_write> cache2: array<f16>;
#else
@group(0) @binding(4) var<storage, read_write> cache2: array<f32>;
#endif
@group(0) @binding(5) var<storage, read> src2: array<f32>;
#endif

// The value a cache holds for v.
#if F16_STORAGE
fn cached(v: f32) -> f16 {
    return f16(to_f16(v)); // exact: to_f16 gives an F16 value
}
#else
fn cached(v: f32) -> f32 {
#if KV_F16
    return to_f16(v);
#else
    return v;
#endif
}
#endif

{{HALF_FN}}

@compute @workgroup_size(64)
fn store(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x + gid.y * params.stride;
    if (i < step.n_tokens * params.row) {
        cache[step.pos0 * params.row + i] = cached(src[i]);
#if PAIR
        cache2[step.pos0 * params.row + i] = cached(src2[i]);
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
