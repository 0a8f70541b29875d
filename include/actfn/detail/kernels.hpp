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

#include "coefficients.hpp"
#include "config.hpp"
#include "fp_environment.hpp"
#include "scalar_ops.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {

// Which function a functor computes; kernels dispatch on it (see evaluate()).
enum class function_id { sigmoid, relu, leaky_relu, tanh, swish, gelu, gelu_tanh };

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

// The kernels proper, compiled for the caller's target flags. SIMD backends include the same
// file again inside their target regions (simd/*.hpp), each into its own namespace.
ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
namespace portable {
template <class T>
using lane_batch = T;
#include "kernels.inc"
#include "batch_group.inc"
constexpr int max_group_registers = 1;  // the scalar loop has no groups
#include "loops.inc"
}  // namespace portable
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

// The scalar functors (f(x) on a float or double) in a build for baseline x86-64, which has no FMA
// instruction: the portable kernels call the C library's fma for every multiply-add (exact, so
// every backend gives the same bits, but a call each: ~36 ns a sigmoid). A second instance of the
// scalar kernels, compiled for FMA, runs instead where the CPU has it (checked once): the same
// bits, 3-5x faster (bench/NOTES.md 45).
#if defined(ACTFN_ARCH_X86_64) && (defined(__GNUC__) || defined(__clang__)) && !defined(__FMA__)
#  define ACTFN_HAVE_FMA_SCALAR 1
#  if defined(__clang__)
#    pragma clang attribute push(__attribute__((target("fma"))), apply_to = function)
#  else
#    pragma GCC push_options
#    pragma GCC target("fma")
#  endif
ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
namespace fma_scalar {
// The instruction itself (scalar_ops.hpp's fma is the library call in clang builds without FMA).
ACTFN_INLINE float fma(float a, float b, float c) noexcept { return __builtin_fmaf(a, b, c); }
ACTFN_INLINE double fma(double a, double b, double c) noexcept { return __builtin_fma(a, b, c); }
#  include "kernels.inc"
// Out of line: the caller, compiled without FMA, calls these once it has seen the CPU has it.
template <class F, class T>
T evaluate_function(const F& f, T x) noexcept { return evaluate(f, x); }
template <class F, class T>
T evaluate_derivative_function(const F& f, T x) noexcept { return evaluate_derivative(f, x); }
}  // namespace fma_scalar
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END
#  if defined(__clang__)
#    pragma clang attribute pop
#  else
#    pragma GCC pop_options
#  endif
#endif

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
#if defined(ACTFN_HAVE_FMA_SCALAR)
inline bool cpu_has_fma() noexcept {
  static const bool has = __builtin_cpu_supports("fma");
  return has;
}
// relu and leaky_relu take no multiply-add: the check would only cost them.
template <class F, class V>
constexpr bool fma_scalar_pays() noexcept {
  return std::is_arithmetic<V>::value && F::id != function_id::relu && F::id != function_id::leaky_relu;
}
#endif
// What the functors' f(x) and f.derivative(x) run on a float or double: the scalar kernels (the
// FMA instance where there is one, it pays and the CPU has it).
template <bool derivative, class F, class T>
ACTFN_INLINE T scalar_kernel(const F& f, T x) noexcept {
#if defined(ACTFN_HAVE_FMA_SCALAR)
  if constexpr (fma_scalar_pays<F, T>())
    if (cpu_has_fma())
      return derivative ? fma_scalar::evaluate_derivative_function(f, x) : fma_scalar::evaluate_function(f, x);
#endif
  return derivative ? portable::evaluate_derivative(f, x) : portable::evaluate(f, x);
}

// The inputs a scalar kernel runs in the caller's environment (when it rounds to nearest): those
// on which, in the default environment, it raises no invalid, divide-by-zero or overflow flag and
// meets no subnormal along the way, so that FTZ/DAZ change nothing either. That is x = 0 and
// tiny <= |x| < the function's central range (|beta x| for swish), where every exponential is
// normal; tiny is far enough above the subnormals that the low parts of the double words stay
// normal (double gelu's x Phi(x) carries one of about 2^-55 |x|). tests/test_fp_environment.cpp
// checks both. For the others (NaN, infinities, saturated and deep-tail x, subnormals) the kernels
// also compute values they then discard (the central formula beside the saturated value, the
// exponential's reduction of an infinite argument, x^3 of a large x), and the functors run them
// inside default_fp_environment, which drops those flags. The tests are on the bits of |x|, which
// order non-negative floats as their values and NaN above infinity: an ordered compare on a NaN
// would itself raise invalid.
template <class F, class T>
ACTFN_INLINE bool ordinary_input(const F& f, T x) noexcept {
  using R = ranges<T>;
  using B = bits_t<T>;
  const auto within = [](B magnitude, T bound) {  // tiny <= magnitude < bound, one compare
    return B(magnitude - to_bits(R::tiny)) < B(to_bits(bound) - to_bits(R::tiny));
  };
  const B a = portable::magnitude_bits(x);
  constexpr function_id id = F::id;
  bool inside;
  if constexpr (id == function_id::sigmoid) inside = within(a, R::central_max);
  else if constexpr (id == function_id::tanh) inside = within(a, R::central_max / 2);  // tanh' at 2x
  else if constexpr (id == function_id::gelu) inside = within(a, R::gelu_central_max);
  else if constexpr (id == function_id::gelu_tanh) inside = within(a, R::gelu_tanh_central_max);
  else if constexpr (id == function_id::swish) {
    // |beta| below 2^32 first (and |x| below it), so that the product cannot overflow.
    const T beta = static_cast<T>(f.beta);
    const B b = portable::magnitude_bits(beta);
    inside = within(a, T(0x1p32)) && b < to_bits(T(0x1p32)) &&
             (b == 0 || within(portable::magnitude_bits(opaque(x * beta)), R::central_max));
  } else inside = true;  // relu and leaky_relu: no intermediate value
  return inside || a == 0;  // +-0: tested only where the range test failed
}

// The whole scalar evaluation in the default environment: out of line, for the inputs that are
// not ordinary and for callers whose environment is not the default.
template <bool derivative, class F, class T>
ACTFN_COLD T scalar_kernel_in_default_environment(const F& f, T x) noexcept {
  const default_fp_environment environment;
  return scalar_kernel<derivative>(f, x);
}

// f(x) and f.derivative(x): on a float or double, the same bits under every rounding mode, with
// no invalid, divide-by-zero or overflow flag raised (FTZ/DAZ: docs/SEMANTICS.md); on a SIMD
// batch, the kernels on the caller's batch, in the caller's environment.
template <bool derivative, class F, class V>
ACTFN_INLINE V functor_kernel(const F& f, V x) noexcept {
  if constexpr (std::is_arithmetic<V>::value) {
    if (ACTFN_LIKELY(ordinary_input(f, x) && rounding_to_nearest())) return scalar_kernel<derivative>(f, x);
    return scalar_kernel_in_default_environment<derivative>(f, x);
  } else {
    return derivative ? portable::evaluate_derivative(f, x) : portable::evaluate(f, x);
  }
}
template <class F, class V>
ACTFN_INLINE V functor_evaluate(const F& f, V x) noexcept { return functor_kernel<false>(f, x); }
template <class F, class V>
ACTFN_INLINE V functor_evaluate_derivative(const F& f, V x) noexcept { return functor_kernel<true>(f, x); }
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

#endif
