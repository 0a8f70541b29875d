#ifndef ACTFN_DETAIL_SCALAR_OPS_HPP
#define ACTFN_DETAIL_SCALAR_OPS_HPP
// The primitive vocabulary of the generic kernels, for plain float and double. Each SIMD backend
// provides the same names for its batch types; the kernels use nothing else.
#include <cstdint>
#include <cstring>

#include "config.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN

// Types that describe themselves (batch_group) provide a nested `traits`.
template <class V>
struct value_traits : V::traits {};

template <>
struct value_traits<float> {
  using scalar = float;
  using bits = std::uint32_t;
  using mask = bool;
  static constexpr int mantissa_bits = 23;
  static constexpr int exponent_bias = 127;
};

template <>
struct value_traits<double> {
  using scalar = double;
  using bits = std::uint64_t;
  using mask = bool;
  static constexpr int mantissa_bits = 52;
  static constexpr int exponent_bias = 1023;
};

template <class V>
using scalar_t = typename value_traits<V>::scalar;
template <class V>
using bits_t = typename value_traits<V>::bits;

// Hides a value from the optimiser. A product passed through it cannot be fused with a later
// addition (clang's -ffp-contract=fast ignores pragmas), and a sum cannot be reassociated away.
// It emits no instruction.
template <class V>
ACTFN_INLINE V opaque(V v) noexcept {
#if defined(ACTFN_ARCH_X86_64) && (defined(__GNUC__) || defined(__clang__))
#  if defined(__SSE2__)
  __asm__("" : "+x"(v));
#  else
  __asm__("" : "+m"(v));
#  endif
#elif defined(ACTFN_ARCH_AARCH64) && (defined(__GNUC__) || defined(__clang__))
  __asm__("" : "+w"(v));
#elif defined(__GNUC__) || defined(__clang__)
  __asm__("" : "+m"(v));
#endif
  return v;
}

#if defined(__clang__) && defined(ACTFN_ARCH_X86_64) && !defined(__FMA__)
// Without an FMA instruction, clang under -ffast-math lowers __builtin_fma to a multiply and an
// add. Calling the C library's correctly rounded fma by its symbol keeps it exact.
extern "C" float actfn_libm_fmaf(float, float, float) noexcept __asm__("fmaf");
extern "C" double actfn_libm_fma(double, double, double) noexcept __asm__("fma");
ACTFN_INLINE float fma(float a, float b, float c) noexcept { return actfn_libm_fmaf(a, b, c); }
ACTFN_INLINE double fma(double a, double b, double c) noexcept { return actfn_libm_fma(a, b, c); }
#else
ACTFN_INLINE float fma(float a, float b, float c) noexcept { return __builtin_fmaf(a, b, c); }
ACTFN_INLINE double fma(double a, double b, double c) noexcept { return __builtin_fma(a, b, c); }
#endif

template <class T>
ACTFN_INLINE T select(bool m, T a, T b) noexcept { return m ? a : b; }

ACTFN_INLINE std::uint32_t to_bits(float v) noexcept { std::uint32_t b; std::memcpy(&b, &v, 4); return b; }
ACTFN_INLINE std::uint64_t to_bits(double v) noexcept { std::uint64_t b; std::memcpy(&b, &v, 8); return b; }

// Table lookup: base[index] per lane.
template <class T, class I>
ACTFN_INLINE T gather(const T* base, I index) noexcept { return base[index]; }

ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

#endif
