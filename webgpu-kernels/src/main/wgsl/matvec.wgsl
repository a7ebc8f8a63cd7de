// Matrix times vectors with the weight's dequantization fused in:
//   out[b, r] = sum_i W[r, i] * x[x_off + b * n + i]   W: rows x n (row-major, n = ggml's ne0), x: batch x n
// (x_off lets the classifier read only the last row of a prompt batch)
// Weight formats (define one):
//   F32   w: array<f32>, rows * n values
//   F16   w: array<f16>, rows * n values: an F16 file tensor as stored, on adapters with shader-f16
//         (the f16 extension for storage only: the sums stay f32)
//   Q8_0  wq: array<u32> (8 words = 32 int8 per block), wd: array<f32> (one scale per block)
//   Q4_0  wq: array<u32> (4 words = 32 nibbles per block: byte j holds value j low, j+16 high,
//         each value (nibble - 8)), wd: array<f32>
//   (Q8_0/Q4_0 are ggml's blocks repacked at upload so every read is 4-byte aligned; see QuantRepack.)
//   Q4_K, Q6_K  wq: array<u32> holding the file's super-blocks as they are (kquants.wgsl decodes them)
// CHUNK: values handled per step of a row, 32 (F32, Q8_0, Q4_0) or 256 (one K-quant super-block).
// Strategy (define one):
//   ROW_PER_THREAD  one invocation per output row, no barrier (fast on CPU-like SwiftShader)
//   WG_PER_ROW      one 64-invocation workgroup per row, reduced in workgroup memory (fast on GPUs)
// Dispatch: ROW_PER_THREAD (ceil(rows / 64) folded to x*y, 1, batch) with params.stride = x*64;
//           WG_PER_ROW (rows folded to x*y, 1, batch) with params.stride = x.
// Java reference: MatVecReference.

#if F16
enable f16;
#endif

{{PARAMS}}

const CHUNK: u32 = {{CHUNK}}u;

#if F32
@group(0) @binding(0) var<storage, read> w: array<f32>;
#else
#if F16
@group(0) @binding(0) var<storage, read> w: array<f16>;
#else
@group(0) @binding(0) var<storage, read> wq: array<u32>;
#endif
#endif
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@group(0) @binding(3) var<uniform> params: Params;
#if SCALES
@group(0) @binding(4) var<storage, read> wd: array<f32>;
#endif
#if KQUANT
{{FILE:kquants}}
#endif

fn i8x4(word: u32) -> vec4<f32> {
    let s = bitcast<i32>(word);
    return vec4<f32>(vec4<i32>(s << 24u, s << 16u, s << 8u, s) >> vec4<u32>(24u));
}

// Dot product of the part of row `row` from element `start` (a multiple of CHUNK) to start + CHUNK
// with x[xb + start ..].
fn chunk_dot(row: u32, start: u32, xb: u32) -> f32 {
#if F32
    let wb = row * params.n + start;
    var acc = 0.0;
    for (var i = 0u; i < 32u; i++) {
        acc += w[wb + i] * x[xb + start + i];
    }
    return acc;
#endif
#if F16
    let wb = row * params.n + start;
    var acc = 0.0;
    for (var i = 0u; i < 32u; i++) {
        acc += f32(w[wb + i]) * x[xb + start + i];
    }
    return acc;
#endif
#if Q8_0
    let block = (row * params.n + start) / 32u;
    var acc = vec4<f32>(0.0);
    for (var j = 0u; j < 8u; j++) {
        let xo = xb + start + j * 4u;
        acc += i8x4(wq[block * 8u + j]) * vec4<f32>(x[xo], x[xo + 1u], x[xo + 2u], x[xo + 3u]);
    }
    return wd[block] * (acc.x + acc.y + acc.z + acc.w);
#endif
#if Q4_0
    let block = (row * params.n + start) / 32u;
    var acc = vec4<f32>(0.0);
    for (var j = 0u; j < 4u; j++) {
        let word = wq[block * 4u + j];
        let lo = vec4<f32>(f32(word & 15u), f32((word >> 8u) & 15u), f32((word >> 16u) & 15u), f32((word >> 24u) & 15u)) - 8.0;
        let hi = vec4<f32>(f32((word >> 4u) & 15u), f32((word >> 12u) & 15u), f32((word >> 20u) & 15u), f32(word >> 28u)) - 8.0;
        let xl = xb + start + j * 4u;
        let xh = xl + 16u;
        acc += lo * vec4<f32>(x[xl], x[xl + 1u], x[xl + 2u], x[xl + 3u]);
        acc += hi * vec4<f32>(x[xh], x[xh + 1u], x[xh + 2u], x[xh + 3u]);
    }
    return wd[block] * (acc.x + acc.y + acc.z + acc.w);
#endif
#if Q4_K
    let b = ((row * params.n + start) / 256u) * 144u;
    var acc = 0.0;
    for (var e = 0u; e < 256u; e++) {
        acc += q4k_value(b, e) * x[xb + start + e];
    }
    return acc;
#endif
#if Q6_K
    let b = ((row * params.n + start) / 256u) * 210u;
    var acc = 0.0;
    for (var e = 0u; e < 256u; e++) {
        acc += q6k_value(b, e) * x[xb + start + e];
    }
    return acc;
#endif
}

// The tail of an F32 or F16 row whose length is not a multiple of 32.
fn tail_dot(row: u32, start: u32, xb: u32) -> f32 {
    var acc = 0.0;
#if F32
    for (var i = start; i < params.n; i++) {
        acc += w[row * params.n + i] * x[xb + i];
    }
#endif
#if F16
    for (var i = start; i < params.n; i++) {
        acc += f32(w[row * params.n + i]) * x[xb + i];
    }
#endif
    return acc;
}

#if ROW_PER_THREAD
@compute @workgroup_size(64)
fn matvec(@builtin(global_invocation_id) gid: vec3<u32>) {
    let row = gid.x + gid.y * params.stride;
    if (row >= params.rows) {
        return;
    }
    let xb = params.x_off + gid.z * params.n;
    let full = params.n / CHUNK * CHUNK;
    var acc = 0.0;
    for (var s = 0u; s < full; s += CHUNK) {
        acc += chunk_dot(row, s, xb);
    }
    acc += tail_dot(row, full, xb);
    out[gid.z * params.rows + row] = acc;
}
#endif

#if WG_PER_ROW
var<workgroup> partial: array<f32, 64>;

@compute @workgroup_size(64)
fn matvec(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
    let row = wid.x + wid.y * params.stride;
    let xb = params.x_off + wid.z * params.n;
    let full = params.n / CHUNK * CHUNK;
    var acc = 0.0;
    if (row < params.rows) {
        for (var s = lid.x * CHUNK; s < full; s += 64u * CHUNK) {
            acc += chunk_dot(row, s, xb);
        }
        if (lid.x == 0u) {
            acc += tail_dot(row, full, xb);
        }
    }
    partial[lid.x] = acc;
    workgroupBarrier();
    for (var k = 32u; k > 0u; k = k >> 1u) {
        if (lid.x < k) {
            partial[lid.x] += partial[lid.x + k];
        }
        workgroupBarrier();
    }
    if (lid.x == 0u && row < params.rows) {
        out[wid.z * params.rows + row] = partial[0];
    }
}
#endif
