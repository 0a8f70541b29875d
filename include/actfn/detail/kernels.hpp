#ifndef ACTFN_DETAIL_KERNELS_HPP
#define ACTFN_DETAIL_KERNELS_HPP
// The activation kernels, written once over the primitive vocabulary of scalar_ops.hpp (and of
// each SIMD backend). V is float, double, or a batch of them; T is its scalar type.
//
// Accuracy plan (<= 1 ULP everywhere, tails included): every transcendental quantity is carried as
// an unevaluated sum hi + lo (a "dd") until the single final rounding, so the only error of size
// 1/2 ULP is that last rounding; everything before it contributes a few hundredths of an ULP.
// Tails never lose relative accuracy: exponentials are taken of -|x| (never overflow), or in the
// central range (kernels.inc) of arguments below ranges<T>::central_max, where they stay normal;
// the complements 1 - s are formed as s(-x) or as a quotient 1 / (1 + e^-x) rather than by
// subtraction, and GELU goes through the Mills ratio (Phi(-a) = phi(a) m(a)) instead of 1 + erf.
//
// Flag independence: products that feed an addition pass through opaque() or are written as an
// explicit fma, so no compiler flag can fuse or reassociate them; NaN/inf tests look at bits.
#include <cstddef>
#include <cstring>
#include <type_traits>

#include "bits16.hpp"
#include "coefficients.hpp"
#include "config.hpp"
#include "fp_environment.hpp"
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
  static constexpr float gelu_x_max = 14.75f;  // |gelu|, |gelu'| < 2^-150 beyond -14.7; a + 1 < 16
  static constexpr float gelu_central_max = 12.0f;  // e^(-a^2/2) >= 2^-104: the results are normal
  static constexpr float gelu_tanh_x_max = 100.0f;
  static constexpr float gelu_tanh_central_max = 9.5f;  // 2u(9.5) = 76.3 < central_max
  // The smallest |x| the scalar functors run in the caller's environment (ordinary_input).
  static constexpr float tiny = 0x1p-64f;
  // The central range (kernels.inc): for |z| below it, e^z = 2^n (1 + t) has |n| <= 116 and is
  // scaled by an exponent-field add, with no clamp and no two-step scaling.
  static constexpr float central_max = 80.0f;
};
template <>
struct ranges<double> {
  static constexpr double exp_arg_min = -800.0;
  static constexpr int scale_bias = 140;
  static constexpr double two_pow_minus_bias = 0x1p-140;
  static constexpr double magic = 0x1.8p52;
  static constexpr double tanh_x_max = 20.0;
  static constexpr double gelu_x_max = 39.0;  // |gelu|, |gelu'| < 2^-1075 beyond -38.7
  static constexpr double gelu_central_max = 36.0;  // e^(-a^2/2) >= 2^-935
  static constexpr double gelu_tanh_x_max = 100.0;
  static constexpr double gelu_tanh_central_max = 21.0;  // 2u(21) = 694.3
  static constexpr double tiny = 0x1p-900;
  static constexpr double central_max = 700.0;  // |n| <= 1010
};

}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

// What the functors' f(x) and f.derivative(x) call, declared here for the functor types
// (functions.hpp, fast.hpp) and defined in scalar_kernels.hpp, after the kernels bound to them.
ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
template <class F, class V>
ACTFN_INLINE V functor_evaluate(const F& f, V x) noexcept;
template <class F, class V>
ACTFN_INLINE V functor_evaluate_derivative(const F& f, V x) noexcept;
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

#endif
