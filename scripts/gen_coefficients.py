#!/usr/bin/env python3
"""Derives every polynomial coefficient and split constant actfn uses, and writes
include/actfn/detail/coefficients.hpp.

Run: /usr/bin/python3 scripts/gen_coefficients.py   (needs python3-mpmath)

Method: near-minimax fits with mpmath.chebyfit in 60-digit arithmetic, coefficients rounded to the
target type; each fit's error is re-measured after rounding, on a dense grid, and printed. Constants
that must carry more than one type's precision are split into hi + lo pairs.

- expm1 core: q(r) = (e^r - 1 - r) / r^2 for |r| <= ln2/2 (+ slack for the rounded reduction),
  so e^r - 1 = r + r^2 q(r).
- Mills ratio m(a) = sqrt(2 pi) e^{a^2/2} Phi(-a), a >= 0: piecewise polynomials in (a - centre) on
  [0, 1/4] and on each eighth of the octaves from 1/4 to 64 (65 in all); the linear
  coefficient is rounded first and the rest fitted around it, so c1 * (a - centre) is exact, so Phi(-a) = phi(a) m(a).
"""
import mpmath as mp
import os, sys

mp.mp.dps = 60
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "include", "actfn", "detail", "coefficients.hpp")

TYPES = {
    # name: (mantissa bits incl. hidden, target relative error of each fit, literal suffix)
    "double": (53, mp.mpf(2) ** -60, ""),
    "float": (24, mp.mpf(2) ** -32, "f"),
}

# The fast tier (actfn::fast, <= 4 ULP for |x| <= 10): plain arithmetic, lower degrees.
# name: (target relative error, Mills-ratio variable constant K, largest a); float's Mills ratio
# is a table instead (fast_mills_table).
FAST = {
    "double": (mp.mpf(2) ** -56, 4, 40),
    "float": (mp.mpf(2) ** -29, None, None),
}


def round_to(x, bits):
    """Round an mpf to the nearest value with `bits` significant bits (ties to even)."""
    x = mp.mpf(x)
    if x == 0:
        return mp.mpf(0)
    m, e = mp.frexp(x)  # x = m * 2^e, 0.5 <= |m| < 1
    scaled = m * mp.mpf(2) ** bits
    r = mp.floor(scaled)
    frac = scaled - r
    if frac > 0.5 or (frac == 0.5 and int(r) % 2 == 1):
        r += 1
    return mp.ldexp(r, e - bits)


def hexf(x, suffix):
    x = mp.mpf(x)
    if x == 0:
        return "0x0p+0" + suffix
    sign = "-" if x < 0 else ""
    x = abs(x)
    m, e = mp.frexp(x)  # m in [0.5, 1)
    m *= 2
    e -= 1
    mant = int(mp.ldexp(m - 1, 52))
    assert mp.ldexp(mant, -52) == m - 1, "not representable in 53 bits"
    digits = "%013x" % mant
    digits = digits.rstrip("0") or "0"
    return "%s0x1.%sp%+d%s" % (sign, digits, e, suffix)


def split(x, bits):
    hi = round_to(x, bits)
    lo = round_to(x - hi, bits)
    return hi, lo


def split_trailing_zeros(x, bits, zero_bits):
    """hi has only bits - zero_bits significant bits, so n * hi is exact for |n| < 2^zero_bits."""
    hi = round_to(x, bits - zero_bits)
    lo = round_to(x - hi, bits)
    return hi, lo


def poly_value(coeffs, t):
    """The polynomial with ascending coefficients `coeffs` at t (Horner, in mpmath precision)."""
    p = mp.mpf(0)
    for c in reversed(coeffs):
        p = p * t + c
    return p


def fit(f, lo, hi, degree, bits=None):
    """Chebyshev fit of f on [lo, hi]; returns ascending coefficients (rounded to `bits` when
    given) and the max error of that polynomial relative to max|f| on the interval."""
    poly, _ = mp.chebyfit(f, [lo, hi], degree + 1, error=True)
    coeffs = [c if bits is None else round_to(c, bits) for c in reversed(poly)]
    worst = mp.mpf(0)
    scale = max(abs(f(lo)), abs(f(hi)), abs(f((lo + hi) / 2)))
    for i in range(401):
        t = lo + (hi - lo) * i / 400
        worst = max(worst, abs(poly_value(coeffs, t) - f(t)) / scale)
    return coeffs, worst


def lowest_degree(f, lo, hi, degree, bound, search_bits=None):
    """The lowest degree from `degree` up whose fit (rounded to search_bits when given) has a
    relative error below `bound`."""
    while fit(f, lo, hi, degree, search_bits)[1] >= bound:
        degree += 1
    return degree


def fit_rounded(f, lo, hi, degree, bits):
    """Like fit(), for when rounding the coefficients to the type costs more than the fit itself:
    the constant term is kept as a hi + lo pair (its rounding is the error at s = 0, which no
    other coefficient can absorb), the others are rounded one at a time, lowest first, and the
    ones not yet rounded are refitted (least squares of the relative error on 8 (degree + 1)
    Chebyshev nodes) to absorb the rounding errors so far. Returns the coefficients (the first
    one unrounded, to be split) and the relative error."""
    n = 8 * (degree + 1)
    nodes = [(lo + hi) / 2 + (hi - lo) / 2 * mp.cos(mp.pi * (2 * i + 1) / (2 * n)) for i in range(n)]
    values = [f(x) for x in nodes]
    fixed = []
    for i in range(degree + 1):
        A = mp.matrix([[x ** k / v for k in range(i, degree + 1)] for x, v in zip(nodes, values)])
        b = mp.matrix([(v - sum(c * x ** j for j, c in enumerate(fixed))) / v for x, v in zip(nodes, values)])
        sol, _ = mp.qr_solve(A, b)
        fixed.append(round_to(sol[0], 2 * bits if i == 0 else bits))
    worst = mp.mpf(0)
    for i in range(2001):
        t = lo + (hi - lo) * i / 2000
        worst = max(worst, abs(poly_value(fixed, t) - f(t)) / abs(f(t)))
    return fixed, worst


def expm1_q(r):
    r = mp.mpf(r)
    if abs(r) < mp.mpf(10) ** -20:
        return mp.mpf(1) / 2 + r / 6 + r * r / 24
    return (mp.expm1(r) - r) / (r * r)


def mills(a):
    a = mp.mpf(a)
    return mp.sqrt(2 * mp.pi) * mp.exp(a * a / 2) * mp.ncdf(-a)


def mills_d1(a):
    return a * mills(a) - 1  # m' = a m - 1


def mills_d2(a):
    return mills(a) + a * mills_d1(a)


def mills_d3(a):
    return 2 * mills_d1(a) + a * mills_d2(a)


# Interval 0 is [0, 1/4]; then each octave [2^e, 2^(e+1)), e = -2..5, in eight equal parts, so the
# index is read off the exponent and the top three mantissa bits.
MILLS_FIRST = mp.mpf(0.25)
MILLS_SPLIT_BITS = 3
MILLS_INTERVALS = [(mp.mpf(0), MILLS_FIRST)] + [
    (mp.ldexp(1 + mp.mpf(j) / 2**MILLS_SPLIT_BITS, e), mp.ldexp(1 + mp.mpf(j + 1) / 2**MILLS_SPLIT_BITS, e))
    for e in range(-2, 6) for j in range(2**MILLS_SPLIT_BITS)
]


def mills_fit(c, lo, hi, degree, bits):
    """m(c + d) = c0 + c1 d + d Q(d): c0 = m(c) (split into hi + lo later), c1 = m'(c) rounded to the
    type, so c1 d is an exact product, and Q (degree - 1, Q(0) ~ the rounding of c1) fitted to the
    rest. Only d Q(d) ~ m''(c) d^2 / 2 is rounded in the kernel, so m - a keeps its accuracy where
    it cancels. Returns [c0, c1, q0, q1, ...] and the relative error."""
    c0 = mills(c)
    c1 = round_to(mills_d1(c), bits)

    def rest(d):
        if d == 0:
            return mills_d1(c) - c1
        return (mills(c + d) - c0 - c1 * d) / d

    poly, _ = mp.chebyfit(rest, [lo - c, hi - c], degree, error=True)
    q = list(reversed(poly))
    worst = mp.mpf(0)
    for i in range(201):
        d = lo - c + (hi - lo) * i / 200
        approx = c0 + c1 * d + d * poly_value(q, d)
        worst = max(worst, abs(approx - mills(c + d)) / mills(c + d))
    return [c0, c1] + q, worst


# Float's Mills ratio, both tiers: 16 pieces, the quarter octaves of u = a + 1 in [1, 16) (a <=
# gelu_x_max = 14.75), so that the piece is bits(u) >> 21 mod 16 and a lookup is one register
# permute. Double keeps the 64-row table and the fast tier's quotient form: its a reaches 39 (five
# octaves and more of u) and its precision asks twice the degree.
TABLE16_SPLIT_BITS = 2
TABLE16_A_MAX = mp.mpf(14.75)


def table16_pieces():
    """(row, lo, hi) of the 16 pieces of a; row = bits(a + 1) >> 21 mod 16."""
    pieces = []
    for e in range(4):
        for j in range(2**TABLE16_SPLIT_BITS):
            u_lo = mp.ldexp(1 + mp.mpf(j) / 2**TABLE16_SPLIT_BITS, e)
            u_hi = mp.ldexp(1 + mp.mpf(j + 1) / 2**TABLE16_SPLIT_BITS, e)
            # u = a + 1 is rounded: each piece is fitted a little beyond its ends.
            margin = (u_hi - u_lo) * mp.mpf(2) ** -10
            lo, hi = max(u_lo - 1 - margin, mp.mpf(0)), min(u_hi - 1 + margin, TABLE16_A_MAX)
            row = ((127 + e) * 2**TABLE16_SPLIT_BITS + j) % 16
            pieces.append((row, lo, hi))
    assert sorted(p[0] for p in pieces) == list(range(16))
    return pieces


def table16_fit(degree, target, bits):
    """mills_fit on every piece, from `degree` up until the worst relative error is below target.
    Returns the degree, the worst error and {row: (centre, [c0, c1, q0, ...])}."""
    while True:
        fitted, worst = {}, mp.mpf(0)
        for row, lo, hi in table16_pieces():
            # The first piece is centred at 0, so that d = a is exact there; elsewhere a is within
            # a factor 2 of the centre and d = a - centre is exact too.
            c = mp.mpf(0) if lo == 0 else round_to((lo + hi) / 2, bits)
            coeffs, err = mills_fit(c, lo, hi, degree, bits)
            worst = max(worst, err)
            fitted[row] = (c, coeffs)
        if worst < target:
            return degree, worst, fitted
        degree += 1


def emit_table16(name, lit, array, count, degree, worst, describe, columns, table):
    """The lines of a 16-row table by column: `describe` (comment lines, the last one ending
    before the error), the column names, the polynomial's count constant and the array."""
    out = ["  // " + line for line in describe]
    out[-1] += "; rel. error 2^%.1f. By column:" % float(mp.log(worst, 2))
    out.append("  // %s." % ", ".join(columns))
    out.append("  static constexpr int %s = %d;" % (count, degree))
    out.append("  static constexpr %s %s[%d][16] = {" % (name, array, len(columns)))
    for k in range(len(columns)):
        out.append("      {" + ", ".join(lit(row[k]) for row in table) + "},")
    out.append("  };")
    return out


def mills_table16(name, bits, target, lit, log):
    """The accurate tier's: m = (c0_hi + c0_lo) + c1 d + d Q(d), c1 d exact (see mills_fit)."""
    degree, worst, fitted = table16_fit(6, target, bits)
    log.append("%s: Mills ratio on 16 quarter octaves of a + 1, degree %d: rel. error 2^%.1f"
               % (name, degree, float(mp.log(worst, 2))))
    table = []
    for row in range(16):
        c, coeffs = fitted[row]
        c0h, c0l = split(coeffs[0], bits)
        table.append([c, c0h, c0l, coeffs[1]] + [round_to(x, bits) for x in coeffs[2:]])
    describe = ["Mills ratio m(a) = sqrt(2 pi) e^{a^2/2} Phi(-a) on the 16 quarter octaves of u = a + 1,",
                "0 <= a <= 14.75, the piece's row bits(u) >> 21 mod 16; m = c0 + c1 d + d Q(d), d = a - centre,",
                "c1 exact in the type, Q of degree %d" % (degree - 1)]
    columns = ["centre", "c0_hi", "c0_lo", "c1"] + ["q%d" % i for i in range(degree)]
    return emit_table16(name, lit, "mills_table", "mills_q_count", degree, worst, describe, columns, table)


def fast_mills_table(name, bits, target, lit, log):
    """The fast tier's: k m = c0 + d P(d) with k = 1/sqrt(2 pi) (the kernel's next factor, taken
    here without a rounding); gelu' takes k (m - a) = (c0 - k centre) + d (P(d) - k) from the same
    P but its constant term."""
    degree, worst, fitted = table16_fit(5, target, bits)
    log.append("%s fast: Mills ratio on 16 quarter octaves of a + 1, degree %d: rel. error 2^%.1f"
               % (name, degree, float(mp.log(worst, 2))))
    k = 1 / mp.sqrt(2 * mp.pi)
    table = []
    for row in range(16):
        c, coeffs = fitted[row]
        # mills_fit's form m = c0 + c1 d + d Q(d) is c0 + d P(d) with P = Q + c1.
        c0, p = coeffs[0] * k, [(coeffs[1] + coeffs[2]) * k] + [x * k for x in coeffs[3:]]
        table.append([c, round_to(c0, bits)] + [round_to(x, bits) for x in p] +
                     [round_to(c0 - c * k, bits), round_to(p[0] - k, bits)])
    describe = ["Fast tier: the Mills ratio on the 16 quarter octaves of u = a + 1, 0 <= a <= 14.75, the piece's",
                "row bits(u) >> 21 mod 16; with k = 1/sqrt(2 pi), d = a - centre: k m = c0 + d P(d),",
                "k (m - a) = (c0 - k centre) + d (P(d) - k); P of degree %d" % (degree - 1)]
    columns = ["centre", "c0"] + ["p%d" % i for i in range(degree)] + ["c0 - k centre", "p0 - k"]
    return emit_table16(name, lit, "fast_mills_table", "fast_mills_table_p_count", degree, worst, describe,
                        columns, table)


def emit_type(name, bits, target, sfx, log):
    out = []
    lit = lambda v: hexf(v, sfx)
    out.append("template <>\nstruct coefficients<%s> {" % name)
    # exp / expm1 reduction.
    zero_bits = 12 if bits == 53 else 9
    ln2_hi, ln2_lo = split_trailing_zeros(mp.log(2), bits, zero_bits)
    out.append("  // ln 2 = ln2_hi + ln2_lo; ln2_hi has %d trailing zero bits so n * ln2_hi is exact." % zero_bits)
    out.append("  static constexpr %s ln2_hi = %s;" % (name, lit(ln2_hi)))
    out.append("  static constexpr %s ln2_lo = %s;" % (name, lit(ln2_lo)))
    out.append("  static constexpr %s log2e = %s;" % (name, lit(round_to(1 / mp.log(2), bits))))
    rmax = mp.log(2) / 2 * (1 + mp.mpf(2) ** -10)
    degree = lowest_degree(expm1_q, -rmax, rmax, 4, target)
    # q only contributes r^2 q <= 0.07 of e^r - 1 + 1, so rounding its coefficients to the type
    # costs at most 2^-4 of the type's unit roundoff.
    coeffs, err = fit(expm1_q, -rmax, rmax, degree, bits)
    log.append("%s: expm1 q(r) degree %d on |r| <= %s: rel. error 2^%.1f" % (name, degree, mp.nstr(rmax, 8), float(mp.log(err, 2))))
    out.append("  // (e^r - 1 - r) / r^2 on |r| <= ln2/2 (+2^-10), ascending; rel. error 2^%.1f." % float(mp.log(err, 2)))
    out.append("  static constexpr %s expm1_q[%d] = {%s};" % (name, len(coeffs), ", ".join(lit(c) for c in coeffs)))
    # Constants of the Gaussian and of the tanh approximation of GELU.
    pairs = [
        ("inv_sqrt_2pi", 1 / mp.sqrt(2 * mp.pi), "1/sqrt(2 pi)"),
        ("two_sqrt_2_over_pi", 2 * mp.sqrt(2 / mp.pi), "2 sqrt(2/pi), the GELU-tanh slope of 2u"),
        ("gelu_tanh_a", mp.mpf("0.044715"), "0.044715, the GELU-tanh cubic coefficient"),
        ("gelu_tanh_3a", 3 * mp.mpf("0.044715"), "3 * 0.044715"),
    ]
    for nm, v, what in pairs:
        hi, lo = split(v, bits)
        out.append("  // %s = %s_hi + %s_lo" % (what, nm, nm))
        out.append("  static constexpr %s %s_hi = %s;" % (name, nm, lit(hi)))
        out.append("  static constexpr %s %s_lo = %s;" % (name, nm, lit(lo)))
    # Mills ratio table.
    if name == "float":
        out += mills_table16(name, bits, target, lit, log)
    else:
        degree = 6
        while True:
            rows, worst = [], mp.mpf(0)
            for lo_, hi_ in MILLS_INTERVALS:
                c = mp.mpf(0) if lo_ == 0 else round_to((lo_ + hi_) / 2, bits)
                coeffs, err = mills_fit(c, lo_, hi_, degree, bits)
                worst = max(worst, err)
                rows.append((c, coeffs))
            if worst < target:
                break
            degree += 1
        log.append("%s: Mills ratio degree %d on %d intervals: rel. error 2^%.1f" % (name, degree, len(rows), float(mp.log(worst, 2))))
        width = 16  # rows padded to a power of two: the row offset is a shift
        assert degree + 4 <= width
        out.append("  // Mills ratio m(a) = sqrt(2 pi) e^{a^2/2} Phi(-a) on interval i: [0, 1/4] for i = 0, else the")
        out.append("  // ((i-1) mod 8)-th eighth of octave [2^e, 2^(e+1)), e = (i-1)/8 - 2; c1 is exact in the type;")
        out.append("  // row = {centre, c0_hi, c0_lo, c1, q0, ..., q%d}: m = c0 + c1 d + d (q0 + q1 d + ...), d = a - centre;" % (degree - 1))
        out.append("  // rel. error 2^%.1f." % float(mp.log(worst, 2)))
        out.append("  static constexpr int mills_q_count = %d;" % degree)
        out.append("  static constexpr int mills_split_bits = %d;  // mantissa bits that pick the interval" % MILLS_SPLIT_BITS)
        out.append("  static constexpr int mills_row_log2 = 4;  // 16 entries a row, zero-padded")
        out.append("  static constexpr int mills_intervals = %d;" % len(rows))
        out.append("  static constexpr %s mills_table[%d] = {" % (name, width * len(rows)))
        for c, coeffs in rows:
            c0h, c0l = split(coeffs[0], bits)
            vals = [c, c0h, c0l, coeffs[1]] + [round_to(x, bits) for x in coeffs[2:]]
            vals += [mp.mpf(0)] * (width - len(vals))
            out.append("      " + ", ".join(lit(v) for v in vals) + ",")
        out.append("  };")
    # Fast tier.
    ftarget, K, amax = FAST[name]
    degree = lowest_degree(expm1_q, -rmax, rmax, 3, ftarget * 4)  # q is at most 0.07 of e^r
    coeffs, err = fit(expm1_q, -rmax, rmax, degree, bits)
    log.append("%s fast: expm1 q(r) degree %d: rel. error 2^%.1f" % (name, degree, float(mp.log(err, 2))))
    out.append("  // Fast tier: (e^r - 1 - r) / r^2, lower degree; rel. error 2^%.1f." % float(mp.log(err, 2)))
    out.append("  static constexpr %s fast_expm1_q[%d] = {%s};" % (name, len(coeffs), ", ".join(lit(c) for c in coeffs)))
    # The short q of the fast kernels with room in their bound (all but swish' and gelu_tanh',
    # within 0.04 ULP of it): q's relative error d below 2^-(bits - 2). It moves e^r by at most
    # 0.14 ULP (r^2 q <= 0.07 e^r), and e^r - 1 = r + r^2 q, which tanh uses as it is where
    # n = 0, by a relative r q d <= 0.18 d: at most 0.35 ULP.
    degree = lowest_degree(expm1_q, -rmax, rmax, 3, mp.mpf(2) ** -(bits - 2), bits)
    coeffs, err = fit(expm1_q, -rmax, rmax, degree, bits)
    log.append("%s fast: short expm1 q(r) degree %d: rel. error 2^%.1f" % (name, degree, float(mp.log(err, 2))))
    out.append("  // Fast tier, short: the same q, one degree or more lower; rel. error 2^%.1f." % float(mp.log(err, 2)))
    out.append("  static constexpr %s fast_expm1_q_short[%d] = {%s};" % (name, len(coeffs), ", ".join(lit(c) for c in coeffs)))
    if name == "float":
        out += fast_mills_table(name, bits, ftarget * 8, lit, log)  # ~2^-26: a quarter ULP of m
        out.append("};")
        return "\n".join(out)
    # P is evaluated in s = 2t - 1 in [2 tmin - 1, 1], where its monomial coefficients are small
    # (in t itself they alternate in the hundreds and cancel in rounding). 2t - 1 is exact for
    # t >= 1/4 (a <= 3K), which covers the root of gelu' (a ~ 0.75), where m(a) - a cancels:
    # a rounded s would cost ~1 ULP there (a scaled s in [-1, 1] did).
    tmin = mp.mpf(K) / (K + amax)
    alpha = mp.mpf(2)
    beta = mp.mpf(-1)
    g = lambda s_: (lambda t: mills(K / t - K) / t)((s_ - beta) / alpha)
    lo_s, hi_s = alpha * tmin + beta, alpha + beta
    # The degree is chosen on the exact fit; rounding to the type adds ~u.
    degree = lowest_degree(g, lo_s, hi_s, 6, ftarget)
    coeffs, err = fit_rounded(g, lo_s, hi_s, degree, bits)
    p0_hi, p0_lo = split(coeffs[0], bits)
    coeffs[0] = p0_hi
    log.append("%s fast: Mills ratio m(a) = t P(s), t = %d/(%d + a), a <= %d: degree %d, rel. error 2^%.1f" % (name, K, K, amax, degree, float(mp.log(err, 2))))
    out.append("  // Fast tier: Mills ratio m(a) = t P(s), t = K/(K + a), s = alpha t + beta = 2t - 1, 0 <= a <= %d;" % amax)
    out.append("  // rel. error 2^%.1f (largest coefficient %s)." % (float(mp.log(err, 2)), mp.nstr(max(abs(c) for c in coeffs), 3)))
    out.append("  static constexpr %s fast_mills_k = %s;" % (name, lit(K)))
    out.append("  static constexpr %s fast_mills_alpha = %s;" % (name, lit(alpha)))
    out.append("  static constexpr %s fast_mills_beta = %s;" % (name, lit(beta)))
    out.append("  static constexpr %s fast_mills_p[%d] = {%s};" % (name, len(coeffs), ", ".join(lit(c) for c in coeffs)))
    out.append("  static constexpr %s fast_mills_p0_lo = %s;  // p0 = fast_mills_p[0] + this" % (name, lit(p0_lo)))
    out.append("};")
    return "\n".join(out)


def main():
    log = []
    parts = [emit_type(n, b, t, s, log) for n, (b, t, s) in TYPES.items()]
    text = """#ifndef ACTFN_DETAIL_COEFFICIENTS_HPP
#define ACTFN_DETAIL_COEFFICIENTS_HPP
// GENERATED by scripts/gen_coefficients.py -- do not edit by hand.
// %s

namespace actfn {
namespace detail {

template <class T>
struct coefficients;

%s

}  // namespace detail
}  // namespace actfn

#endif
""" % ("\n// ".join(log), "\n\n".join(parts))
    with open(OUT, "w") as f:
        f.write(text)
    print("\n".join(log))
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
