// Decoding of ggml's K-quant super-blocks (256 values) read in place from the file's bytes, for
// matvec.wgsl and embed.wgsl. The including kernel declares `wq: array<u32>` holding the tensor's raw
// bytes (little-endian words). Layouts (ggml-common.h):
//   block_q4_K (144 bytes): f16 d, f16 dmin, u8 scales[12] (6-bit scale and min of 8 sub-blocks of 32),
//                           u8 qs[128] (4-bit: sub-block pair j uses low then high nibbles of qs[32j ..])
//   block_q6_K (210 bytes): u8 ql[128] (low 4 bits), u8 qh[64] (high 2 bits), i8 scales[16], f16 d
// Java references: dev.hearth.tensor.Q4_KTensor, Q6_KTensor (agent-java).

fn kq_byte(i: u32) -> u32 {
    return (wq[i / 4u] >> (8u * (i % 4u))) & 255u;
}

fn kq_half(i: u32) -> f32 {
    return unpack2x16float(kq_byte(i) | (kq_byte(i + 1u) << 8u)).x;
}

// get_scale_min_k4: the 6-bit scale (x) and min (y) of sub-block j (0..7) of a Q4_K block at byte b.
fn q4k_scale_min(b: u32, j: u32) -> vec2<f32> {
    let s = b + 4u;
    if (j < 4u) {
        return vec2<f32>(f32(kq_byte(s + j) & 63u), f32(kq_byte(s + j + 4u) & 63u));
    }
    let sc = (kq_byte(s + j + 4u) & 15u) | ((kq_byte(s + j - 4u) >> 6u) << 4u);
    let m = (kq_byte(s + j + 4u) >> 4u) | ((kq_byte(s + j) >> 6u) << 4u);
    return vec2<f32>(f32(sc), f32(m));
}

// Value e (0..255) of the Q4_K block at byte b.
fn q4k_value(b: u32, e: u32) -> f32 {
    let pair = e / 64u;          // 64 values share 32 bytes of qs
    let hi = (e % 64u) >= 32u;   // the second 32 use the high nibbles
    let l = e % 32u;
    let q = kq_byte(b + 16u + pair * 32u + l);
    let nib = select(q & 15u, q >> 4u, hi);
    let sm = q4k_scale_min(b, pair * 2u + select(0u, 1u, hi));
    return kq_half(b) * sm.x * f32(nib) - kq_half(b + 2u) * sm.y;
}

// Value e (0..255) of the Q6_K block at byte b.
fn q6k_value(b: u32, e: u32) -> f32 {
    let half_ = e / 128u;        // two halves of 128 values
    let r = e % 128u;
    let quarter = r / 32u;       // which of q1..q4
    let l = r % 32u;
    let ql = kq_byte(b + half_ * 64u + l + select(0u, 32u, quarter == 1u || quarter == 3u));
    let qh = kq_byte(b + 128u + half_ * 32u + l);
    let low = select(ql & 15u, ql >> 4u, quarter >= 2u);
    let high = (qh >> (2u * quarter)) & 3u;
    let q = i32(low | (high << 4u)) - 32;
    let sc = bitcast<i32>(kq_byte(b + 192u + half_ * 8u + l / 16u + 2u * quarter) << 24u) >> 24u;
    return kq_half(b + 208u) * f32(sc) * f32(q);
}
