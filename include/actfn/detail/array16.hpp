#ifndef ACTFN_DETAIL_ARRAY16_HPP
#define ACTFN_DETAIL_ARRAY16_HPP
// The array API on bfloat16 and float16 data: the contract, and the one-element paths the array
// loops (loops.inc, one per backend) fall back to. The loops run the float kernels a chunk at a
// time between a widening and a rounding pass; array.hpp dispatches them.
//
// Accurate tier: the correctly rounded 16-bit result. A float result r is within 1 ULP of the
// exact value (2^-26 absolute near a root of f', derivative_error_floor), so RN16(r) is the
// correctly rounded value unless a 16-bit rounding boundary lies within that distance of r: the
// rounding pass marks those (round_lane's `near`, bits16.hpp; about 7 float patterns in 65,536
// for bfloat16, in 8,192 for float16), and they are computed again here with the double kernels
// (portable: the same code on every backend), whose error is 2^-29 of a float's. backward's
// dx = RN16(dy f'(x)): in the loop, dy * r rounded to float and a wider test; here, the exact
// product of dy and the double f'(x).
//
// Fast tier: RN16 of the fast float result (or of dy times it), with no test: within 1 ULP of the
// 16-bit type (tools/check_16bit_mpfr checks every input).
//
// Parameters (alpha, beta) are taken at their float value, for the double kernels too.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../bfloat16.hpp"
#include "../float16.hpp"
#include "backend.hpp"
#include "bits16.hpp"
#include "config.hpp"
#include "fp_environment.hpp"
#include "scalar_kernels.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN

template <class H>
using format16_t = typename H::format;

// f with its parameters rounded to float, for the double kernels: the 16-bit contract takes them
// at their float value.
template <class F>
auto has_alpha(const F& f, int) noexcept -> decltype(f.alpha, std::true_type{});
template <class F>
std::false_type has_alpha(const F&, long) noexcept;
template <class F>
auto has_beta(const F& f, int) noexcept -> decltype(f.beta, std::true_type{});
template <class F>
std::false_type has_beta(const F&, long) noexcept;
template <class F>
ACTFN_INLINE F with_float_parameters(F f) noexcept {
  if constexpr (decltype(has_alpha(f, 0))::value) f.alpha = static_cast<double>(static_cast<float>(f.alpha));
  if constexpr (decltype(has_beta(f, 0))::value) f.beta = static_cast<double>(static_cast<float>(f.beta));
  return f;
}

template <class H>
ACTFN_INLINE bool is_nan16(std::uint16_t h) noexcept {
  constexpr int M = format16_t<H>::mantissa_bits;
  constexpr std::uint16_t infinity = std::uint16_t(0x7fff & ~((1u << M) - 1));
  return (h & 0x7fff) > infinity;
}
template <class H>
ACTFN_INLINE std::uint16_t quiet16(std::uint16_t h) noexcept {
  return std::uint16_t(h | (1u << (format16_t<H>::mantissa_bits - 1)));
}

// Zeros of either sign count as one value (the sign of a zero result comes from the product).
ACTFN_INLINE bool same16(std::uint16_t a, std::uint16_t b) noexcept {
  return a == b || ((a | b) & 0x7fff) == 0;
}

// The float r moved by `steps` units in the last place (negative: down), across zero and
// stopping at the infinities.
ACTFN_INLINE float float_steps(float r, std::int32_t steps) noexcept {
  const std::uint32_t u = bits_of(r);
  const std::int32_t magnitude = std::int32_t(u & 0x7fffffffu);
  std::int32_t ordered = (u >> 31) != 0 ? -magnitude : magnitude;
  ordered += steps;
  if (ordered > 0x7f800000) ordered = 0x7f800000;
  if (ordered < -0x7f800000) ordered = -0x7f800000;
  return float_from_bits(ordered < 0 ? 0x80000000u | std::uint32_t(-ordered) : std::uint32_t(ordered));
}

// a * b, with the sign of a zero result set from the bits (the XOR of the signs, as IEEE gives
// it): where the caller's -ffast-math reaches this code (clang on AArch64 ignores float_control,
// config.hpp), -fno-signed-zeros may drop a zero's sign.
ACTFN_INLINE double signed_product(double a, double b) noexcept {
  const double p = a * b;
  constexpr std::uint64_t sign = std::uint64_t(1) << 63;
  const std::uint64_t u = (bits_of(p) & ~sign) | ((bits_of(a) ^ bits_of(b)) & sign);
  double r;
  std::memcpy(&r, &u, sizeof r);
  return r;
}
ACTFN_INLINE bool is_finite_bits(double x) noexcept {
  return (bits_of(x) & 0x7ff0000000000000u) != 0x7ff0000000000000u;
}

// The double d moved one unit in the last place up (direction > 0) or down (< 0).
ACTFN_INLINE double double_step(double d, int direction) noexcept {
  if (direction == 0) return d;
  std::uint64_t u = bits_of(d);
  const bool negative = (u >> 63) != 0;
  if ((u & 0x7fffffffffffffffu) == 0) return direction > 0 ? 0x1p-1074 : -0x1p-1074;
  u = (direction > 0) != negative ? u + 1 : u - 1;
  double r;
  std::memcpy(&r, &u, sizeof r);
  return r;
}

// A tie: the double d (a result of the double kernels) is exactly on a 16-bit rounding boundary
// (or within one of its steps of one), where RN16 needs the side of the exact value. That happens
// only where the result is a short number: at tiny nonzero x, where f(x) = f(0) + f'(0) x and
// f'(x) = f'(0) to double precision (swish(x) = x/2 at the smallest subnormals, for one). The
// side is the sign of the rest, f(x) - f(0) - f'(0) x (or f'(x) - f'(0)), which the Taylor
// series' leading term decides; read at x' = 2^-20 with x's sign, where it shows in double, it is
// the same at x (0 < |x| < 2^-20: the leading term dominates on that interval). 0 where it cannot
// be told (the rest too small at x' as well: then round half to even).
template <bool derivative, class F>
ACTFN_COLD int tiny_x_rest_sign(const F& f, double x) noexcept {
  const double probe = x < 0 ? -0x1p-20 : 0x1p-20;
  double rest;
  if (derivative) {
    rest = portable::evaluate_derivative(f, probe) - portable::evaluate_derivative(f, 0.0);
  } else {
    const double linear = portable::evaluate(f, 0.0) + portable::evaluate_derivative(f, 0.0) * probe;
    rest = portable::evaluate(f, probe) - linear;
  }
  return rest > 0 ? 1 : rest < 0 ? -1 : 0;
}
template <class Fmt, bool derivative, class F>
ACTFN_INLINE std::uint16_t round_double_result(const F& f, double x, double value, int sign_of_factor) noexcept {
  const std::uint64_t u = bits_of(value);
  if (ACTFN_LIKELY(rounds_alike<Fmt>(u, std::uint64_t(1))) || x == 0 || !(x > -0x1p-20 && x < 0x1p-20))
    return round_bits<Fmt>(u);
  return round_bits<Fmt>(bits_of(double_step(value, sign_of_factor * tiny_x_rest_sign<derivative>(f, x))));
}

// forward for one element the rounding pass marked: from the double kernel.
template <class H, class F>
ACTFN_COLD std::uint16_t forward16_again(const F& f, float x, tag16<H>) noexcept {
  const F g = with_float_parameters(f);
  const double d = static_cast<double>(x);
  return round_double_result<format16_t<H>, false>(g, d, portable::evaluate(g, d), 1);
}

// +-inf for dy = +-inf times an f'(x) that is not zero but underflowed (sign: the product's).
template <class Fmt>
ACTFN_INLINE std::uint16_t signed_infinity16(bool negative) noexcept {
  return std::uint16_t((negative ? 0x8000u : 0u) | (0x7fffu & ~((1u << Fmt::mantissa_bits) - 1)));
}
template <class Fmt>
ACTFN_INLINE std::uint16_t default_nan16() noexcept {
  return std::uint16_t(0x7fffu & ~((1u << (Fmt::mantissa_bits - 1)) - 1));
}

// backward for one element again, from the double kernel: dy * f'(x) rounded once (the product of
// the double f'(x) and the 16-bit dy is exact to 2^-52).
template <class H, class F>
ACTFN_COLD std::uint16_t backward16_again(const F& f, float x, double g) noexcept {
  using Fmt = format16_t<H>;
  const F h = with_float_parameters(f);
  const double xd = static_cast<double>(x);
  const double d = portable::evaluate_derivative(h, xd);
  const double p = signed_product(g, d);
  if ((bits_of(p) & 0x7fffffffffffffffu) > 0x7ff0000000000000u) {  // inf * 0
    const bool underflowed = !portable::profile_of<F>().exact && d == 0 && is_finite_bits(xd);
    return underflowed ? signed_infinity16<Fmt>(((bits_of(g) ^ bits_of(d)) >> 63) != 0) : default_nan16<Fmt>();
  }
  return round_double_result<Fmt, true>(h, xd, p, g < 0 ? -1 : 1);
}

// backward for one element the rounding pass marked: x, dy as 16-bit bits, r = f'(x) in float
// (from the float kernels, which return x's NaN quieted for a NaN x). The NaN rule of
// docs/SEMANTICS.md, on the 16-bit bits: x's NaN quieted, else dy's, else (inf * 0, an exact zero
// f'(x)) the positive quiet NaN.
template <class H, class F>
ACTFN_COLD std::uint16_t backward16_element(const F& f, std::uint16_t hx, std::uint16_t hdy, float r, tag16<H>) noexcept {
  using Fmt = format16_t<H>;
  constexpr bool exact = portable::profile_of<F>().exact;
  if (is_nan16<H>(hx)) return quiet16<H>(hx);
  if (is_nan16<H>(hdy)) return quiet16<H>(hdy);
  const float x = float_from_bits(widen_bits<Fmt>(hx));
  const double g = static_cast<double>(float_from_bits(widen_bits<Fmt>(hdy)));
  const double p = signed_product(g, static_cast<double>(r));  // exact: 11 and 24 significant bits
  const std::uint64_t pb = bits_of(p);
  // A subnormal or zero r: a tiny f'(x) with few significant bits (or none) left, which a large
  // dy would bring back into range; the double kernel has them. Not for the exact functions,
  // whose zero is exact, nor at infinite x, where f'(x) is the limit itself.
  const bool r_tiny = (bits_of(r) & 0x7fffffffu) < 0x00800000u;
  if (!exact && r_tiny && (widen_bits<Fmt>(hx) & 0x7fffffffu) != 0x7f800000u) return backward16_again<H>(f, x, g);
  if ((pb & 0x7fffffffffffffffu) > 0x7ff0000000000000u) return default_nan16<Fmt>();  // inf * 0
  const std::uint16_t rounded = round_bits<Fmt>(pb);
  if (F::fast_tier || exact) return rounded;
  // f'(x) lies within max(2 steps of r, the error floor) of r (2 steps: 1 ULP at the exact
  // value's exponent, which may be one below r's); the products of dy with both ends must round
  // alike.
  const double error_floor = static_cast<double>(portable::derivative_error_floor(&f, x));
  double low = static_cast<double>(float_steps(r, -2)), high = static_cast<double>(float_steps(r, 2));
  if (error_floor > 0) {
    low = low < static_cast<double>(r) - error_floor ? low : static_cast<double>(r) - error_floor;
    high = high > static_cast<double>(r) + error_floor ? high : static_cast<double>(r) + error_floor;
  }
  if (ACTFN_LIKELY(same16(round_bits<Fmt>(bits_of(g * low)), round_bits<Fmt>(bits_of(g * high))))) return rounded;
  return backward16_again<H>(f, x, g);
}

ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

#endif
