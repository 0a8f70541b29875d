#ifndef ACTFN_SIMD_NEON_HPP
#define ACTFN_SIMD_NEON_HPP
// AArch64 NEON (Advanced SIMD) backend: batch<float, neon> (float32x4_t) and batch<double, neon>
// (float64x2_t), and the generic kernels compiled for it. NEON is part of the AArch64 baseline,
// so it needs no target region: it is compiled with the caller's flags, like the scalar backend.
// AArch64 vector arithmetic is IEEE-754 under the same FPCR as scalar code (subnormals kept
// unless the process sets FZ), and vfmaq is a true fused multiply-add, so every lane rounds as
// the scalar backend does. Masks are full-width lane masks, as the compare instructions produce.
#include "../detail/config.hpp"

#if ((ACTFN_TARGETS) & ACTFN_TARGET_NEON) && defined(ACTFN_ARCH_AARCH64) && defined(__ARM_NEON) && (defined(__GNUC__) || defined(__clang__))
#  define ACTFN_HAVE_NEON_BACKEND 1
#  include <arm_neon.h>

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

struct neon {
  static constexpr const char* name = "neon";
};

namespace neon_detail {
template <class T> struct reg;
template <> struct reg<float> { using type = float32x4_t; using bits = uint32x4_t; using sbits = int32x4_t; };
template <> struct reg<double> { using type = float64x2_t; using bits = uint64x2_t; using sbits = int64x2_t; };

// The integer intrinsics, by lane width (NEON names them per element type).
ACTFN_INLINE uint32x4_t bit_and(uint32x4_t a, uint32x4_t b) noexcept { return vandq_u32(a, b); }
ACTFN_INLINE uint64x2_t bit_and(uint64x2_t a, uint64x2_t b) noexcept { return vandq_u64(a, b); }
ACTFN_INLINE uint32x4_t bit_or(uint32x4_t a, uint32x4_t b) noexcept { return vorrq_u32(a, b); }
ACTFN_INLINE uint64x2_t bit_or(uint64x2_t a, uint64x2_t b) noexcept { return vorrq_u64(a, b); }
ACTFN_INLINE uint32x4_t bit_xor(uint32x4_t a, uint32x4_t b) noexcept { return veorq_u32(a, b); }
ACTFN_INLINE uint64x2_t bit_xor(uint64x2_t a, uint64x2_t b) noexcept { return veorq_u64(a, b); }
// No vmvnq_u64: NOT is the same on any lane width.
ACTFN_INLINE uint32x4_t bit_not(uint32x4_t a) noexcept { return vmvnq_u32(a); }
ACTFN_INLINE uint64x2_t bit_not(uint64x2_t a) noexcept { return vreinterpretq_u64_u32(vmvnq_u32(vreinterpretq_u32_u64(a))); }
ACTFN_INLINE uint32x4_t bit_select(uint32x4_t m, uint32x4_t a, uint32x4_t b) noexcept { return vbslq_u32(m, a, b); }
ACTFN_INLINE uint64x2_t bit_select(uint64x2_t m, uint64x2_t a, uint64x2_t b) noexcept { return vbslq_u64(m, a, b); }
ACTFN_INLINE bool all_ones(uint32x4_t m) noexcept { return vminvq_u32(m) == 0xFFFFFFFFu; }
ACTFN_INLINE bool all_ones(uint64x2_t m) noexcept { return vminvq_u32(vreinterpretq_u32_u64(m)) == 0xFFFFFFFFu; }
ACTFN_INLINE bool any_ones(uint32x4_t m) noexcept { return vmaxvq_u32(m) != 0; }
ACTFN_INLINE bool any_ones(uint64x2_t m) noexcept { return vmaxvq_u32(vreinterpretq_u32_u64(m)) != 0; }
}  // namespace neon_detail

// All-ones or all-zeros per lane.
template <class T>
struct neon_mask {
  using raw = typename neon_detail::reg<T>::bits;
  raw m;
  friend ACTFN_INLINE neon_mask operator&(neon_mask a, neon_mask b) noexcept { return {neon_detail::bit_and(a.m, b.m)}; }
  friend ACTFN_INLINE neon_mask operator|(neon_mask a, neon_mask b) noexcept { return {neon_detail::bit_or(a.m, b.m)}; }
  friend ACTFN_INLINE neon_mask operator!(neon_mask a) noexcept { return {neon_detail::bit_not(a.m)}; }
  friend ACTFN_INLINE bool all_lanes(neon_mask a) noexcept { return neon_detail::all_ones(a.m); }
  friend ACTFN_INLINE bool any_lane(neon_mask a) noexcept { return neon_detail::any_ones(a.m); }
};

template <class T>
struct neon_bits {
  using lane = std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>;
  using raw = typename neon_detail::reg<T>::bits;
  using mask = neon_mask<T>;
  raw v;
  ACTFN_INLINE neon_bits() noexcept : v(splat_raw(0)) {}
  ACTFN_INLINE neon_bits(raw r) noexcept : v(r) {}
  ACTFN_INLINE explicit neon_bits(lane s) noexcept : v(splat_raw(s)) {}

  friend ACTFN_INLINE neon_bits operator&(neon_bits a, neon_bits b) noexcept { return neon_detail::bit_and(a.v, b.v); }
  friend ACTFN_INLINE neon_bits operator|(neon_bits a, neon_bits b) noexcept { return neon_detail::bit_or(a.v, b.v); }
  friend ACTFN_INLINE neon_bits operator^(neon_bits a, neon_bits b) noexcept { return neon_detail::bit_xor(a.v, b.v); }
  friend ACTFN_INLINE neon_bits operator~(neon_bits a) noexcept { return neon_detail::bit_not(a.v); }
  friend ACTFN_INLINE neon_bits operator+(neon_bits a, neon_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return vaddq_u32(a.v, b.v); else return vaddq_u64(a.v, b.v);
  }
  friend ACTFN_INLINE neon_bits operator-(neon_bits a, neon_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return vsubq_u32(a.v, b.v); else return vsubq_u64(a.v, b.v);
  }
  // vshlq by a register count (the immediate forms need a constant): a negative count shifts
  // right, logically for unsigned lanes.
  friend ACTFN_INLINE neon_bits operator<<(neon_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return vshlq_u32(a.v, vdupq_n_s32(n)); else return vshlq_u64(a.v, vdupq_n_s64(n));
  }
  friend ACTFN_INLINE neon_bits operator>>(neon_bits a, int n) noexcept {
    if constexpr (sizeof(T) == 4) return vshlq_u32(a.v, vdupq_n_s32(-n)); else return vshlq_u64(a.v, vdupq_n_s64(-n));
  }
  friend ACTFN_INLINE mask operator==(neon_bits a, neon_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {vceqq_u32(a.v, b.v)}; else return {vceqq_u64(a.v, b.v)};
  }
  friend ACTFN_INLINE mask operator!=(neon_bits a, neon_bits b) noexcept { return !(a == b); }
  // Signed compare, as the x86 backends (the kernels only compare values with the sign bit clear).
  friend ACTFN_INLINE mask operator>(neon_bits a, neon_bits b) noexcept {
    if constexpr (sizeof(T) == 4) return {vcgtq_s32(vreinterpretq_s32_u32(a.v), vreinterpretq_s32_u32(b.v))};
    else return {vcgtq_s64(vreinterpretq_s64_u64(a.v), vreinterpretq_s64_u64(b.v))};
  }
  friend ACTFN_INLINE neon_bits select(mask m, neon_bits a, neon_bits b) noexcept { return neon_detail::bit_select(m.m, a.v, b.v); }

 private:
  static ACTFN_INLINE raw splat_raw(lane s) noexcept {
    if constexpr (sizeof(T) == 4) return vdupq_n_u32(s); else return vdupq_n_u64(s);
  }
};

template <class T>
struct batch<T, neon> {
  using value_type = T;
  using arch_type = neon;
  using register_type = typename neon_detail::reg<T>::type;
  using mask_type = neon_mask<T>;
  using bits_type = neon_bits<T>;
  static constexpr std::size_t size = 16 / sizeof(T);

  register_type v;

  ACTFN_INLINE batch() noexcept : v(broadcast_raw(T(0))) {}
  ACTFN_INLINE batch(register_type r) noexcept : v(r) {}
  ACTFN_INLINE explicit batch(T s) noexcept : v(broadcast_raw(s)) {}

  static ACTFN_INLINE batch broadcast(T s) noexcept { return batch(s); }
  static ACTFN_INLINE batch load(const T* p) noexcept {
    if constexpr (sizeof(T) == 4) return vld1q_f32(p); else return vld1q_f64(p);
  }
  ACTFN_INLINE void store(T* p) const noexcept {
    if constexpr (sizeof(T) == 4) vst1q_f32(p, v); else vst1q_f64(p, v);
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

  // Arithmetic through the compilers' vector operators, as the x86 backends: an intrinsic's body
  // may be compiled with the caller's -ffast-math (clang), these are in our precise-FP region.
  friend ACTFN_INLINE batch operator+(batch a, batch b) noexcept { return a.v + b.v; }
  friend ACTFN_INLINE batch operator-(batch a, batch b) noexcept { return a.v - b.v; }
  friend ACTFN_INLINE batch operator*(batch a, batch b) noexcept { return a.v * b.v; }
  friend ACTFN_INLINE batch operator/(batch a, batch b) noexcept { return a.v / b.v; }
  friend ACTFN_INLINE batch operator-(batch a) noexcept { return from_bits_raw(to_bits(a) ^ bits_type(sign_lane())); }
  friend ACTFN_INLINE mask_type operator<(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {vcltq_f32(a.v, b.v)}; else return {vcltq_f64(a.v, b.v)}; }
  friend ACTFN_INLINE mask_type operator<=(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {vcleq_f32(a.v, b.v)}; else return {vcleq_f64(a.v, b.v)}; }
  friend ACTFN_INLINE mask_type operator>(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {vcgtq_f32(a.v, b.v)}; else return {vcgtq_f64(a.v, b.v)}; }
  friend ACTFN_INLINE mask_type operator>=(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {vcgeq_f32(a.v, b.v)}; else return {vcgeq_f64(a.v, b.v)}; }
  friend ACTFN_INLINE mask_type operator==(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return {vceqq_f32(a.v, b.v)}; else return {vceqq_f64(a.v, b.v)}; }

  friend ACTFN_INLINE batch minimum(batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return vminq_f32(a.v, b.v); else return vminq_f64(a.v, b.v); }
  // a * b + c, fused (FMLA): vfmaq(addend, x, y).
  friend ACTFN_INLINE batch fma(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return vfmaq_f32(c.v, a.v, b.v); else return vfmaq_f64(c.v, a.v, b.v); }
  // c - a b, fused (FMLS); a b - c has no instruction and keeps the generic fma(a, b, -c).
  friend ACTFN_INLINE batch fnma(batch a, batch b, batch c) noexcept { if constexpr (sizeof(T) == 4) return vfmsq_f32(c.v, a.v, b.v); else return vfmsq_f64(c.v, a.v, b.v); }
  friend ACTFN_INLINE batch select(mask_type m, batch a, batch b) noexcept { if constexpr (sizeof(T) == 4) return vbslq_f32(m.m, a.v, b.v); else return vbslq_f64(m.m, a.v, b.v); }
  friend ACTFN_INLINE bits_type to_bits(batch a) noexcept { if constexpr (sizeof(T) == 4) return vreinterpretq_u32_f32(a.v); else return vreinterpretq_u64_f64(a.v); }
  friend ACTFN_INLINE batch opaque(batch a) noexcept { __asm__("" : "+w"(a.v)); return a; }

  static ACTFN_INLINE batch from_bits_raw(bits_type b) noexcept { if constexpr (sizeof(T) == 4) return vreinterpretq_f32_u32(b.v); else return vreinterpretq_f64_u64(b.v); }

 private:
  static ACTFN_INLINE register_type broadcast_raw(T s) noexcept { if constexpr (sizeof(T) == 4) return vdupq_n_f32(s); else return vdupq_n_f64(s); }
  static ACTFN_INLINE typename bits_type::lane sign_lane() noexcept { return typename bits_type::lane(1) << (sizeof(T) * 8 - 1); }
};

// No gather instruction: one scalar load per lane.
template <class T>
ACTFN_INLINE batch<T, neon> gather(const T* base, neon_bits<T> index) noexcept {
  if constexpr (sizeof(T) == 4) {
    const float r[4] = {base[vgetq_lane_u32(index.v, 0)], base[vgetq_lane_u32(index.v, 1)],
                        base[vgetq_lane_u32(index.v, 2)], base[vgetq_lane_u32(index.v, 3)]};
    return vld1q_f32(r);
  } else {
    const double r[2] = {base[vgetq_lane_u64(index.v, 0)], base[vgetq_lane_u64(index.v, 1)]};
    return vld1q_f64(r);
  }
}

// column[row mod 16] (float's Mills tables) by one four-register table lookup on bytes (lane i
// reads bytes 4 row .. 4 row + 3), instead of four scalar loads.
template <class T>
ACTFN_INLINE batch<T, neon> lookup16(const T* column, neon_bits<T> row) noexcept {
  static_assert(sizeof(T) == 4, "only float reads 16-row tables");
  uint32x4_t bytes = vmlaq_n_u32(vdupq_n_u32(0x03020100u), vandq_u32(row.v, vdupq_n_u32(15)), 0x04040404u);
  uint8x16x4_t table = vld1q_u8_x4(reinterpret_cast<const std::uint8_t*>(column));
  return vreinterpretq_f32_u8(vqtbl4q_u8(table, vreinterpretq_u8_u32(bytes)));
}

}  // namespace simd

namespace detail {
ACTFN_ISA_BEGIN
template <class T>
struct value_traits<simd::batch<T, simd::neon>> : value_traits<T> {
  using bits = simd::neon_bits<T>;
  using mask = simd::neon_mask<T>;
};

// The kernels, compiled for NEON (the caller's flags: NEON is the AArch64 baseline).
#  define ACTFN_TARGET neon_kernels
#  define ACTFN_TARGET_BATCH(T) simd::batch<T, simd::neon>
#  define ACTFN_TARGET_GROUP_REGISTERS ACTFN_GROUP_REGISTERS
#  include "../detail/target.inc"
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn

ACTFN_PRECISE_END

#endif  // aarch64
#endif
