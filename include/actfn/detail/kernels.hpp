#ifndef ACTFN_DETAIL_KERNELS_HPP
#define ACTFN_DETAIL_KERNELS_HPP
// The activation kernels, written once over the primitive vocabulary of scalar_ops.hpp (and of
// each SIMD backend). V is float, double, or a batch of them; T is its scalar type.
//
// Accuracy plan (<= 1 ULP everywhere, tails included): every transcendental quantity is carried as
// an unevaluated sum hi + lo (a "dd") until the single final rounding, so the only error of size
// 1/2 ULP is that last rounding; everything before it contributes a few hundredths of an ULP.
// Tails never lose relative accuracy: exponentials are taken of -|x| (never overflow), the
// complements 1 - s are formed as s(-x) rather than by subtraction, and GELU goes through the Mills
// ratio (Phi(-a) = phi(a) m(a)) instead of 1 + erf.
//
// Flag independence: products that feed an addition pass through opaque() or are written as an
// explicit fma, so no compiler flag can fuse or reassociate them; NaN/inf tests look at bits.
#include "coefficients.hpp"
#include "config.hpp"
#include "scalar_ops.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {

// Per-type ranges. All exponentials the kernels take have arguments in [exp_arg_min, 0]; results
// are scaled by 2^(n + scale_bias) (normal for every n that occurs) and then by 2^-scale_bias,
// so a subnormal result is rounded exactly once.
template <class T>
struct ranges;
template <>
struct ranges<float> {
  // Below -120 every result is < 2^-150 (also x * sigmoid(beta x) for beta >= 2^-10).
  static constexpr float exp_arg_min = -120.0f;
  static constexpr int scale_bias = 50;
  static constexpr float two_pow_minus_bias = 0x1p-50f;
  static constexpr float magic = 0x1.8p23f;  // adding it rounds to an integer in the low bits
  static constexpr float tanh_x_max = 10.0f;  // tanh rounds to 1 from 0x1.205968p+3
  static constexpr float gelu_x_max = 15.0f;  // |gelu|, |gelu'| < 2^-150 beyond -14.7
  static constexpr float gelu_tanh_x_max = 100.0f;
};
template <>
struct ranges<double> {
  static constexpr double exp_arg_min = -800.0;
  static constexpr int scale_bias = 140;
  static constexpr double two_pow_minus_bias = 0x1p-140;
  static constexpr double magic = 0x1.8p52;
  static constexpr double tanh_x_max = 20.0;
  static constexpr double gelu_x_max = 39.0;  // |gelu|, |gelu'| < 2^-1075 beyond -38.7
  static constexpr double gelu_tanh_x_max = 100.0;
};

// ---------------------------------------------------------------------------------------------
// Bit-level helpers (exact; immune to -ffinite-math-only).

template <class V>
ACTFN_INLINE bits_t<V> sign_mask() noexcept {
  return bits_t<V>(bits_t<V>(1) << (sizeof(scalar_t<V>) * 8 - 1));
}
template <class V>
ACTFN_INLINE bits_t<V> exponent_mask() noexcept {
  return bits_t<V>(~sign_mask<V>() & ~((bits_t<V>(1) << value_traits<V>::mantissa_bits) - 1));
}
template <class V>
ACTFN_INLINE V abs(V x) noexcept { return from_bits<V>(to_bits(x) & ~sign_mask<V>()); }
template <class V>
ACTFN_INLINE auto is_nan(V x) noexcept { return (to_bits(x) & ~sign_mask<V>()) > exponent_mask<V>(); }
template <class V>
ACTFN_INLINE auto is_inf(V x) noexcept { return (to_bits(x) & ~sign_mask<V>()) == exponent_mask<V>(); }
// |magnitude| with the sign of `sign`.
template <class V>
ACTFN_INLINE V copysign(V magnitude, V sign) noexcept {
  return from_bits<V>((to_bits(magnitude) & ~sign_mask<V>()) | (to_bits(sign) & sign_mask<V>()));
}
template <class V>
ACTFN_INLINE auto sign_set(V x) noexcept { return (to_bits(x) & sign_mask<V>()) != bits_t<V>(0); }

template <class V>
using mask_t = decltype(V() < V());

template <class V>
ACTFN_INLINE V mul(V a, V b) noexcept { return opaque(a * b); }

// 2^(n + offset), where k = n + magic was produced by round_to_int(); n + offset + bias must be a
// valid biased exponent. The low bits of magic are zero, so the shift drops magic entirely.
template <int offset, class V>
ACTFN_INLINE V pow2_from_rounded(V k) noexcept {
  using B = bits_t<V>;
  constexpr int bias = value_traits<V>::exponent_bias;
  return from_bits<V>(B((to_bits(k) + B(bias + offset)) << value_traits<V>::mantissa_bits));
}

// ---------------------------------------------------------------------------------------------
// Double-word arithmetic: a value is hi + lo, |lo| <= ~2 ulp(hi).

template <class V>
struct dd {
  V hi, lo;
};

// Exact when |a| >= |b| or a == 0 (Dekker).
template <class V>
ACTFN_INLINE dd<V> fast_two_sum(V a, V b) noexcept {
  V s = opaque(a + b);
  return {s, opaque(a - s) + b};
}
// Exact for any a, b (Knuth).
template <class V>
ACTFN_INLINE dd<V> two_sum(V a, V b) noexcept {
  V s = opaque(a + b);
  V bb = opaque(s - a);
  return {s, opaque(a - opaque(s - bb)) + opaque(b - bb)};
}
template <class V>
ACTFN_INLINE dd<V> two_prod(V a, V b) noexcept {
  V p = mul(a, b);
  return {p, fma(a, b, -p)};
}
// (a.hi + a.lo)(b.hi + b.lo) to ~3 u^2 relative; the lo*lo term is below that.
template <class V>
ACTFN_INLINE dd<V> mul_dd(dd<V> a, dd<V> b) noexcept {
  V p = mul(a.hi, b.hi);
  V e = fma(a.hi, b.hi, -p);
  e = fma(a.hi, b.lo, e);
  e = fma(a.lo, b.hi, e);
  return {p, e};
}
template <class V>
ACTFN_INLINE dd<V> mul_dd(dd<V> a, V hi, V lo) noexcept { return mul_dd(a, dd<V>{hi, lo}); }
template <class V>
ACTFN_INLINE V round_dd(dd<V> a) noexcept { return a.hi + a.lo; }

// Quotient of two dd values with one division: q0 = n/d to ~1.5 ulp through the reciprocal,
// then one Newton correction with the exact residual brings it to ~u^2.
template <class V>
struct quotient {
  V q0, residual, reciprocal;
  ACTFN_INLINE dd<V> as_dd() const noexcept { return {q0, mul(residual, reciprocal)}; }
  ACTFN_INLINE V rounded() const noexcept { return fma(residual, reciprocal, q0); }
};
template <class V>
ACTFN_INLINE quotient<V> divide(dd<V> n, dd<V> d, V reciprocal) noexcept {
  V q0 = mul(n.hi, reciprocal);
  V r = fma(-q0, d.hi, n.hi);
  r = fma(-q0, d.lo, r + n.lo);
  return {q0, r, reciprocal};
}

// Horner over an ascending coefficient array.
template <class V, class T, int N>
ACTFN_INLINE V horner(V x, const T (&c)[N]) noexcept {
  V p = splat<V>(c[N - 1]);
  for (int i = N - 2; i >= 0; --i) p = fma(p, x, splat<V>(c[i]));
  return p;
}

template <class V>
ACTFN_INLINE V clamp_below(V x, scalar_t<V> lo) noexcept { return select(x < splat<V>(lo), splat<V>(lo), x); }
template <class V>
ACTFN_INLINE V clamp_above(V x, scalar_t<V> hi) noexcept { return select(x > splat<V>(hi), splat<V>(hi), x); }

// ---------------------------------------------------------------------------------------------
// Exponential core: e^(z.hi + z.lo) = 2^n (1 + t), |t| <= 0.42, t as a dd to ~2^-4 u.
// Argument in [exp_arg_min, 0]. Returns k = n + magic for pow2_from_rounded.

template <class V>
struct exp_parts {
  V k;      // n + magic
  dd<V> t;  // e^r - 1
};

template <class V>
ACTFN_INLINE exp_parts<V> exp_core(dd<V> z) noexcept {
  using T = scalar_t<V>;
  using C = coefficients<T>;
  const V magic = splat<V>(ranges<T>::magic);
  V k = fma(z.hi, splat<V>(C::log2e), magic);
  V n = k - magic;
  // Cody-Waite: n * ln2_hi is exact (ln2_hi has trailing zeros), so r_hi is exact.
  V r_hi = fma(-n, splat<V>(C::ln2_hi), z.hi);
  V r_lo = fma(-n, splat<V>(C::ln2_lo), z.lo);
  V r = r_hi + r_lo;
  V dr = opaque(r_hi - r) + r_lo;
  // e^(r + dr) - 1 = r + r^2 q(r) + dr (1 + r) + O(dr^2).
  V p = mul(mul(r, r), horner(r, C::expm1_q));
  dd<V> s = fast_two_sum(r, p);
  return {k, {s.hi, s.lo + fma(dr, r, dr)}};
}

// 1 + t as a normalised dd (|t| < 1).
template <class V>
ACTFN_INLINE dd<V> one_plus(dd<V> t) noexcept {
  dd<V> s = fast_two_sum(splat<V>(1), t.hi);
  return {s.hi, s.lo + t.lo};
}

// x * 2^(n + bias) * 2^-bias, rounding once even when the result is subnormal.
template <class V>
ACTFN_INLINE V scale_down(V x, V pow2_n_plus_bias) noexcept {
  return mul(mul(x, pow2_n_plus_bias), splat<V>(ranges<scalar_t<V>>::two_pow_minus_bias));
}

// ---------------------------------------------------------------------------------------------
// The logistic function at v (a dd, |v.hi| <= -exp_arg_min): with z = -|v| and e = e^z,
//   s(|v|)  = 1 / (1 + e)        -> `positive`
//   s(-|v|) = e / (1 + e) = 2^n * `negative_unscaled`
// Both share one reciprocal of 1 + e.

template <class V>
struct logistic_parts {
  quotient<V> positive;
  quotient<V> negative_unscaled;
  V pow2_n_bias;  // 2^(n + scale_bias)
};

template <class V>
ACTFN_INLINE dd<V> negate_if(dd<V> v, mask_t<V> m) noexcept {
  return {select(m, -v.hi, v.hi), select(m, -v.lo, v.lo)};
}

template <class V>
ACTFN_INLINE logistic_parts<V> logistic(dd<V> v) noexcept {
  using T = scalar_t<V>;
  dd<V> z = negate_if(v, v.hi > splat<V>(0));  // z = -|v|
  exp_parts<V> ep = exp_core(z);
  V p2 = pow2_from_rounded<ranges<T>::scale_bias>(ep.k);
  dd<V> eu = one_plus(ep.t);
  dd<V> e{scale_down(eu.hi, p2), scale_down(eu.lo, p2)};
  dd<V> d = fast_two_sum(splat<V>(1), e.hi);
  d.lo = d.lo + e.lo;
  V rec = splat<V>(1) / d.hi;
  return {divide(dd<V>{splat<V>(1), splat<V>(0)}, d, rec), divide(eu, d, rec), p2};
}

// Clamp a dd argument of the logistic into [exp_arg_min, -exp_arg_min] (lo dropped there: the
// result is saturated). Returns the clamped dd and whether it was clamped (or NaN).
template <class V>
ACTFN_INLINE dd<V> clamp_logistic_arg(dd<V> v, mask_t<V>& clamped) noexcept {
  using T = scalar_t<V>;
  const V lim = splat<V>(-ranges<T>::exp_arg_min);
  clamped = !(abs(v.hi) <= lim);
  return {select(clamped, copysign(lim, v.hi), v.hi), select(clamped, splat<V>(0), v.lo)};
}

// x * s(v), for x finite and |v| not clamped.
template <class V>
ACTFN_INLINE V times_logistic(V x, const logistic_parts<V>& lp, mask_t<V> v_negative) noexcept {
  dd<V> pos = lp.positive.as_dd();
  dd<V> neg = lp.negative_unscaled.as_dd();
  V r_pos = fma(x, pos.hi, mul(x, pos.lo));
  V r_neg = scale_down(fma(x, neg.hi, mul(x, neg.lo)), lp.pow2_n_bias);
  return select(v_negative, r_neg, r_pos);
}

// s(v) (1 + w (1 - s(v))) = s(v) + w s(v) s(-v): the derivative of x s(v(x)) with w = x v'(x).
template <class V>
ACTFN_INLINE V logistic_bracket(const logistic_parts<V>& lp, mask_t<V> v_negative, dd<V> w) noexcept {
  dd<V> pos = lp.positive.as_dd();
  dd<V> neg = lp.negative_unscaled.as_dd();
  dd<V> neg_scaled{scale_down(neg.hi, lp.pow2_n_bias), scale_down(neg.lo, lp.pow2_n_bias)};
  dd<V> s{select(v_negative, neg.hi, pos.hi), select(v_negative, neg.lo, pos.lo)};
  dd<V> c{select(v_negative, pos.hi, neg_scaled.hi), select(v_negative, pos.lo, neg_scaled.lo)};
  dd<V> wc = mul_dd(w, c);
  dd<V> bracket = two_sum(splat<V>(1), wc.hi);
  bracket.lo = bracket.lo + wc.lo;
  dd<V> r = mul_dd(s, bracket);
  V rounded = round_dd(r);
  return select(v_negative, scale_down(rounded, lp.pow2_n_bias), rounded);
}

// Forward limit at x = +-inf or |v| clamped: x * s(v) with s(v) in {0, 1} (or 1/2 for v = 0).
template <class V>
ACTFN_INLINE V saturated_product(V x, const logistic_parts<V>& lp, mask_t<V> v_negative) noexcept {
  V s = select(v_negative, scale_down(lp.negative_unscaled.rounded(), lp.pow2_n_bias), lp.positive.rounded());
  return select(s == splat<V>(0), copysign(splat<V>(0), x), mul(x, s));
}

// ---------------------------------------------------------------------------------------------
// Activations.

template <class V>
ACTFN_INLINE V sigmoid_kernel(V x) noexcept {
  using T = scalar_t<V>;
  V xc = select(abs(x) > splat<V>(-ranges<T>::exp_arg_min), copysign(splat<V>(-ranges<T>::exp_arg_min), x), x);
  logistic_parts<V> lp = logistic(dd<V>{xc, splat<V>(0)});
  auto negative = xc < splat<V>(0);
  V r = select(negative, scale_down(lp.negative_unscaled.rounded(), lp.pow2_n_bias), lp.positive.rounded());
  return select(is_nan(x), x, r);
}

// 2^extra * e / (1 + e)^2 with e = e^(-|y|): sigmoid' at y (extra = 0), and tanh' = 4 sigmoid'(2x).
template <int extra, class V>
ACTFN_INLINE V sigmoid_derivative_scaled(V y) noexcept {
  using T = scalar_t<V>;
  V z = clamp_below(-abs(y), ranges<T>::exp_arg_min);
  exp_parts<V> ep = exp_core(dd<V>{z, splat<V>(0)});
  V p2 = pow2_from_rounded<ranges<T>::scale_bias + extra>(ep.k);
  dd<V> eu = one_plus(ep.t);
  // 1 + e, with e = 2^n eu (scaled down exactly or harmlessly below 2^-60).
  V p2_plain = pow2_from_rounded<ranges<T>::scale_bias>(ep.k);
  dd<V> d = fast_two_sum(splat<V>(1), scale_down(eu.hi, p2_plain));
  d.lo = d.lo + scale_down(eu.lo, p2_plain);
  dd<V> d2 = mul_dd(d, d);
  V r = scale_down(divide(eu, d2, splat<V>(1) / d2.hi).rounded(), p2);
  return select(is_nan(y), y, r);
}

template <class V>
ACTFN_INLINE V sigmoid_derivative_kernel(V x) noexcept { return sigmoid_derivative_scaled<0>(x); }

template <class V>
ACTFN_INLINE V tanh_kernel(V x) noexcept {
  using T = scalar_t<V>;
  // tanh|x| = -m / (2 + m) with m = e^(-2|x|) - 1, both as dd.
  V y = -mul(splat<V>(2), clamp_above(abs(x), ranges<T>::tanh_x_max));
  exp_parts<V> ep = exp_core(dd<V>{y, splat<V>(0)});
  V p2 = pow2_from_rounded<0>(ep.k);  // n >= -30 (float) / -58 (double): normal
  // m = (2^n - 1) + 2^n t; 2^n - 1 itself is inexact once n < -mantissa bits.
  dd<V> base = two_sum(p2, splat<V>(-1));
  dd<V> m = fast_two_sum(base.hi, mul(p2, ep.t.hi));
  m.lo = fma(p2, ep.t.lo, m.lo + base.lo);
  dd<V> d = fast_two_sum(splat<V>(2), m.hi);
  d.lo = d.lo + m.lo;
  V r = divide(dd<V>{-m.hi, -m.lo}, d, splat<V>(1) / d.hi).rounded();
  return select(is_nan(x), x, copysign(r, x));
}

template <class V>
ACTFN_INLINE V tanh_derivative_kernel(V x) noexcept {
  // 1 - tanh^2 x = 4 sigmoid'(2x); doubling is exact (and harmless past the clamp).
  return sigmoid_derivative_scaled<2>(mul(splat<V>(2), x));
}

template <class V>
ACTFN_INLINE V relu_kernel(V x) noexcept {
  V r = select(x > splat<V>(0), x, splat<V>(0));
  return select(is_nan(x), x, r);
}
template <class V>
ACTFN_INLINE V relu_derivative_kernel(V x) noexcept {
  V r = select(x > splat<V>(0), splat<V>(1), splat<V>(0));
  return select(is_nan(x), x, r);
}

template <class V>
ACTFN_INLINE V leaky_relu_kernel(V x, V alpha) noexcept {
  // alpha * x, except that 0 * inf is taken as its limit, a zero with the product's sign.
  V scaled = mul(alpha, x);
  V zero_alpha = from_bits<V>((to_bits(x) ^ to_bits(alpha)) & sign_mask<V>());
  scaled = select(alpha == splat<V>(0), zero_alpha, scaled);
  V r = select(x > splat<V>(0), x, scaled);
  return select(is_nan(x), x, r);
}
template <class V>
ACTFN_INLINE V leaky_relu_derivative_kernel(V x, V alpha) noexcept {
  V r = select(x > splat<V>(0), splat<V>(1), alpha);
  return select(is_nan(x), x, r);
}

// beta * x exactly, as a dd; beta = 0 gives exactly 0 (the product would be NaN at x = inf).
template <class V>
ACTFN_INLINE dd<V> swish_argument(V x, V beta) noexcept {
  dd<V> y = two_prod(beta, x);
  auto zero = beta == splat<V>(0);
  return {select(zero, splat<V>(0), y.hi), select(zero, splat<V>(0), y.lo)};
}

template <class V>
ACTFN_INLINE V swish_kernel(V x, V beta) noexcept {
  mask_t<V> clamped{};
  dd<V> y = clamp_logistic_arg(swish_argument(x, beta), clamped);
  logistic_parts<V> lp = logistic(y);
  auto negative = y.hi < splat<V>(0);
  V r = select(clamped, saturated_product(x, lp, negative), times_logistic(x, lp, negative));
  return select(is_nan(x + beta), x + beta, r);  // NaN x or beta (beta is finite)
}

template <class V>
ACTFN_INLINE V swish_derivative_kernel(V x, V beta) noexcept {
  mask_t<V> clamped{};
  dd<V> y = clamp_logistic_arg(swish_argument(x, beta), clamped);
  logistic_parts<V> lp = logistic(y);
  V r = logistic_bracket(lp, y.hi < splat<V>(0), y);
  return select(is_nan(x + beta), x + beta, r);  // NaN x or beta (beta is finite)
}

// GELU, tanh form: 0.5 x (1 + tanh u) = x s(2u), 2u = 2 sqrt(2/pi) x (1 + a x^2).
// `cubic` selects the coefficient: a for 2u itself, 3a for x d(2u)/dx = 2 sqrt(2/pi) x (1 + 3a x^2).
template <class V>
ACTFN_INLINE dd<V> gelu_tanh_term(V xc, dd<V> x2, scalar_t<V> c_hi, scalar_t<V> c_lo) noexcept {
  using C = coefficients<scalar_t<V>>;
  V p = mul(splat<V>(c_hi), x2.hi);
  V pe = fma(splat<V>(c_hi), x2.hi, -p);
  pe = fma(splat<V>(c_hi), x2.lo, pe);
  pe = fma(splat<V>(c_lo), x2.hi, pe);
  dd<V> g = two_sum(splat<V>(1), p);
  g.lo = g.lo + pe;
  dd<V> h = two_prod(xc, g.hi);
  h.lo = fma(xc, g.lo, h.lo);
  return mul_dd(h, splat<V>(C::two_sqrt_2_over_pi_hi), splat<V>(C::two_sqrt_2_over_pi_lo));
}

template <class V>
ACTFN_INLINE V gelu_tanh_kernel(V x) noexcept {
  using T = scalar_t<V>;
  using C = coefficients<T>;
  V xc = select(abs(x) > splat<V>(ranges<T>::gelu_tanh_x_max), copysign(splat<V>(ranges<T>::gelu_tanh_x_max), x), x);
  dd<V> x2 = two_prod(xc, xc);
  mask_t<V> clamped{};
  dd<V> v = clamp_logistic_arg(gelu_tanh_term(xc, x2, C::gelu_tanh_a_hi, C::gelu_tanh_a_lo), clamped);
  logistic_parts<V> lp = logistic(v);
  auto negative = v.hi < splat<V>(0);
  V r = select(clamped, saturated_product(x, lp, negative), times_logistic(x, lp, negative));
  return select(is_nan(x), x, r);
}

template <class V>
ACTFN_INLINE V gelu_tanh_derivative_kernel(V x) noexcept {
  using T = scalar_t<V>;
  using C = coefficients<T>;
  V xc = select(abs(x) > splat<V>(ranges<T>::gelu_tanh_x_max), copysign(splat<V>(ranges<T>::gelu_tanh_x_max), x), x);
  dd<V> x2 = two_prod(xc, xc);
  mask_t<V> clamped{};
  dd<V> v = clamp_logistic_arg(gelu_tanh_term(xc, x2, C::gelu_tanh_a_hi, C::gelu_tanh_a_lo), clamped);
  dd<V> w = gelu_tanh_term(xc, x2, C::gelu_tanh_3a_hi, C::gelu_tanh_3a_lo);
  logistic_parts<V> lp = logistic(v);
  V r = logistic_bracket(lp, v.hi < splat<V>(0), w);
  return select(is_nan(x), x, r);
}

// Mills ratio m(a) = sqrt(2 pi) e^(a^2/2) Phi(-a) for 0 <= a < 64, as a dd: piecewise polynomial;
// interval 0 = [0, 1/4], then each eighth of an octave, found from the exponent and top mantissa bits.
template <class V>
ACTFN_INLINE dd<V> mills_ratio(V a) noexcept {
  using T = scalar_t<V>;
  using B = bits_t<V>;
  using C = coefficients<T>;
  constexpr int shift = value_traits<V>::mantissa_bits - C::mills_split_bits;
  const B first_key = B(to_bits(T(0.25)) >> shift);
  auto below_first = a < splat<V>(T(0.25));
  B key = B(to_bits(a) >> shift);
  B row = select(below_first, B(0), B((key - first_key + B(1)) << C::mills_row_log2));
  const T* t = C::mills_table;
  V centre = gather(t, row);
  V delta = a - centre;  // exact: a is within a factor 2 of centre, or centre is 0
  // m = c0 + c1 delta + delta q(delta): c1 delta is exact, only delta q(delta) (~ m'' delta^2/2)
  // is rounded, so m - a (gelu') keeps its accuracy where it cancels.
  V q = gather(t + 4 + (C::mills_q_count - 1), row);
  for (int i = C::mills_q_count - 2; i >= 0; --i) q = fma(q, delta, gather(t + 4 + i, row));
  dd<V> linear = two_prod(gather(t + 3, row), delta);
  dd<V> m = two_sum(gather(t + 1, row), linear.hi);
  m.lo = m.lo + fma(delta, q, gather(t + 2, row) + linear.lo);
  return m;
}

// phi(a) * 2^-n split as 2^(n + bias) and the dd e^(-a^2/2)/2^n / sqrt(2 pi).
template <class V>
struct gaussian_parts {
  dd<V> phi_unscaled;
  V pow2_n_bias;
  dd<V> mills;
};

template <class V>
ACTFN_INLINE gaussian_parts<V> gaussian(V a) noexcept {
  using T = scalar_t<V>;
  using C = coefficients<T>;
  dd<V> sq = two_prod(a, a);
  // -a^2/2 exactly; clamp only matters for float near a = 15, where the result is 0 anyway.
  dd<V> z{clamp_below(-mul(sq.hi, splat<V>(T(0.5))), ranges<T>::exp_arg_min), -mul(sq.lo, splat<V>(T(0.5)))};
  exp_parts<V> ep = exp_core(z);
  dd<V> e = one_plus(ep.t);
  dd<V> phi = mul_dd(e, splat<V>(C::inv_sqrt_2pi_hi), splat<V>(C::inv_sqrt_2pi_lo));
  return {phi, pow2_from_rounded<ranges<T>::scale_bias>(ep.k), mills_ratio(a)};
}

template <class V>
ACTFN_INLINE V gelu_kernel(V x) noexcept {
  using T = scalar_t<V>;
  V a = clamp_above(abs(x), ranges<T>::gelu_x_max);
  gaussian_parts<V> g = gaussian(a);
  dd<V> tail = mul_dd(g.phi_unscaled, g.mills);  // Phi(-a) / 2^n
  // x < 0: x Phi(-a). x >= 0: x (1 - Phi(-a)).
  V r_neg = scale_down(fma(x, tail.hi, mul(x, tail.lo)), g.pow2_n_bias);
  dd<V> upper = fast_two_sum(splat<V>(1), -scale_down(tail.hi, g.pow2_n_bias));
  upper.lo = upper.lo - scale_down(tail.lo, g.pow2_n_bias);
  V r_pos = fma(x, upper.hi, mul(x, upper.lo));
  V r = select(x < splat<V>(0), r_neg, r_pos);
  V limit = select(x > splat<V>(0), x, splat<V>(-0.0f));
  r = select(is_inf(x), limit, r);
  return select(is_nan(x), x, r);
}

template <class V>
ACTFN_INLINE V gelu_derivative_kernel(V x) noexcept {
  using T = scalar_t<V>;
  V a = clamp_above(abs(x), ranges<T>::gelu_x_max);
  gaussian_parts<V> g = gaussian(a);
  // Phi(x) + x phi(x): for x < 0 this is phi(a) (m(a) - a); for x >= 0, 1 - phi(a) (m(a) - a).
  dd<V> m_minus_a = two_sum(g.mills.hi, -a);
  m_minus_a.lo = m_minus_a.lo + g.mills.lo;
  dd<V> d = mul_dd(g.phi_unscaled, m_minus_a);
  V r_neg = scale_down(round_dd(d), g.pow2_n_bias);
  dd<V> upper = fast_two_sum(splat<V>(1), -scale_down(d.hi, g.pow2_n_bias));
  upper.lo = upper.lo - scale_down(d.lo, g.pow2_n_bias);
  V r = select(x < splat<V>(0), r_neg, round_dd(upper));
  return select(is_nan(x), x, r);
}

}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

#endif
