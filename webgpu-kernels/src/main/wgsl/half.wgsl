// to_f16: the nearest F16 value (ties to even) as an f32, by arithmetic (no reliance on how a driver
// rounds in pack2x16float). Substituted into kernels as {{HALF_FN}}.
fn to_f16(f: f32) -> f32 {
    let a = abs(f);
    if (a == 0.0) {
        return f;
    }
    if (a >= 65520.0) {
        return sign(f) * 3.4e38 * 10.0; // overflows to infinity like F16
    }
    let e = max(frexp(a).exp - 1, -14);
    let ulp = exp2(f32(e - 10));
    return sign(f) * round(a / ulp) * ulp;
}
