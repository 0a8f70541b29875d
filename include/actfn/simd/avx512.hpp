#ifndef ACTFN_SIMD_AVX512_HPP
#define ACTFN_SIMD_AVX512_HPP
// AVX-512 (F, DQ, BW, VL) backend: the primitive vocabulary for batch<float, avx512> (16 lanes) and
// batch<double, avx512> (8 lanes), and the generic kernels compiled for it. Everything here is
// compiled with the AVX-512 target whatever the caller's flags; it only runs after the
// dispatcher (array.hpp) has checked the CPU, or in code built with -mavx512f.
#include "../detail/config.hpp"

#if ((ACTFN_TARGETS) & ACTFN_TARGET_AVX512) && defined(ACTFN_ARCH_X86_64) && (defined(__GNUC__) || defined(__clang__))
#  define ACTFN_HAVE_AVX512_BACKEND 1
#  include <immintrin.h>

#  include <cstddef>
#  include <cstdint>
#  include <type_traits>

#  include "../detail/coefficients.hpp"
#  include "../fast.hpp"
#  include "../detail/scalar_ops.hpp"
#  include "batch.hpp"

#  if defined(__clang__)
#    pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma"))), apply_to = function)
#  else
#    pragma GCC push_options
#    pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")
#  endif
ACTFN_PRECISE_BEGIN

namespace actfn {
namespace simd {

struct avx512 {
  static constexpr const char* name = "avx512";
};

template <class T>
struct avx512_mask {
  using raw = std::conditional_t<sizeof(T) == 4, __mmask16, __mmask8>;
  raw m;
  // The k-register intrinsics keep mask arithmetic in mask registers (GCC moves plain integer
  // operations on masks to general registers and back).
  friend ACTFN_INLINE avx512_mask operator&(avx512_mask a, avx512_mask b) noexcept {
    if constexpr (sizeof(T) == 4) return {_kand_mask16(a.m, b.m)}; else return {_kand_mask8(a.m, b.m)};
  }
  friend ACTFN_INLINE avx512_mask operator|(avx512_mask a, avx512_mask b) noexcept {
    if constexpr (sizeof(T) == 4) return {_kor_mask16(a.m, b.m)}; else return {_kor_mask8(a.m, b.m)};
  }
  friend ACTFN_INLINE avx512_mask operator!(avx512_mask a) noexcept { return {raw(~a.m)}; }
  friend ACTFN_INLINE bool all_lanes(avx512_mask a) noexcept {
    if constexpr (sizeof(T) == 4) return _kortestc_mask16_u8(a.m, a.m) != 0; else return _kortestc_mask8_u8(a.m, a.m) != 0;
  }
  friend ACTFN_INLINE bool any_lane(avx512_mask a) noexcept {
    if constexpr (sizeof(T) == 4) return _kortestz_mask16_u8(a.m, a.m) == 0; else return _kortestz_mask8_u8(a.m, a.m) == 0;
  }
};

// Integer lanes of the same width, for bit manipulation.
template <class T>
struct avx512_bits {
  using lane = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  using mask = avx512_mask<T>;
  __m512i v;
  ACTFN_INLINE avx512_bits() noexcept : v(_mm512_setzero_si512()) {}
  ACTFN_INLINE avx512_bits(__m512i r) noexcept : v(r) {}
  ACTFN_INLINE explicit avx512_bits(lane s) noexcept
      : v(sizeof(T) == 4 ? _mm512_set1_epi32(static_cast<int>(s)) : _mm512_set1_epi64(static_cast<long long>(s))) {}

  friend ACTFN_INLINE avx512_bits operator&(avx512_bits a, avx512_bits b) noexcept { return _mm512_and_si512(a.v, b.v); }
  friend ACTFN_INLINE avx512_bits operator|(avx512_bits a, avx512_bits b) noexcept { return _mm512_or_si512(a.v, b.v); }
  friend ACTFN_INLINE avx512_bits operator^(avx512_bits a, avx512_bits b) noexcept { return _mm512_xor_si512(a.v, b.v); }
  friend ACTFN_INLINE avx512_bits operator~(avx512_bits a) noexcept { return _mm512_ternarylogic_epi32(a.v, a.v, a.v, 0x55); }
  friend ACTFN_INLINE avx512_bits operator+(avx512_bits a, avx512_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_add_epi32(a.v, b.v); else return _mm512_add_epi64(a.v, b.v);
  }
  friend ACTFN_INLINE avx512_bits operator-(avx512_bits a, avx512_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_sub_epi32(a.v, b.v); else return _mm512_sub_epi64(a.v, b.v);
  }
  // Shifts through GNU vector extensions: GCC 12's masked shift intrinsics trip
  // -Wmaybe-uninitialized inside its own headers.
  friend ACTFN_INLINE avx512_bits operator<<(avx512_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return reinterpret_cast<__m512i>(reinterpret_cast<__v16su>(a.v) << n);
    else return reinterpret_cast<__m512i>(reinterpret_cast<__v8du>(a.v) << n);
  }
  friend ACTFN_INLINE avx512_bits operator>>(avx512_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return reinterpret_cast<__m512i>(reinterpret_cast<__v16su>(a.v) >> n);
    else return reinterpret_cast<__m512i>(reinterpret_cast<__v8du>(a.v) >> n);
  }
  friend ACTFN_INLINE mask operator==(avx512_bits a, avx512_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm512_cmpeq_epu32_mask(a.v, b.v)}; else return {_mm512_cmpeq_epu64_mask(a.v, b.v)};
  }
  friend ACTFN_INLINE mask operator!=(avx512_bits a, avx512_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm512_cmpneq_epu32_mask(a.v, b.v)}; else return {_mm512_cmpneq_epu64_mask(a.v, b.v)};
  }
  friend ACTFN_INLINE mask operator>(avx512_bits a, avx512_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm512_cmpgt_epu32_mask(a.v, b.v)}; else return {_mm512_cmpgt_epu64_mask(a.v, b.v)};
  }
  friend ACTFN_INLINE avx512_bits select(mask m, avx512_bits a, avx512_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_mask_blend_epi32(m.m, b.v, a.v); else return _mm512_mask_blend_epi64(m.m, b.v, a.v);
  }
};

namespace avx512_detail {
template <class T> struct reg;
template <> struct reg<float> { using type = __m512; };
template <> struct reg<double> { using type = __m512d; };
}  // namespace avx512_detail

template <class T>
struct batch<T, avx512> {
  using value_type = T;
  using arch_type = avx512;
  using register_type = typename avx512_detail::reg<T>::type;
  using mask_type = avx512_mask<T>;
  using bits_type = avx512_bits<T>;
  static constexpr std::size_t size = 64 / sizeof(T);

  register_type v;

  ACTFN_INLINE batch() noexcept : v(zero()) {}
  ACTFN_INLINE batch(register_type r) noexcept : v(r) {}
  ACTFN_INLINE explicit batch(T s) noexcept : v(broadcast_raw(s)) {}

  static ACTFN_INLINE batch broadcast(T s) noexcept { return batch(s); }
  static ACTFN_INLINE batch load(const T* p) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_loadu_ps(p); else return _mm512_loadu_pd(p);
  }
  ACTFN_INLINE void store(T* p) const noexcept {
    if constexpr (sizeof(T) == 4) _mm512_storeu_ps(p, v); else _mm512_storeu_pd(p, v);
  }
  // Lanes [0, n) from p, zeros elsewhere; never touches memory past p + n.
  static ACTFN_INLINE batch load_partial(const T* p, std::size_t n) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_maskz_loadu_ps(tail(n), p); else return _mm512_maskz_loadu_pd(tail(n), p);
  }
  ACTFN_INLINE void store_partial(T* p, std::size_t n) const noexcept {
    if constexpr (sizeof(T) == 4) _mm512_mask_storeu_ps(p, tail(n), v); else _mm512_mask_storeu_pd(p, tail(n), v);
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

  // NaN or not above (below) the limit, in one unordered compare, from an asm statement: as an
  // intrinsic the compare could be folded into the ordered one wherever the caller's function
  // assumes no NaN (clang -ffinite-math-only, after inlining; relu in bench/NOTES.md).
  friend ACTFN_INLINE mask_type not_above(batch a, batch limit) noexcept { return unordered_cmp<_CMP_NGT_UQ>(a, limit); }
  friend ACTFN_INLINE mask_type not_below(batch a, batch limit) noexcept { return unordered_cmp<_CMP_NLT_UQ>(a, limit); }
  // One unordered compare instead of the generic and + integer compare on the bits, and one for
  // two registers in either_nan (backward's NaN test runs on every group: bench/NOTES.md 58, 59).
  friend ACTFN_INLINE mask_type is_nan(batch a) noexcept { return unordered_cmp<_CMP_UNORD_Q>(a, a); }
  friend ACTFN_INLINE mask_type either_nan(batch a, batch b) noexcept { return unordered_cmp<_CMP_UNORD_Q>(a, b); }
  // relu's selects and the NaN select (operations.inc) in one vfixupimm each instead of compares
  // and blends: the class of x picks x, +1 or the other operand (bench/NOTES.md 42, 43). A target
  // builtin, not a compare, so immune to -ffinite-math-only; NaN comes back with its bits,
  // signalling included.
  friend ACTFN_INLINE batch positive_or(batch x, batch otherwise) noexcept { return fixup<x_where_positive>(x, otherwise); }
  friend ACTFN_INLINE batch step_or(batch x, batch otherwise) noexcept { return fixup<one_where_positive>(x, otherwise); }
  friend ACTFN_INLINE batch nan_or(batch x, batch r) noexcept { return fixup<x_where_nan>(x, r); }
  // With a zero `otherwise`, the table's own +0 response: the instruction's destination (which it
  // reads) is then x's register, not a zero copied into a fresh one on every iteration.
  friend ACTFN_INLINE batch positive_or_zero(batch x) noexcept { return fixup<x_where_positive_else_zero>(x, x); }
  friend ACTFN_INLINE batch step_or_zero(batch x) noexcept { return fixup<one_where_positive_else_zero>(x, x); }

  // (The masked form with a full mask: _mm512_min_ps's undefined pass-through trips GCC 12's
  // -Wmaybe-uninitialized.)
  friend ACTFN_INLINE batch minimum(batch a, batch b) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_mask_min_ps(a.v, __mmask16(0xFFFF), a.v, b.v); else return _mm512_mask_min_pd(a.v, __mmask8(0xFF), a.v, b.v);
  }
  friend ACTFN_INLINE batch fma(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return _mm512_fmadd_ps(a.v, b.v, c.v); else return _mm512_fmadd_pd(a.v, b.v, c.v); }
  friend ACTFN_INLINE batch fnma(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return _mm512_fnmadd_ps(a.v, b.v, c.v); else return _mm512_fnmadd_pd(a.v, b.v, c.v); }
  friend ACTFN_INLINE batch fms(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return _mm512_fmsub_ps(a.v, b.v, c.v); else return _mm512_fmsub_pd(a.v, b.v, c.v); }
  friend ACTFN_INLINE batch select(mask_type m, batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return _mm512_mask_blend_ps(m.m, b.v, a.v); else return _mm512_mask_blend_pd(m.m, b.v, a.v); }
  friend ACTFN_INLINE bits_type to_bits(batch a) noexcept { if constexpr (sizeof(T) == 4) return _mm512_castps_si512(a.v); else return _mm512_castpd_si512(a.v); }
  friend ACTFN_INLINE batch opaque(batch a) noexcept { __asm__("" : "+v"(a.v)); return a; }

  static ACTFN_INLINE batch from_bits_raw(bits_type b) noexcept { if constexpr (sizeof(T) == 4) return _mm512_castsi512_ps(b.v); else return _mm512_castsi512_pd(b.v); }

 private:
  static ACTFN_INLINE register_type zero() noexcept { if constexpr (sizeof(T) == 4) return _mm512_setzero_ps(); else return _mm512_setzero_pd(); }
  static ACTFN_INLINE register_type broadcast_raw(T s) noexcept { if constexpr (sizeof(T) == 4) return _mm512_set1_ps(s); else return _mm512_set1_pd(s); }
  static ACTFN_INLINE typename bits_type::lane sign_lane() noexcept { return typename bits_type::lane(1) << (sizeof(T) * 8 - 1); }
  static ACTFN_INLINE typename mask_type::raw tail(std::size_t n) noexcept {
    return static_cast<typename mask_type::raw>((std::uint32_t(1) << n) - 1u);
  }
  // vfixupimm's table: a 4-bit response for each class of x, class c in bits 4c..4c+3. Classes:
  // 0 quiet NaN, 1 signalling NaN, 2 +-0, 3 +1, 4 -inf, 5 +inf, 6 other negative, 7 other
  // positive (subnormals included). Responses: 0 the destination (`otherwise`), 1 x itself,
  // 8 +0, 0xA +1. The first two: NaN -> x; +-0 and negatives -> otherwise; +1, +inf and
  // positives -> x or +1. The next two: the same with +0 for otherwise. The last: NaN -> x,
  // every other class -> otherwise.
  static constexpr int x_where_positive = 0x10101011;
  static constexpr int one_where_positive = static_cast<int>(0xA0A0A011u);
  static constexpr int x_where_positive_else_zero = 0x18181811;
  static constexpr int one_where_positive_else_zero = static_cast<int>(0xA8A8A811u);
  static constexpr int x_where_nan = 0x00000011;
  template <int table>
  static ACTFN_INLINE batch fixup(batch x, batch otherwise) noexcept {
    if constexpr (sizeof(T) == 4) return _mm512_fixupimm_ps(otherwise.v, x.v, _mm512_set1_epi32(table), 0);
    else return _mm512_fixupimm_pd(otherwise.v, x.v, _mm512_set1_epi64(table), 0);
  }
  template <int predicate>
  static ACTFN_INLINE mask_type cmp(batch a, batch b) noexcept {
    if constexpr (sizeof(T) == 4) return {_mm512_cmp_ps_mask(a.v, b.v, predicate)}; else return {_mm512_cmp_pd_mask(a.v, b.v, predicate)};
  }
  template <int predicate>
  static ACTFN_INLINE mask_type unordered_cmp(batch a, batch b) noexcept {
    typename mask_type::raw k;
    if constexpr (sizeof(T) == 4)
      __asm__("vcmpps {%3, %2, %1, %0|%0, %1, %2, %3}" : "=k"(k) : "v"(a.v), "v"(b.v), "n"(predicate));
    else
      __asm__("vcmppd {%3, %2, %1, %0|%0, %1, %2, %3}" : "=k"(k) : "v"(a.v), "v"(b.v), "n"(predicate));
    return {k};
  }
};

template <class T>
ACTFN_INLINE batch<T, avx512> gather(const T* base, avx512_bits<T> index) noexcept {
  // The masked forms: GCC 12's unmasked ones trip -Wmaybe-uninitialized in its own header.
  if constexpr (sizeof(T) == 4) return _mm512_mask_i32gather_ps(_mm512_setzero_ps(), __mmask16(0xFFFF), index.v, base, 4);
  else return _mm512_mask_i64gather_pd(_mm512_setzero_pd(), __mmask8(0xFF), index.v, base, 8);
}

// column[row] for row < 64, from four registers by two-source permutes instead of a gather
// (exact GELU, which reads nine columns a vector: 0.28 -> 0.81 el/ns, bench/NOTES.md). Double has
// 8 lanes a register, so four permutes, selected by bits 4 and 5 of the row.
template <class T>
ACTFN_INLINE batch<T, avx512> lookup64(const T* column, avx512_bits<T> row) noexcept {
  if constexpr (sizeof(T) == 4) {
    __m512 lower = _mm512_permutex2var_ps(_mm512_loadu_ps(column), row.v, _mm512_loadu_ps(column + 16));
    __m512 upper = _mm512_permutex2var_ps(_mm512_loadu_ps(column + 32), row.v, _mm512_loadu_ps(column + 48));
    return _mm512_mask_blend_ps(_mm512_test_epi32_mask(row.v, _mm512_set1_epi32(32)), lower, upper);
  } else {
    __m512d q[4];
    for (int i = 0; i < 4; ++i)
      q[i] = _mm512_permutex2var_pd(_mm512_loadu_pd(column + 16 * i), row.v, _mm512_loadu_pd(column + 16 * i + 8));
    __mmask8 bit4 = _mm512_test_epi64_mask(row.v, _mm512_set1_epi64(16));
    __mmask8 bit5 = _mm512_test_epi64_mask(row.v, _mm512_set1_epi64(32));
    return _mm512_mask_blend_pd(bit5, _mm512_mask_blend_pd(bit4, q[0], q[1]), _mm512_mask_blend_pd(bit4, q[2], q[3]));
  }
}

// column[row mod 16] (float's Mills tables) by one permute of a register, instead of a gather.
// (The zero-masked form, as gather's: GCC 12's unmasked one trips -Wmaybe-uninitialized.)
template <class T>
ACTFN_INLINE batch<T, avx512> lookup16(const T* column, avx512_bits<T> row) noexcept {
  static_assert(sizeof(T) == 4, "only float reads 16-row tables");
  return _mm512_maskz_permutexvar_ps(__mmask16(0xFFFF), row.v, _mm512_loadu_ps(column));
}

}  // namespace simd

namespace detail {
ACTFN_ISA_BEGIN
template <class T>
struct value_traits<simd::batch<T, simd::avx512>> : value_traits<T> {
  using bits = simd::avx512_bits<T>;
  using mask = simd::avx512_mask<T>;
};

// The kernels, compiled for AVX-512.
#  define ACTFN_TARGET avx512_kernels
#  define ACTFN_TARGET_BATCH(T) simd::batch<T, simd::avx512>
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
