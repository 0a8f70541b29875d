#ifndef ACTFN_DETAIL_EXACT_HPP
#define ACTFN_DETAIL_EXACT_HPP
// The scalar forms of the functions whose result needs no rounding beyond alpha * x: relu,
// leaky_relu and their derivatives on a float or double. They are written here, outside
// ACTFN_PRECISE_BEGIN, so that they inline into a caller's loop and vectorise there: GCC does
// not inline across the precise region's optimize attribute. What no FP flag may change is done
// on the bits instead: the sign and NaN tests are integer compares (-ffinite-math-only cannot
// fold them, -fno-signed-zeros cannot merge -0 and +0), the results are selected as bits (a NaN
// comes back with its own bits), and the one FP operation, alpha * x, is a single product that no
// flag rewrites. Same bits as the kernels (kernels.inc, relu_kernel ...), which the SIMD batches
// and the array API run; tools/fingerprint compares the two under every CI flag set.
#include <cstdint>
#include <cstring>

#include "config.hpp"

namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN

template <class T>
struct exact_traits;
template <>
struct exact_traits<float> {
  using bits = std::int32_t;
  // As a signed integer, a float is negative and not NaN (-0, -inf, every negative number)
  // exactly when its bits are at most those of -inf.
  static constexpr bits negative_max = -0x7fffff - 1;                 // 0xff800000: -inf
  static constexpr bits abs_mask = 0x7fffffff;
  static constexpr bits infinity = 0x7f800000;
  static constexpr bits one = 0x3f800000;
};
template <>
struct exact_traits<double> {
  using bits = std::int64_t;
  static constexpr bits negative_max = -0xfffffffffffffLL - 1;        // 0xfff0000000000000
  static constexpr bits abs_mask = 0x7fffffffffffffffLL;
  static constexpr bits infinity = 0x7ff0000000000000LL;
  static constexpr bits one = 0x3ff0000000000000LL;
};

template <class T>
inline typename exact_traits<T>::bits exact_bits(T x) noexcept {
  typename exact_traits<T>::bits b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
template <class T>
inline T exact_value(typename exact_traits<T>::bits b) noexcept {
  T x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

// x where x > 0 or x is NaN, else otherwise (bits).
template <class T>
inline T exact_positive_or(T x, T otherwise) noexcept {
  const auto b = exact_bits(x);
  return exact_value<T>(b <= exact_traits<T>::negative_max ? exact_bits(otherwise) : b);
}
// x where x is NaN, 1 where x > 0, else otherwise (bits).
template <class T>
inline T exact_step_or(T x, T otherwise) noexcept {
  using E = exact_traits<T>;
  const auto b = exact_bits(x);
  const auto step = b > 0 ? E::one : exact_bits(otherwise);
  return exact_value<T>((b & E::abs_mask) > E::infinity ? b : step);
}

// alpha * x for x <= 0; alpha = 0 gives the zero with the product's sign, also at x = -inf
// (the limit, not the NaN of 0 * inf), as the kernels' zero-alpha variant does. Without a branch:
// when alpha = 0, x = -inf is replaced by the largest finite negative number (an integer min on
// the bits, against a bound the caller's loop computes once), whose product with 0 is that zero.
// A branch on alpha needs loop unswitching to vectorise, which GCC does only at -O3.
template <class T>
inline T exact_scaled(T x, T alpha) noexcept {
  using E = exact_traits<T>;
  using B = typename E::bits;
  // Negative numbers' bits, as signed integers, run from -0 (the minimum) to -inf (the maximum).
  const B bound = alpha == T(0) ? B(E::negative_max - 1) : E::negative_max;
  const B b = exact_bits(x);
  return alpha * exact_value<T>(b < bound ? b : bound);
}

ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn

#endif
