// A plain copy, dst[i] = src[i] over params.n vec4s: the most bandwidth-friendly kernel there is, so its
// bytes moved (read + write) per second are the memory bandwidth this adapter can reach, the roofline
// that the matvec variants are measured against (./hearth bench).
// Dispatch: ceil(n / 64) workgroups folded into (x, y) when above maxComputeWorkgroupsPerDimension;
// params.stride = groups_x * 64.
// Java reference: dev.hearth.gpu.kernels.Copy.reference.

{{PARAMS}}

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(64)
fn copy(@builtin(global_invocation_id) gid: vec3<u32>) {
    let i = gid.x + gid.y * params.stride;
    if (i < params.n) {
        dst[i] = src[i];
    }
}
