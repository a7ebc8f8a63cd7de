// Rotary position embedding, in place, on x: (batch, heads, head_dim).
// Row b of the batch is at position step.pos0 + b. Pair (i0, i1) of rotation index i < rot_dims / 2:
//   NORMAL (llama):               i0 = 2i,  i1 = 2i + 1
//   NEOX (qwen2/3, phi3, gemma3): i0 = i,   i1 = i + rot_dims / 2
//   x[i0], x[i1] = x[i0] cos - x[i1] sin, x[i0] sin + x[i1] cos
// cos/sin come from a table (position, i, {cos, sin}) computed once in Java (RopeTable), which bakes in
// the frequency base, scaling and per-dimension frequency factors: exact, and no sin() of large angles
// on the GPU. Dispatch: ceil(batch * heads * rot_dims / 2 / 64) folded to (x, y). Reference: Reference.rope.
// PAIR: one dispatch ropes q and k: x2 (batch, heads2, head_dim) too, its pairs numbered after x's
// (dispatch ceil(batch * (heads + heads2) * rot_dims / 2 / 64)).

{{PARAMS}}

struct Step {
    pos0: u32,
    n_tokens: u32,
}

@group(0) @binding(0) var<storage, read_write> x: array<f32>;
@group(0) @binding(1) var<storage, read> table: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;
@group(0) @binding(3) var<uniform> step: Step;
#if PAIR
@group(0) @binding(4) var<storage, read_write> x2: array<f32>;
#endif

@compute @workgroup_size(64)
fn rope(@builtin(global_invocation_id) gid: vec3<u32>) {
    let half = params.rot_dims / 2u;
    var idx = gid.x + gid.y * params.stride;
    var heads = params.heads;
    var second = false;
#if PAIR
    if (idx >= step.n_tokens * params.heads * half) {
        idx -= step.n_tokens * params.heads * half;
        heads = params.heads2;
        second = true;
    }
#endif
    if (idx >= step.n_tokens * heads * half) {
        return;
    }
    let i = idx % half;
    let h = (idx / half) % heads;
    let b = idx / (half * heads);
    let t = ((step.pos0 + b) * half + i) * 2u;
    let c = table[t];
    let s = table[t + 1u];
    let base = (b * heads + h) * params.head_dim;
#if NEOX
    let i0 = base + i;
    let i1 = base + i + half;
#else
    let i0 = base + 2u * i;
    let i1 = i0 + 1u;
#endif
#if PAIR
    if (second) {
        let y0 = x2[i0];
        let y1 = x2[i1];
        x2[i0] = y0 * c - y1 * s;
        x2[i1] = y0 * s + y1 * c;
        return;
    }
#endif
    let x0 = x[i0];
    let x1 = x[i1];
    x[i0] = x0 * c - x1 * s;
    x[i1] = x0 * s + x1 * c;
}
