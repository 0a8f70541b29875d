#ifndef ACTFN_SIMD_SSE2_HPP
#define ACTFN_SIMD_SSE2_HPP
// SSE2 backend (the x86-64 baseline): batch<float, sse2> (4 lanes) and batch<double, sse2>
// (2 lanes), and the generic kernels compiled for it. Every x86-64 CPU runs it, so it needs no
// target region: it is compiled with the caller's flags, like the scalar backend.
//
// SSE2 lacks three things the kernels use; each is replaced by something exact:
//   - fma: float lanes in double arithmetic with rounding to odd (sse2_detail::fma_via_double,
//     correctly rounded, no call); double lanes one by one through the scalar backend's fma
//     (the C library's correctly rounded fma, or the FMA instruction when the caller's flags
//     enable it). Either way a lane rounds exactly as the scalar and FMA backends do;
//   - 64-bit integer == and > (pcmpeqq, pcmpgtq are SSE4.1/4.2): built from 32-bit compares;
//   - masked loads and stores: the tail goes through a zero-padded local copy.
// Masks are full-width lane masks, as the compare instructions produce them.
#include "../detail/config.hpp"

#if ((ACTFN_TARGETS) & ACTFN_TARGET_SSE2) && defined(ACTFN_ARCH_X86_64) && defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#  define ACTFN_HAVE_SSE2_BACKEND 1
#  include <emmintrin.h>

#  include <cstddef>
#  include <cstdint>
#  include <cstring>
#  include <type_traits>

#  include "../detail/coefficients.hpp"
#  include "../fast.hpp"
#  include "../detail/scalar_ops.hpp"
#  include "batch.hpp"

ACTFN_PRECISE_BEGIN

namespace actfn {
namespace simd {

struct sse2 {
  static constexpr const char* name = "sse2";
};

// All-ones or all-zeros per lane, as an integer register.
template <class T>
struct sse2_mask {
  __m128i m;
  friend ACTFN_INLINE sse2_mask operator&(sse2_mask a, sse2_mask b) noexcept { return {_mm_and_si128(a.m, b.m)}; }
  friend ACTFN_INLINE sse2_mask operator|(sse2_mask a, sse2_mask b) noexcept { return {_mm_or_si128(a.m, b.m)}; }
  friend ACTFN_INLINE sse2_mask operator!(sse2_mask a) noexcept { return {_mm_xor_si128(a.m, _mm_set1_epi32(-1))}; }
  friend ACTFN_INLINE bool all_lanes(sse2_mask a) noexcept { return _mm_movemask_epi8(a.m) == 0xFFFF; }
  friend ACTFN_INLINE bool any_lane(sse2_mask a) noexcept { return _mm_movemask_epi8(a.m) != 0; }
};

template <class T>
struct sse2_bits {
  using lane = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  using mask = sse2_mask<T>;
  __m128i v;
  ACTFN_INLINE sse2_bits() noexcept : v(_mm_setzero_si128()) {}
  ACTFN_INLINE sse2_bits(__m128i r) noexcept : v(r) {}
  ACTFN_INLINE explicit sse2_bits(lane s) noexcept
      : v(sizeof(T) == 4 ? _mm_set1_epi32(static_cast<int>(s)) : _mm_set1_epi64x(static_cast<long long>(s))) {}

  friend ACTFN_INLINE sse2_bits operator&(sse2_bits a, sse2_bits b) noexcept { return _mm_and_si128(a.v, b.v); }
  friend ACTFN_INLINE sse2_bits operator|(sse2_bits a, sse2_bits b) noexcept { return _mm_or_si128(a.v, b.v); }
  friend ACTFN_INLINE sse2_bits operator^(sse2_bits a, sse2_bits b) noexcept { return _mm_xor_si128(a.v, b.v); }
  friend ACTFN_INLINE sse2_bits operator~(sse2_bits a) noexcept { return _mm_xor_si128(a.v, _mm_set1_epi32(-1)); }
  friend ACTFN_INLINE sse2_bits operator+(sse2_bits a, sse2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm_add_epi32(a.v, b.v); else return _mm_add_epi64(a.v, b.v);
  }
  friend ACTFN_INLINE sse2_bits operator-(sse2_bits a, sse2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm_sub_epi32(a.v, b.v); else return _mm_sub_epi64(a.v, b.v);
  }
  friend ACTFN_INLINE sse2_bits operator<<(sse2_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm_slli_epi32(a.v, n); else return _mm_slli_epi64(a.v, n);
  }
  friend ACTFN_INLINE sse2_bits operator>>(sse2_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm_srli_epi32(a.v, n); else return _mm_srli_epi64(a.v, n);
  }
  friend ACTFN_INLINE mask operator==(sse2_bits a, sse2_bits b) noexcept {
    __m128i eq = _mm_cmpeq_epi32(a.v, b.v);
    if constexpr (sizeof(T) == 4) return {eq};
    // A 64-bit lane is equal when both of its 32-bit halves are.
    else return {_mm_and_si128(eq, _mm_shuffle_epi32(eq, _MM_SHUFFLE(2, 3, 0, 1)))};
  }
  friend ACTFN_INLINE mask operator!=(sse2_bits a, sse2_bits b) noexcept { return !(a == b); }
  // Signed compare: the kernels only compare values below 2^(lane bits - 1) (sign bit cleared).
  friend ACTFN_INLINE mask operator>(sse2_bits a, sse2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) {
      return {_mm_cmpgt_epi32(a.v, b.v)};
    } else {
      // 64-bit signed a > b = hi(a) > hi(b) (signed), or hi equal and lo(a) > lo(b) (unsigned).
      // Flipping the sign bit of the low halves turns the signed 32-bit compare into an unsigned one.
      const __m128i flip_lo = _mm_set_epi32(0, INT32_MIN, 0, INT32_MIN);
      __m128i x = _mm_xor_si128(a.v, flip_lo), y = _mm_xor_si128(b.v, flip_lo);
      __m128i gt = _mm_cmpgt_epi32(x, y);
      __m128i eq = _mm_cmpeq_epi32(x, y);
      __m128i gt_hi = _mm_shuffle_epi32(gt, _MM_SHUFFLE(3, 3, 1, 1));
      __m128i eq_hi = _mm_shuffle_epi32(eq, _MM_SHUFFLE(3, 3, 1, 1));
      __m128i gt_lo = _mm_shuffle_epi32(gt, _MM_SHUFFLE(2, 2, 0, 0));
      return {_mm_or_si128(gt_hi, _mm_and_si128(eq_hi, gt_lo))};
    }
  }
  friend ACTFN_INLINE sse2_bits select(mask m, sse2_bits a, sse2_bits b) noexcept {
    return _mm_or_si128(_mm_and_si128(m.m, a.v), _mm_andnot_si128(m.m, b.v));
  }
};

namespace sse2_detail {
template <class T> struct reg;
template <> struct reg<float> { using type = __m128; };
template <> struct reg<double> { using type = __m128d; };

// a * b + c rounded once to float, for float values held in double lanes, without an FMA
// instruction or a call. a * b is exact in double (24 + 24 <= 53 bits), so only the sum needs
// care: it is rounded to odd in double, then to nearest float by the caller's conversion.
// Rounding to odd with at least 2 more bits than the target, then to nearest, is rounding to
// nearest once (Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved
// algorithms using rounding to odd", IEEE TC 2008); 53 >= 24 + 2, also for subnormal floats.
// Round to odd: the exact sum is s + e (two_sum; no underflow: every nonzero p + c is a
// multiple of 2^-298, far above double's subnormals); when e != 0, truncate s toward zero (one
// step down in magnitude when e points the other way) and set its last bit. Inf and NaN
// (s not finite, e NaN) pass through unchanged, as do exact sums.
ACTFN_INLINE __m128d fma_via_double(__m128d a, __m128d b, __m128d c) noexcept {
  using B = sse2_bits<double>;
  __m128d p = a * b;  // exact (a product contracted into an fma later is the same value)
  __m128d s = p + c;
  __m128d bb = s - p;
  __m128d e = (p - (s - bb)) + (c - bb);
  const B sign(0x8000000000000000u), exponent(0x7ff0000000000000u), one(1u), zero;
  B sb = _mm_castpd_si128(s), eb = _mm_castpd_si128(e);
  sse2_mask<double> inexact = ((eb & ~sign) != zero) & ((sb & exponent) != exponent);
  sse2_mask<double> e_opposite = ((sb ^ eb) & sign) != zero;
  B odd = (sb - select(e_opposite, one, zero)) | one;
  return _mm_castsi128_pd(select(inexact, odd, sb).v);
}
// Four float fmas, through fma_via_double on each half. Out of line: the kernels take dozens of
// multiply-adds, and this body inlined at each of them made the SSE2 backend half the compile
// time and code size of a forward call, for a few per cent of its speed. A symbol of its own, so
// in the ISA namespace (detail/config.hpp): its code is VEX in a TU built with -mavx.
ACTFN_ISA_BEGIN
ACTFN_NOINLINE __m128 fma_float_lanes(__m128 a, __m128 b, __m128 c) noexcept {
  __m128d lo = fma_via_double(_mm_cvtps_pd(a), _mm_cvtps_pd(b), _mm_cvtps_pd(c));
  __m128d hi = fma_via_double(_mm_cvtps_pd(_mm_movehl_ps(a, a)), _mm_cvtps_pd(_mm_movehl_ps(b, b)),
                              _mm_cvtps_pd(_mm_movehl_ps(c, c)));
  return _mm_movelh_ps(_mm_cvtpd_ps(lo), _mm_cvtpd_ps(hi));
}
// Two double fmas, lane by lane through the scalar backend's fma; out of line for the same reason.
ACTFN_NOINLINE __m128d fma_double_lanes(__m128d a, __m128d b, __m128d c) noexcept {
  alignas(16) double x[2], y[2], z[2];
  _mm_store_pd(x, a);
  _mm_store_pd(y, b);
  _mm_store_pd(z, c);
  for (int i = 0; i < 2; ++i) x[i] = ::actfn::detail::fma(x[i], y[i], z[i]);
  return _mm_load_pd(x);
}
ACTFN_ISA_END
}  // namespace sse2_detail

template <class T>
struct batch<T, sse2> {
  using value_type = T;
  using arch_type = sse2;
  using register_type = typename sse2_detail::reg<T>::type;
  using mask_type = sse2_mask<T>;
  using bits_type = sse2_bits<T>;
  static constexpr std::size_t size = 16 / sizeof(T);

  register_type v;

  ACTFN_INLINE batch() noexcept : v(zero()) {}
  ACTFN_INLINE batch(register_type r) noexcept : v(r) {}
  ACTFN_INLINE explicit batch(T s) noexcept : v(broadcast_raw(s)) {}

  static ACTFN_INLINE batch broadcast(T s) noexcept { return batch(s); }
  static ACTFN_INLINE batch load(const T* p) noexcept {
    if constexpr (sizeof(T) == 4) return _mm_loadu_ps(p); else return _mm_loadu_pd(p);
  }
  ACTFN_INLINE void store(T* p) const noexcept {
    if constexpr (sizeof(T) == 4) _mm_storeu_ps(p, v); else _mm_storeu_pd(p, v);
  }
  // Lanes [0, n) from p, zeros elsewhere, through a padded copy: nothing past p + n is touched.
  static ACTFN_INLINE batch load_partial(const T* p, std::size_t n) noexcept {
    alignas(16) T buf[size] = {};
    std::memcpy(buf, p, n * sizeof(T));
    return load(buf);
  }
  ACTFN_INLINE void store_partial(T* p, std::size_t n) const noexcept {
    alignas(16) T buf[size];
    store(buf);
    std::memcpy(p, buf, n * sizeof(T));
  }

  // Arithmetic through the compilers' vector operators, not the intrinsics: clang compiles an
  // intrinsic's body with the caller's -ffast-math, but these with our precise-FP region.
  friend ACTFN_INLINE batch operator+(batch a, batch b) noexcept { return a.v + b.v; }
  friend ACTFN_INLINE batch operator-(batch a, batch b) noexcept { return a.v - b.v; }
  friend ACTFN_INLINE batch operator*(batch a, batch b) noexcept { return a.v * b.v; }
  friend ACTFN_INLINE batch operator/(batch a, batch b) noexcept { return a.v / b.v; }
  friend ACTFN_INLINE batch operator-(batch a) noexcept { return from_bits_raw(to_bits(a) ^ bits_type(sign_lane())); }
  // The SSE2 predicates are the signalling forms (LT_OS, LE_OS); they give the same results as
  // the quiet ones (false for NaN), only the invalid flag differs.
  friend ACTFN_INLINE mask_type operator<(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {_mm_castps_si128(_mm_cmplt_ps(a.v, b.v))}; else return {_mm_castpd_si128(_mm_cmplt_pd(a.v, b.v))}; }
  friend ACTFN_INLINE mask_type operator<=(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {_mm_castps_si128(_mm_cmple_ps(a.v, b.v))}; else return {_mm_castpd_si128(_mm_cmple_pd(a.v, b.v))}; }
  friend ACTFN_INLINE mask_type operator>(batch a, batch b) noexcept { return b < a; }
  friend ACTFN_INLINE mask_type operator>=(batch a, batch b) noexcept { return b <= a; }
  friend ACTFN_INLINE mask_type operator==(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {_mm_castps_si128(_mm_cmpeq_ps(a.v, b.v))}; else return {_mm_castpd_si128(_mm_cmpeq_pd(a.v, b.v))}; }

  // NaN tests in one unordered compare each, from an asm statement (as an intrinsic, clang folds
  // it to false in a caller compiled with -ffinite-math-only), instead of the generic and +
  // integer compare on the bits (64-bit lanes: built from 32-bit compares): backward tests each
  // group's products, the kernels their inputs. The VEX form where the caller's flags allow it,
  // so that no legacy SSE instruction lands among AVX code.
  friend ACTFN_INLINE mask_type is_nan(batch a) noexcept { return unordered(a, a); }
  friend ACTFN_INLINE mask_type either_nan(batch a, batch b) noexcept { return unordered(a, b); }

  friend ACTFN_INLINE batch minimum(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return _mm_min_ps(a.v, b.v); else return _mm_min_pd(a.v, b.v); }
  // No FMA instruction in SSE2 (see the top of the file): both are correctly rounded.
  friend ACTFN_INLINE batch fma(batch a, batch b, batch c) noexcept {
    if constexpr (sizeof(T) == 4) {
      return sse2_detail::fma_float_lanes(a.v, b.v, c.v);
    } else {
      return sse2_detail::fma_double_lanes(a.v, b.v, c.v);
    }
  }
  friend ACTFN_INLINE batch select(mask_type m, batch a, batch b) noexcept {
    if constexpr (sizeof(T) == 4) {
      __m128 f = _mm_castsi128_ps(m.m);
      return _mm_or_ps(_mm_and_ps(f, a.v), _mm_andnot_ps(f, b.v));
    } else {
      __m128d f = _mm_castsi128_pd(m.m);
      return _mm_or_pd(_mm_and_pd(f, a.v), _mm_andnot_pd(f, b.v));
    }
  }
  friend ACTFN_INLINE bits_type to_bits(batch a) noexcept { if constexpr (sizeof(T) == 4) return _mm_castps_si128(a.v); else return _mm_castpd_si128(a.v); }
  friend ACTFN_INLINE batch opaque(batch a) noexcept { __asm__("" : "+x"(a.v)); return a; }

  static ACTFN_INLINE batch from_bits_raw(bits_type b) noexcept { if constexpr (sizeof(T) == 4) return _mm_castsi128_ps(b.v); else return _mm_castsi128_pd(b.v); }

 private:
  static ACTFN_INLINE mask_type unordered(batch a, batch b) noexcept {
    register_type m;
#  ifdef __AVX__
    if constexpr (sizeof(T) == 4) __asm__("vcmpunordps {%2, %1, %0|%0, %1, %2}" : "=x"(m) : "x"(a.v), "x"(b.v));
    else __asm__("vcmpunordpd {%2, %1, %0|%0, %1, %2}" : "=x"(m) : "x"(a.v), "x"(b.v));
#  else
    if constexpr (sizeof(T) == 4) __asm__("cmpunordps {%2, %0|%0, %2}" : "=x"(m) : "0"(a.v), "x"(b.v));
    else __asm__("cmpunordpd {%2, %0|%0, %2}" : "=x"(m) : "0"(a.v), "x"(b.v));
#  endif
    if constexpr (sizeof(T) == 4) return {_mm_castps_si128(m)}; else return {_mm_castpd_si128(m)};
  }
  static ACTFN_INLINE register_type zero() noexcept { if constexpr (sizeof(T) == 4) return _mm_setzero_ps(); else return _mm_setzero_pd(); }
  static ACTFN_INLINE register_type broadcast_raw(T s) noexcept { if constexpr (sizeof(T) == 4) return _mm_set1_ps(s); else return _mm_set1_pd(s); }
  static ACTFN_INLINE typename bits_type::lane sign_lane() noexcept { return typename bits_type::lane(1) << (sizeof(T) * 8 - 1); }
};

// No gather instruction before AVX2: one scalar load per lane.
template <class T>
ACTFN_INLINE batch<T, sse2> gather(const T* base, sse2_bits<T> index) noexcept {
  using lane = typename sse2_bits<T>::lane;
  constexpr std::size_t n = batch<T, sse2>::size;
  alignas(16) lane i[n];
  alignas(16) T r[n];
  _mm_store_si128(reinterpret_cast<__m128i*>(i), index.v);
  for (std::size_t k = 0; k < n; ++k) r[k] = base[i[k]];
  return batch<T, sse2>::load(r);
}

}  // namespace simd

namespace detail {
ACTFN_ISA_BEGIN
template <class T>
struct value_traits<simd::batch<T, simd::sse2>> : value_traits<T> {
  using bits = simd::sse2_bits<T>;
  using mask = simd::sse2_mask<T>;
};

// The kernels, compiled for SSE2 (the caller's flags: SSE2 is the x86-64 baseline).
#  define ACTFN_TARGET sse2_kernels
#  define ACTFN_TARGET_BATCH(T) simd::batch<T, simd::sse2>
// No groups: every fma is emulated lane by lane here, so there is no latency to hide, and
// grouped copies of that code multiply the build time (GCC 12: 4x for the whole library).
#  define ACTFN_TARGET_GROUP_REGISTERS 1
#  include "../detail/target.inc"
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn

ACTFN_PRECISE_END

#endif  // x86-64
#endif
