// Causal attention for a batch of queries (a prompt chunk), tiled: each workgroup takes ROWS
// (query, head) rows that share one KV head and walks the keys they can see in tiles of TK keys,
// loading each K and V tile into workgroup memory once for all its rows (GQA heads included).
// Softmax is online (flash attention): no (tokens, heads, ctx) score scratch.
//   q:      (n_tokens, n_head, HD)      queries of this step, already roped
//   kcache: (ctx, n_kv, HD)             keys of every position so far, this step's included
//   vcache: (ctx, n_kv, HD)
//   out:    (n_tokens, n_head, HD)
// Same math as attention.wgsl: query b sits at p = step.pos0 + b and sees t in [lo, p],
// lo = max(0, p + 1 - window); head h reads KV head h / (n_head / n_kv).
// Row r of KV head g is query b = r / G, head h = g * G + r % G (G = n_head / n_kv).
// KV_F16 (llama.cpp's F16 KV cache emulated as attention.wgsl does): the attention weights are rounded
// to F16 after normalisation, which needs each row's final max and sum first, so that variant walks
// the keys twice (scores, then weights and values) instead of rescaling on the fly.
// F16_STORAGE (with KV_F16, adapters with shader-f16): the cache buffers are array<f16>; math stays f32.
// Workgroup memory: qs ROWS*HD + kv TK*HD + sc ROWS*TK floats, kept under 16 KB by the Java side
// (AttentionTiles). Dispatch: (ceil(n_tokens * G / ROWS), n_kv, 1). Reference: Reference.attention.

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
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<uniform> params: Params;
@group(0) @binding(5) var<uniform> step: Step;

const HD: u32 = {{HEAD_DIM}}u;
const ROWS: u32 = {{ROWS}}u;             // (query, head) rows per workgroup
const LANES: u32 = 64u / ROWS;           // invocations per row
const TK: u32 = {{TILE_KEYS}}u;          // keys per tile
const DPT: u32 = (HD + LANES - 1u) / LANES; // output dims per invocation: d = lane + LANES * i
const MASKED: f32 = -3.0e38;

var<workgroup> qs: array<f32, {{Q_FLOATS}}>;   // (ROWS, HD) this workgroup's queries
var<workgroup> kv: array<f32, {{KV_FLOATS}}>;  // (TK, HD) a tile of keys, then of values
var<workgroup> sc: array<f32, {{S_FLOATS}}>;   // (ROWS, TK) the tile's scores, MASKED where unseen

{{HALF_FN}}

// Copies keys (or values) t0 .. t0 + TK - 1 of KV head g into kv; rows past t_end read as zero.
fn load_tile(from_keys: bool, t0: u32, t_end: u32, g: u32, lid: u32) {
    let kv_stride = params.n_kv * HD;
    for (var i = lid; i < TK * HD; i += 64u) {
        let t = t0 + i / HD;
        var v = 0.0;
        if (t <= t_end) {
            let at = t * kv_stride + g * HD + i % HD;
            if (from_keys) {
                v = f32(kcache[at]);
            } else {
                v = f32(vcache[at]);
            }
        }
        kv[i] = v;
    }
}

// sc[row, j] = scale * q_row . k_{t0 + j}, or MASKED where the row's query does not see that key.
fn tile_scores(row: u32, lane: u32, in_step: bool, t0: u32, lo: u32, p: u32) {
    for (var j = lane; j < TK; j += LANES) {
        let t = t0 + j;
        var s = MASKED;
        if (in_step && t >= lo && t <= p) {
            var dot = 0.0;
            for (var d = 0u; d < HD; d++) {
                dot += qs[row * HD + d] * kv[j * HD + d];
            }
            s = dot * params.scale;
        }
        sc[row * TK + j] = s;
    }
}

@compute @workgroup_size(64)
fn attention_prefill(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid3: vec3<u32>) {
    let lid = lid3.x;
    let g = wid.y;
    let group = params.n_head / params.n_kv;
    let r0 = wid.x * ROWS;
    let b_first = r0 / group;
    if (b_first >= step.n_tokens) {
        return; // the whole workgroup is past this step's tokens
    }
    let b_last = min((r0 + ROWS - 1u) / group, step.n_tokens - 1u);
    // keys any row of this workgroup sees: from the first query's window start to the last query
    let p_first = step.pos0 + b_first;
    var t_begin = 0u;
    if (p_first + 1u > params.window) {
        t_begin = p_first + 1u - params.window;
    }
    let t_end = step.pos0 + b_last;

    // this invocation's row
    let row = lid / LANES;
    let lane = lid % LANES;
    let r = r0 + row;
    let b = r / group;
    let h = g * group + r % group;
    let in_step = b < step.n_tokens;
    let p = step.pos0 + b;
    var lo = 0u;
    if (p + 1u > params.window) {
        lo = p + 1u - params.window;
    }

    for (var i = lid; i < ROWS * HD; i += 64u) {
        let rr = r0 + i / HD;
        var v = 0.0;
        if (rr / group < step.n_tokens) {
            v = q[((rr / group) * params.n_head + g * group + rr % group) * HD + i % HD];
#if KV_F16
            v = to_f16(v);
#endif
        }
        qs[i] = v;
    }

    var m = MASKED; // running maximum of the row's scores
    var l = 0.0;    // running sum of exp(score - m)
#if KV_F16
    // first walk: the row's final maximum and sum
    for (var t0 = t_begin; t0 <= t_end; t0 += TK) {
        workgroupBarrier();
        load_tile(true, t0, t_end, g, lid);
        workgroupBarrier();
        tile_scores(row, lane, in_step, t0, lo, p);
        workgroupBarrier();
        var tmax = MASKED;
        for (var j = 0u; j < TK; j++) {
            tmax = max(tmax, sc[row * TK + j]);
        }
        let m_new = max(m, tmax);
        l *= exp(m - m_new);
        for (var j = 0u; j < TK; j++) {
            let s = sc[row * TK + j];
            if (s > MASKED) {
                l += exp(s - m_new);
            }
        }
        m = m_new;
    }
    let inv = 1.0 / l;
#endif

    var acc: array<f32, DPT>;
    for (var t0 = t_begin; t0 <= t_end; t0 += TK) {
        workgroupBarrier();
        load_tile(true, t0, t_end, g, lid);
        workgroupBarrier();
        tile_scores(row, lane, in_step, t0, lo, p);
        workgroupBarrier();
#if !KV_F16
        // rescale what was summed so far to the new maximum
        var tmax = MASKED;
        for (var j = 0u; j < TK; j++) {
            tmax = max(tmax, sc[row * TK + j]);
        }
        let m_new = max(m, tmax);
        let corr = exp(m - m_new);
        l *= corr;
        for (var i = 0u; i < DPT; i++) {
            acc[i] *= corr;
        }
        m = m_new;
#endif
        load_tile(false, t0, t_end, g, lid); // kv now holds values (every invocation is past its K reads)
        workgroupBarrier();
        for (var j = 0u; j < TK; j++) {
            let s = sc[row * TK + j];
            if (s > MASKED) {
#if KV_F16
                let w = to_f16(exp(s - m) * inv);
#else
                let w = exp(s - m);
                l += w;
#endif
                for (var i = 0u; i < DPT; i++) {
                    let d = lane + LANES * i;
                    if (d < HD) {
                        acc[i] += w * kv[j * HD + d];
                    }
                }
            }
        }
    }

    if (in_step) {
#if KV_F16
        let norm = 1.0;
#else
        let norm = 1.0 / l;
#endif
        for (var i = 0u; i < DPT; i++) {
            let d = lane + LANES * i;
            if (d < HD) {
                out[(b * params.n_head + h) * HD + d] = acc[i] * norm;
            }
        }
    }
}
