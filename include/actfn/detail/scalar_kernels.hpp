#ifndef ACTFN_DETAIL_SCALAR_KERNELS_HPP
#define ACTFN_DETAIL_SCALAR_KERNELS_HPP
// The kernels for float and double (namespace portable: the scalar functors, the array API's
// scalar backend) and what the functors' f(x) and f.derivative(x) run on them. Included at the end
// of fast.hpp, where the functor types of both tiers are complete.
#include <type_traits>

#include "../fast.hpp"  // the functor types of both tiers (it includes this header at its end)
#include "config.hpp"
#include "fp_environment.hpp"
#include "kernels.hpp"
#include "scalar_ops.hpp"

// The scalar kernels, compiled for the caller's target flags (the SIMD backends open their own
// targets, simd/*.hpp).
ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
#define ACTFN_TARGET portable
#define ACTFN_TARGET_BATCH(T) T
#define ACTFN_TARGET_GROUP_REGISTERS 1  // the scalar loop has no groups
#include "target.inc"
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
}  // namespace fma_scalar
#  define ACTFN_TARGET fma_scalar
#  define ACTFN_TARGET_BATCH(T) T
#  define ACTFN_TARGET_GROUP_REGISTERS 1
#  define ACTFN_TARGET_KERNELS_ONLY 1
#  include "target.inc"
namespace fma_scalar {
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
#endif
// What the functors' f(x) and f.derivative(x) run on a float or double: the scalar kernels (the
// FMA instance where there is one and the CPU has it). relu and leaky_relu do not come here: their
// scalar forms are detail/exact.hpp's.
template <bool derivative, class F, class T>
ACTFN_INLINE T scalar_kernel(const F& f, T x) noexcept {
#if defined(ACTFN_HAVE_FMA_SCALAR)
  if (cpu_has_fma())
    return derivative ? fma_scalar::evaluate_derivative_function(f, x) : fma_scalar::evaluate_function(f, x);
#endif
  return derivative ? portable::evaluate_derivative(f, x) : portable::evaluate(f, x);
}

// The inputs a scalar kernel runs in the caller's environment (when it rounds to nearest): those
// on which, in the default environment, it raises no invalid, divide-by-zero or overflow flag and
// meets no subnormal along the way, so that FTZ/DAZ change nothing either. That is x = 0 and
// tiny <= |x| < the function's central range (|beta x| for swish), where every exponential is
// normal (each functor's ordinary_argument, kernels.inc); tiny is far enough above the subnormals
// that the low parts of the double words stay normal (double gelu's x Phi(x) carries one of about
// 2^-55 |x|). tests/test_fp_environment.cpp
// checks both. For the others (NaN, infinities, saturated and deep-tail x, subnormals) the kernels
// also compute values they then discard (the central formula beside the saturated value, the
// exponential's reduction of an infinite argument, x^3 of a large x), and the functors run them
// inside default_fp_environment, which drops those flags. The tests are on the bits of |x|, which
// order non-negative floats as their values and NaN above infinity: an ordered compare on a NaN
// would itself raise invalid.
template <class F, class T>
ACTFN_INLINE bool ordinary_input(const F& f, T x) noexcept {
  // The function's range (its binding's ordinary_argument, kernels.inc); +-0 tested only where
  // that failed.
  return portable::ordinary_argument(&f, x) || portable::magnitude_bits(x) == 0;
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
