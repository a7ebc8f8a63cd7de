// Causal attention over a KV cache, with grouped-query heads (GQA).
//   q:      (n_tokens, n_head, head_dim)       queries of this step, already roped
//   kcache: (ctx, n_kv, head_dim)              keys of every position so far, this step's included
//   vcache: (ctx, n_kv, head_dim)
//   att:    (n_tokens, n_head, ctx)            scratch for the scores
//   out:    (n_tokens, n_head, head_dim)
// Query b is at position p = step.pos0 + b and sees positions t in [lo, p], lo = max(0, p + 1 - window)
// (window = ctx unless the layer uses a sliding window). Head h reads KV head h / (n_head / n_kv).
//   score_t = scale * q . k_t;   w = softmax(score);   out = sum_t w_t v_t
// KV_F16: emulate llama.cpp's default F16 KV cache (the cache holds F16-rounded values, see the store
// kernel): the query and each attention weight are rounded to F16 as its F16 matmuls round them.
// F16_STORAGE (with KV_F16, adapters with shader-f16): the cache buffers are array<f16>; math stays f32.
// One 64-invocation workgroup per (head, query). Dispatch: (n_head, n_tokens, 1). Reference: Reference.attention
// and, for KV_F16, the JVM Transformer with setKvCacheF16(true).

#if F16_STORAGE
enable f16;
#endif

{{PARAMS}}

struct Step {
    pos0: u32,
    n_tokens: u32,
}

@group(0) @binding(0) var<storage, read> q: array<f32>;
#if F16_STORAGE
@group(0) @binding(1) var<storage, read> kcache: array<f16>;
@group(0) @binding(2) var<storage, read> vcache: array<f16>;
#else
@group(0) @binding(1) var<storage, read> kcache: array<f32>;
@group(0) @binding(2) var<storage, read> vcache: array<f32>;
#endif
@group(0) @binding(3) var<storage, read_write> att: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@group(0) @binding(5) var<uniform> params: Params;
@group(0) @binding(6) var<uniform> step: Step;

const WG: u32 = 64u;
var<workgroup> red: array<f32, 64>;

{{HALF_FN}}

fn q_at(i: u32) -> f32 {
#if KV_F16
    return to_f16(q[i]);
#else
    return q[i];
#endif
}

@compute @workgroup_size(64)
fn attention(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let b = wid.y;
    let in_step = b < step.n_tokens;
    let p = step.pos0 + b;
    var lo = 0u;
    if (p + 1u > params.window) {
        lo = p + 1u - params.window;
    }
    let kvh = h / (params.n_head / params.n_kv);
    let hd = params.head_dim;
    let qb = (b * params.n_head + h) * hd;
    let ab = (b * params.n_head + h) * params.ctx;
    let kv_stride = params.n_kv * hd;

    // scores and their running maximum
    var m = -3.0e38;
    if (in_step) {
        for (var t = lo + lid.x; t <= p; t += WG) {
            let kb = t * kv_stride + kvh * hd;
            var s = 0.0;
            for (var d = 0u; d < hd; d++) {
                s += q_at(qb + d) * f32(kcache[kb + d]);
            }
            s *= params.scale;
            att[ab + t] = s;
            m = max(m, s);
        }
    }
    red[lid.x] = m;
    workgroupBarrier();
    for (var k = WG / 2u; k > 0u; k = k >> 1u) {
        if (lid.x < k) {
            red[lid.x] = max(red[lid.x], red[lid.x + k]);
        }
        workgroupBarrier();
    }
    let mx = red[0];
    workgroupBarrier();

    // exponentials and their sum
    var sum = 0.0;
    if (in_step) {
        for (var t = lo + lid.x; t <= p; t += WG) {
            let e = exp(att[ab + t] - mx);
            att[ab + t] = e;
            sum += e;
        }
    }
    red[lid.x] = sum;
    workgroupBarrier();
    for (var k = WG / 2u; k > 0u; k = k >> 1u) {
        if (lid.x < k) {
            red[lid.x] += red[lid.x + k];
        }
        workgroupBarrier();
    }
    let total = red[0];
    storageBarrier();
    workgroupBarrier();

    // weighted sum of the values
    let inv = 1.0 / total;
    if (in_step) {
        for (var d = lid.x; d < hd; d += WG) {
            var acc = 0.0;
            for (var t = lo; t <= p; t++) {
#if KV_F16
                acc += to_f16(att[ab + t] * inv) * f32(vcache[t * kv_stride + kvh * hd + d]);
#else
                acc += att[ab + t] * inv * f32(vcache[t * kv_stride + kvh * hd + d]);
#endif
            }
            out[qb + d] = acc;
        }
    }
}
