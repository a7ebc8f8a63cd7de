// Element-wise ops over f32 vectors of length params.n.
// Entry points:
//   add: out[i] = a[i] + b[i]   (the residual connection of every transformer block)
// Dispatch: ceil(n / 64) workgroups, folded into (x, y) when above maxComputeWorkgroupsPerDimension;
// params.stride is the number of invocations in one row of the grid (groups_x * 64).
// Java reference: dev.hearth.gpu.kernels.ElementwiseReference.

struct Params {
    n: u32,
    stride: u32,
}

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
