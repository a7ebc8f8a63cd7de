// The index of the largest of n logits (ties go to the lowest index, like llama.cpp's greedy),
// so a greedy decode step reads back 4 bytes instead of the whole vocabulary.
// One 256-invocation workgroup. Dispatch: (1, 1, 1). Reference: LogitsReference.argmax.

{{PARAMS}}

@group(0) @binding(0) var<storage, read> logits: array<f32>;
@group(0) @binding(1) var<storage, read_write> result: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

const WG: u32 = 256u;
var<workgroup> best_v: array<f32, 256>;
var<workgroup> best_i: array<u32, 256>;

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
