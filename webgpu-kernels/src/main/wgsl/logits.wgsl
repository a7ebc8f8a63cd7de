// Selection over the logits on the GPU, so a decode step reads back a token id or a small top-k instead
// of the whole vocabulary.
//   argmax: result[0] = index of the largest of n logits (ties to the lowest index, like llama.cpp's greedy)
//   top_k:  result[2i] = index, result[2i+1] = bits of the logit of the i-th largest, i < params.k
//           (k rounds of a workgroup argmax, each excluding what earlier rounds took; ties to the lowest index)
// One 256-invocation workgroup. Dispatch: (1, 1, 1). Reference: Reference.argmax / Reference.topK.

{{PARAMS}}

@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

const WG: u32 = 256u;
var<workgroup> best_v: array<f32, 256>;
var<workgroup> best_i: array<u32, 256>;

// Whether index i was taken by an earlier top-k round (rounds < round).
fn taken(i: u32, round: u32) -> bool {
    for (var r = 0u; r < round; r++) {
        if (result[2u * r] == i) {
            return true;
        }
    }
    return false;
}

// The workgroup's best (value, index) over the logits not yet taken; left in best_v[0], best_i[0].
fn reduce_best(lid: u32, round: u32) {
    var bv = -3.4e38;
    var bi = 0xffffffffu;
    for (var i = lid; i < params.n; i += WG) {
        let v = logits[params.offset + i];
        if ((v > bv || (v == bv && i < bi)) && !taken(i, round)) {
            bv = v;
            bi = i;
        }
    }
    best_v[lid] = bv;
    best_i[lid] = bi;
    workgroupBarrier();
    for (var k = WG / 2u; k > 0u; k = k >> 1u) {
        if (lid < k) {
            let ov = best_v[lid + k];
            let oi = best_i[lid + k];
            if (ov > best_v[lid] || (ov == best_v[lid] && oi < best_i[lid])) {
                best_v[lid] = ov;
                best_i[lid] = oi;
            }
        }
        workgroupBarrier();
    }
}

@compute @workgroup_size(256)
fn top_k(@builtin(local_invocation_id) lid: vec3<u32>) {
    for (var round = 0u; round < params.k; round++) {
        reduce_best(lid.x, round);
        if (lid.x == 0u) {
            result[2u * round] = best_i[0];
            result[2u * round + 1u] = bitcast<u32>(best_v[0]);
        }
        storageBarrier();
        workgroupBarrier();
    }
}

@compute @workgroup_size(256)
fn argmax(@builtin(local_invocation_id) lid: vec3<u32>) {
    var bv = -3.4e38;
    var bi = 0xffffffffu;
    for (var i = lid.x; i < params.n; i += WG) {
        let v = logits[params.offset + i];
        if (v > bv) {
            bv = v;
            bi = i;
        }
    }
    best_v[lid.x] = bv;
    best_i[lid.x] = bi;
    workgroupBarrier();
    for (var k = WG / 2u; k > 0u; k = k >> 1u) {
        if (lid.x < k) {
            let ov = best_v[lid.x + k];
            let oi = best_i[lid.x + k];
            if (ov > best_v[lid.x] || (ov == best_v[lid.x] && oi < best_i[lid.x])) {
                best_v[lid.x] = ov;
                best_i[lid.x] = oi;
            }
        }
        workgroupBarrier();
    }
    if (lid.x == 0u) {
        result[0] = best_i[0];
    }
}
