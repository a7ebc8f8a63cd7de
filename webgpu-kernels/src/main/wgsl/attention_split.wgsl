// Decode attention split over the sequence (flash-decoding), for long contexts: attention.wgsl gives
// each head one workgroup, whose value loop walks every position alone; here the positions a query
// sees are cut into chunks of params.chunk keys, and every (head, chunk) is a workgroup.
// Three dispatches, each (n_head, n_chunks, 1), n_chunks = ceil(ctx / chunk); chunks past the
// query's span return at once:
//   split_scores  att[h, t] = scale * q_h . k_t for the chunk's t; part[h, c] = (chunk max, sum of exp(s - max))
//   split_values  the head's max and sum from every chunk's part; pout[h, c, :] = sum over the chunk of w_t v_t,
//                 w_t = exp(att[h, t] - max) / sum (rounded to F16 under KV_F16, after normalisation as the
//                 JVM Transformer rounds it: why the weights wait for the global sum)
//   split_reduce  out[h, :] = sum over chunks of pout[h, c, :]
// Shapes: q (1, n_head, hd); kcache, vcache (ctx, n_kv, hd); att (n_head, ctx); part (n_head, n_chunks, 2);
// pout (n_head, n_chunks, hd); out (1, n_head, hd). The query sits at p = step.pos0 and sees
// t in [lo, p], lo = max(0, p + 1 - window); chunk c covers t in [lo + c * chunk, lo + (c + 1) * chunk).
// F16_STORAGE (with KV_F16, adapters with shader-f16): the cache buffers are array<f16>; math stays f32.
// Reference: Reference.attention (one query).

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
@group(0) @binding(4) var<storage, read_write> part: array<f32>;
@group(0) @binding(5) var<storage, read_write> pout: array<f32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;
@group(0) @binding(7) var<uniform> params: Params;
@group(0) @binding(8) var<uniform> step: Step;

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

// The first key the query sees.
fn span_lo() -> u32 {
    let p = step.pos0;
    if (p + 1u > params.window) {
        return p + 1u - params.window;
    }
    return 0u;
}

// How many chunks hold keys the query sees.
fn live_chunks() -> u32 {
    return (step.pos0 - span_lo() + params.chunk) / params.chunk;
}

@compute @workgroup_size(64)
fn split_scores(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let c = wid.y;
    if (c >= live_chunks()) {
        return;
    }
    let t0 = span_lo() + c * params.chunk;
    let t1 = min(step.pos0 + 1u, t0 + params.chunk); // exclusive
    let hd = params.head_dim;
    let kvh = h / (params.n_head / params.n_kv);
    let kv_stride = params.n_kv * hd;
    var m = -3.0e38;
    for (var t = t0 + lid.x; t < t1; t += WG) {
        let kb = t * kv_stride + kvh * hd;
        var s = 0.0;
        for (var d = 0u; d < hd; d++) {
            s += q_at(h * hd + d) * f32(kcache[kb + d]);
        }
        s *= params.scale;
        att[h * params.ctx + t] = s;
        m = max(m, s);
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
    var sum = 0.0;
    for (var t = t0 + lid.x; t < t1; t += WG) {
        sum += exp(att[h * params.ctx + t] - mx);
    }
    red[lid.x] = sum;
    workgroupBarrier();
    for (var k = WG / 2u; k > 0u; k = k >> 1u) {
        if (lid.x < k) {
            red[lid.x] += red[lid.x + k];
        }
        workgroupBarrier();
    }
    if (lid.x == 0u) {
        part[(h * params.n_chunks + c) * 2u] = mx;
        part[(h * params.n_chunks + c) * 2u + 1u] = red[0];
    }
}

@compute @workgroup_size(64)
fn split_values(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let c = wid.y;
    let live = live_chunks();
    if (c >= live) {
        return;
    }
    // the head's maximum and sum over every chunk (each invocation combines the few chunk results alone)
    var mx = -3.0e38;
    for (var i = 0u; i < live; i++) {
        mx = max(mx, part[(h * params.n_chunks + i) * 2u]);
    }
    var total = 0.0;
    for (var i = 0u; i < live; i++) {
        let pi = (h * params.n_chunks + i) * 2u;
        total += part[pi + 1u] * exp(part[pi] - mx);
    }
    let inv = 1.0 / total;
    let t0 = span_lo() + c * params.chunk;
    let t1 = min(step.pos0 + 1u, t0 + params.chunk);
    let hd = params.head_dim;
    let kvh = h / (params.n_head / params.n_kv);
    let kv_stride = params.n_kv * hd;
    for (var d = lid.x; d < hd; d += WG) {
        var acc = 0.0;
        for (var t = t0; t < t1; t++) {
#if KV_F16
            let w = to_f16(exp(att[h * params.ctx + t] - mx) * inv);
#else
            let w = exp(att[h * params.ctx + t] - mx) * inv;
#endif
            acc += w * f32(vcache[t * kv_stride + kvh * hd + d]);
        }
        pout[(h * params.n_chunks + c) * hd + d] = acc;
    }
}

@compute @workgroup_size(64)
fn split_reduce(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let h = wid.x;
    let live = live_chunks();
    let hd = params.head_dim;
    for (var d = lid.x; d < hd; d += WG) {
        var acc = 0.0;
        for (var c = 0u; c < live; c++) {
            acc += pout[(h * params.n_chunks + c) * hd + d];
        }
        out[h * hd + d] = acc;
    }
}
