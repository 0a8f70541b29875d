#ifndef ACTFN_SIMD_AVX2_HPP
#define ACTFN_SIMD_AVX2_HPP
// AVX2 + FMA backend: batch<float, avx2> (8 lanes) and batch<double, avx2> (4 lanes), and the
// generic kernels compiled for it. Compiled with the AVX2/FMA target whatever the caller's flags;
// it only runs after the dispatcher (array.hpp) has checked the CPU, or in code built with
// -mavx2 -mfma. Masks are full-width lane masks, as the compare instructions produce them.
#include "../detail/config.hpp"

#if ((ACTFN_TARGETS) & ACTFN_TARGET_AVX2) && defined(ACTFN_ARCH_X86_64) && (defined(__GNUC__) || defined(__clang__))
#  define ACTFN_HAVE_AVX2_BACKEND 1
#  include <immintrin.h>

#  include <cstddef>
#  include <cstdint>
#  include <type_traits>

#  include "../detail/coefficients.hpp"
#  include "../fast.hpp"
#  include "../detail/scalar_ops.hpp"
#  include "batch.hpp"

#  if defined(__clang__)
#    pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#  else
#    pragma GCC push_options
#    pragma GCC target("avx2,fma")
#  endif
ACTFN_PRECISE_BEGIN

namespace actfn {
namespace simd {

struct avx2 {
  static constexpr const char* name = "avx2";
};

// All-ones or all-zeros per lane, as an integer register.
template <class T>
struct avx2_mask {
  __m256i m;
  friend ACTFN_INLINE avx2_mask operator&(avx2_mask a, avx2_mask b) noexcept { return {_mm256_and_si256(a.m, b.m)}; }
  friend ACTFN_INLINE avx2_mask operator|(avx2_mask a, avx2_mask b) noexcept { return {_mm256_or_si256(a.m, b.m)}; }
  friend ACTFN_INLINE avx2_mask operator!(avx2_mask a) noexcept { return {_mm256_xor_si256(a.m, _mm256_set1_epi32(-1))}; }
  friend ACTFN_INLINE bool all_lanes(avx2_mask a) noexcept { return _mm256_movemask_epi8(a.m) == -1; }
  friend ACTFN_INLINE bool any_lane(avx2_mask a) noexcept { return _mm256_movemask_epi8(a.m) != 0; }
};

template <class T>
struct avx2_bits {
  using lane = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  using mask = avx2_mask<T>;
  __m256i v;
  ACTFN_INLINE avx2_bits() noexcept : v(_mm256_setzero_si256()) {}
  ACTFN_INLINE avx2_bits(__m256i r) noexcept : v(r) {}
  ACTFN_INLINE explicit avx2_bits(lane s) noexcept
      : v(sizeof(T) == 4 ? _mm256_set1_epi32(static_cast<int>(s)) : _mm256_set1_epi64x(static_cast<long long>(s))) {}

  friend ACTFN_INLINE avx2_bits operator&(avx2_bits a, avx2_bits b) noexcept { return _mm256_and_si256(a.v, b.v); }
  friend ACTFN_INLINE avx2_bits operator|(avx2_bits a, avx2_bits b) noexcept { return _mm256_or_si256(a.v, b.v); }
  friend ACTFN_INLINE avx2_bits operator^(avx2_bits a, avx2_bits b) noexcept { return _mm256_xor_si256(a.v, b.v); }
  friend ACTFN_INLINE avx2_bits operator~(avx2_bits a) noexcept { return _mm256_xor_si256(a.v, _mm256_set1_epi32(-1)); }
  friend ACTFN_INLINE avx2_bits operator+(avx2_bits a, avx2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_add_epi32(a.v, b.v); else return _mm256_add_epi64(a.v, b.v);
  }
  friend ACTFN_INLINE avx2_bits operator-(avx2_bits a, avx2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_sub_epi32(a.v, b.v); else return _mm256_sub_epi64(a.v, b.v);
  }
  friend ACTFN_INLINE avx2_bits operator<<(avx2_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_slli_epi32(a.v, n); else return _mm256_slli_epi64(a.v, n);
  }
  friend ACTFN_INLINE avx2_bits operator>>(avx2_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_srli_epi32(a.v, n); else return _mm256_srli_epi64(a.v, n);
  }
  friend ACTFN_INLINE mask operator==(avx2_bits a, avx2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm256_cmpeq_epi32(a.v, b.v)}; else return {_mm256_cmpeq_epi64(a.v, b.v)};
  }
  friend ACTFN_INLINE mask operator!=(avx2_bits a, avx2_bits b) noexcept { return !(a == b); }
  // Signed compare: the kernels only compare values below 2^(lane bits - 1) (sign bit cleared).
  friend ACTFN_INLINE mask operator>(avx2_bits a, avx2_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm256_cmpgt_epi32(a.v, b.v)}; else return {_mm256_cmpgt_epi64(a.v, b.v)};
  }
  friend ACTFN_INLINE avx2_bits select(mask m, avx2_bits a, avx2_bits b) noexcept { return _mm256_blendv_epi8(b.v, a.v, m.m); }
};

namespace avx2_detail {
template <class T> struct reg;
template <> struct reg<float> { using type = __m256; };
template <> struct reg<double> { using type = __m256d; };
}  // namespace avx2_detail

template <class T>
struct batch<T, avx2> {
  using value_type = T;
  using arch_type = avx2;
  using register_type = typename avx2_detail::reg<T>::type;
  using mask_type = avx2_mask<T>;
  using bits_type = avx2_bits<T>;
  static constexpr std::size_t size = 32 / sizeof(T);

  register_type v;

  ACTFN_INLINE batch() noexcept : v(zero()) {}
  ACTFN_INLINE batch(register_type r) noexcept : v(r) {}
  ACTFN_INLINE explicit batch(T s) noexcept : v(broadcast_raw(s)) {}

  static ACTFN_INLINE batch broadcast(T s) noexcept { return batch(s); }
  static ACTFN_INLINE batch load(const T* p) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_loadu_ps(p); else return _mm256_loadu_pd(p);
  }
  ACTFN_INLINE void store(T* p) const noexcept {
    if constexpr (sizeof(T) == 4) _mm256_storeu_ps(p, v); else _mm256_storeu_pd(p, v);
  }
  // Lanes [0, n) from p, zeros elsewhere; masked-off lanes are never read or written.
  static ACTFN_INLINE batch load_partial(const T* p, std::size_t n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_maskload_ps(p, tail(n)); else return _mm256_maskload_pd(p, tail(n));
  }
  ACTFN_INLINE void store_partial(T* p, std::size_t n) const noexcept {
    if constexpr (sizeof(T) == 4) _mm256_maskstore_ps(p, tail(n), v); else _mm256_maskstore_pd(p, tail(n), v);
  }

  // Arithmetic through the compilers' vector operators, not the intrinsics: clang compiles an
  // intrinsic's body with the caller's -ffast-math, but these with our precise-FP region.
  friend ACTFN_INLINE batch operator+(batch a, batch b) noexcept { return a.v + b.v; }
  friend ACTFN_INLINE batch operator-(batch a, batch b) noexcept { return a.v - b.v; }
  friend ACTFN_INLINE batch operator*(batch a, batch b) noexcept { return a.v * b.v; }
  friend ACTFN_INLINE batch operator/(batch a, batch b) noexcept { return a.v / b.v; }
  friend ACTFN_INLINE batch operator-(batch a) noexcept { return from_bits_raw(to_bits(a) ^ bits_type(sign_lane())); }
  friend ACTFN_INLINE mask_type operator<(batch a, batch b) noexcept { return cmp<_CMP_LT_OQ>(a, b); }
  friend ACTFN_INLINE mask_type operator<=(batch a, batch b) noexcept { return cmp<_CMP_LE_OQ>(a, b); }
  friend ACTFN_INLINE mask_type operator>(batch a, batch b) noexcept { return cmp<_CMP_GT_OQ>(a, b); }
  friend ACTFN_INLINE mask_type operator>=(batch a, batch b) noexcept { return cmp<_CMP_GE_OQ>(a, b); }
  friend ACTFN_INLINE mask_type operator==(batch a, batch b) noexcept { return cmp<_CMP_EQ_OQ>(a, b); }

  // NaN or not above (below) the limit, and NaN or above zero, each in one unordered compare
  // from an asm statement (as an intrinsic, the compare could be folded into the ordered one
  // wherever the caller assumes no NaN: clang -ffinite-math-only); NaN by a self-compare. For
  // the central-range tests and the NaN and relu selects (bench/NOTES.md 44).
  friend ACTFN_INLINE mask_type not_above(batch a, batch limit) noexcept { return unordered_cmp<_CMP_NGT_UQ>(a, limit); }
  friend ACTFN_INLINE mask_type not_below(batch a, batch limit) noexcept { return unordered_cmp<_CMP_NLT_UQ>(a, limit); }
  // One unordered compare instead of the generic and + integer compare on the bits, and one for
  // two registers in either_nan (backward's NaN test runs on every group: bench/NOTES.md 58, 59).
  friend ACTFN_INLINE mask_type is_nan(batch a) noexcept { return unordered_cmp<_CMP_UNORD_Q>(a, a); }
  friend ACTFN_INLINE mask_type either_nan(batch a, batch b) noexcept { return unordered_cmp<_CMP_UNORD_Q>(a, b); }
  friend ACTFN_INLINE batch nan_or(batch x, batch r) noexcept { return select(is_nan(x), x, r); }
  friend ACTFN_INLINE batch positive_or(batch x, batch otherwise) noexcept {
    return select(unordered_cmp<_CMP_NLE_UQ>(x, batch(zero())), x, otherwise);
  }

  friend ACTFN_INLINE batch minimum(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return _mm256_min_ps(a.v, b.v); else return _mm256_min_pd(a.v, b.v); }
  friend ACTFN_INLINE batch fma(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return _mm256_fmadd_ps(a.v, b.v, c.v); else return _mm256_fmadd_pd(a.v, b.v, c.v); }
  friend ACTFN_INLINE batch fnma(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return _mm256_fnmadd_ps(a.v, b.v, c.v); else return _mm256_fnmadd_pd(a.v, b.v, c.v); }
  friend ACTFN_INLINE batch fms(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return _mm256_fmsub_ps(a.v, b.v, c.v); else return _mm256_fmsub_pd(a.v, b.v, c.v); }
  friend ACTFN_INLINE batch select(mask_type m, batch a, batch b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_blendv_ps(b.v, a.v, _mm256_castsi256_ps(m.m));
    else return _mm256_blendv_pd(b.v, a.v, _mm256_castsi256_pd(m.m));
  }
  friend ACTFN_INLINE bits_type to_bits(batch a) noexcept { if constexpr (sizeof(T) == 4) return _mm256_castps_si256(a.v); else return _mm256_castpd_si256(a.v); }
  friend ACTFN_INLINE batch opaque(batch a) noexcept { __asm__("" : "+x"(a.v)); return a; }

  static ACTFN_INLINE batch from_bits_raw(bits_type b) noexcept { if constexpr (sizeof(T) == 4) return _mm256_castsi256_ps(b.v); else return _mm256_castsi256_pd(b.v); }

 private:
  static ACTFN_INLINE register_type zero() noexcept { if constexpr (sizeof(T) == 4) return _mm256_setzero_ps(); else return _mm256_setzero_pd(); }
  static ACTFN_INLINE register_type broadcast_raw(T s) noexcept { if constexpr (sizeof(T) == 4) return _mm256_set1_ps(s); else return _mm256_set1_pd(s); }
  static ACTFN_INLINE typename bits_type::lane sign_lane() noexcept { return typename bits_type::lane(1) << (sizeof(T) * 8 - 1); }
  // Lane i is active when i < n.
  static ACTFN_INLINE __m256i tail(std::size_t n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(n)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    else return _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(n)), _mm256_setr_epi64x(0, 1, 2, 3));
  }
  template <int predicate>
  static ACTFN_INLINE mask_type cmp(batch a, batch b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm256_castps_si256(_mm256_cmp_ps(a.v, b.v, predicate))};
    else return {_mm256_castpd_si256(_mm256_cmp_pd(a.v, b.v, predicate))};
  }
  template <int predicate>
  static ACTFN_INLINE mask_type unordered_cmp(batch a, batch b) noexcept {
    register_type m;
    if constexpr (sizeof(T) == 4) {
      __asm__("vcmpps {%3, %2, %1, %0|%0, %1, %2, %3}" : "=x"(m) : "x"(a.v), "x"(b.v), "n"(predicate));
      return {_mm256_castps_si256(m)};
    } else {
      __asm__("vcmppd {%3, %2, %1, %0|%0, %1, %2, %3}" : "=x"(m) : "x"(a.v), "x"(b.v), "n"(predicate));
      return {_mm256_castpd_si256(m)};
    }
  }
};

template <class T>
ACTFN_INLINE batch<T, avx2> gather(const T* base, avx2_bits<T> index) noexcept {
  if constexpr (sizeof(T) == 4) {
    return _mm256_mask_i32gather_ps(_mm256_setzero_ps(), base, index.v, _mm256_castsi256_ps(_mm256_set1_epi32(-1)), 4);
  } else {
    return _mm256_mask_i64gather_pd(_mm256_setzero_pd(), base, index.v, _mm256_castsi256_pd(_mm256_set1_epi32(-1)), 8);
  }
}

// column[row mod 16] (float's Mills tables): two one-source permutes (each of 8 entries, row
// mod 8) and a blend on bit 3 of the row, instead of a gather.
template <class T>
ACTFN_INLINE batch<T, avx2> lookup16(const T* column, avx2_bits<T> row) noexcept {
  static_assert(sizeof(T) == 4, "only float reads 16-row tables");
  __m256 lower = _mm256_permutevar8x32_ps(_mm256_loadu_ps(column), row.v);
  __m256 upper = _mm256_permutevar8x32_ps(_mm256_loadu_ps(column + 8), row.v);
  return _mm256_blendv_ps(lower, upper, _mm256_castsi256_ps(_mm256_slli_epi32(row.v, 28)));
}

}  // namespace simd

namespace detail {
ACTFN_ISA_BEGIN
template <class T>
struct value_traits<simd::batch<T, simd::avx2>> : value_traits<T> {
  using bits = simd::avx2_bits<T>;
  using mask = simd::avx2_mask<T>;
};

// The kernels, compiled for AVX2 + FMA.
#  define ACTFN_TARGET avx2_kernels
#  define ACTFN_TARGET_BATCH(T) simd::batch<T, simd::avx2>
#  define ACTFN_TARGET_GROUP_REGISTERS ACTFN_GROUP_REGISTERS
#  include "../detail/target.inc"
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn

ACTFN_PRECISE_END
#  if defined(__clang__)
#    pragma clang attribute pop
#  else
#    pragma GCC pop_options
#  endif

#endif  // x86-64
#endif
