#ifndef ACTFN_DETAIL_BITS16_HPP
#define ACTFN_DETAIL_BITS16_HPP
// The 16-bit formats on their bits: bfloat16 (8 exponent bits, 7 mantissa bits: a float's top
// half) and IEEE binary16 (5 and 10). Widening to float is exact; rounding a float's or a
// double's bits to 16 bits is round-to-nearest-even, with subnormals and overflow to infinity as
// IEEE rounding gives them. Everything is integer arithmetic: no compiler flag, rounding mode or
// FTZ/DAZ setting can change a result.
#include <cstdint>
#include <cstring>

#include "config.hpp"

namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN

struct bfloat16_format {
  static constexpr int exponent_bits = 8;
  static constexpr int mantissa_bits = 7;
};
struct float16_format {
  static constexpr int exponent_bits = 5;
  static constexpr int mantissa_bits = 10;
};

// Names a 16-bit type in a call, so that the array loops (loops.inc, compiled once per target)
// find the one-element functions of array16.hpp, defined after them, by argument-dependent lookup.
template <class H>
struct tag16 {};

// The source formats the rounding takes: float and double, on their bits.
template <class U>
struct source_format;
template <>
struct source_format<std::uint32_t> {
  static constexpr int exponent_bits = 8;
  static constexpr int mantissa_bits = 23;
};
template <>
struct source_format<std::uint64_t> {
  static constexpr int exponent_bits = 11;
  static constexpr int mantissa_bits = 52;
};

ACTFN_INLINE std::uint32_t bits_of(float x) noexcept {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
ACTFN_INLINE std::uint64_t bits_of(double x) noexcept {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
ACTFN_INLINE float float_from_bits(std::uint32_t u) noexcept {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// The 16-bit value h as the bits of a float (exact). A NaN keeps its sign and payload, shifted
// into the float's top mantissa bits (its quiet bit lands on the float's quiet bit).
template <class H>
ACTFN_INLINE std::uint32_t widen_bits(std::uint16_t h) noexcept {
  constexpr int M = H::mantissa_bits, E = H::exponent_bits;
  constexpr std::uint32_t exponent_all = (1u << E) - 1, mantissa_mask = (1u << M) - 1;
  constexpr std::uint32_t rebias = 127 - ((1u << (E - 1)) - 1);  // float's bias - the format's
  const std::uint32_t sign = std::uint32_t(h >> 15) << 31;
  const std::uint32_t e = (std::uint32_t(h) >> M) & exponent_all;
  std::uint32_t m = std::uint32_t(h) & mantissa_mask;
  if (e == exponent_all) return sign | 0x7f800000u | (m << (23 - M));
  if (e != 0) return sign | ((e + rebias) << 23) | (m << (23 - M));
  if (m == 0 || rebias == 0) return sign | (m << (23 - M));  // zeros; bfloat16's subnormals
  // A binary16 subnormal m 2^-24: normalised, it is a normal float.
  std::uint32_t exponent = rebias + 1;
  while ((m & (1u << M)) == 0) {
    m <<= 1;
    --exponent;
  }
  return sign | (exponent << 23) | ((m & mantissa_mask) << (23 - M));
}

// The float or double whose bits are `u`, rounded to nearest even in the 16-bit format H. A NaN
// keeps its sign and the top of its payload; where that would leave no payload bit (a float NaN
// whose payload is all in its low bits), the quiet bit is set, so that a NaN stays a NaN.
template <class H, class U>
ACTFN_INLINE std::uint16_t round_bits(U u) noexcept {
  using S = source_format<U>;
  constexpr int M = H::mantissa_bits, E = H::exponent_bits;
  constexpr int SM = S::mantissa_bits, SE = S::exponent_bits;
  constexpr int shift = SM - M;
  constexpr U one = 1;
  constexpr U magnitude_mask = (one << (SM + SE)) - 1;
  constexpr U source_infinity = ((one << SE) - 1) << SM;
  constexpr int bias = (1 << (E - 1)) - 1, source_bias = (1 << (SE - 1)) - 1;
  constexpr std::uint16_t infinity = std::uint16_t(((1u << E) - 1) << M);
  // The largest finite value plus half its spacing, as source bits: from it on, infinity.
  constexpr U overflow = (U((1 << E) - 2 - bias + source_bias) << SM) | (((one << (M + 1)) - 1) << (shift - 1));
  const std::uint16_t sign = std::uint16_t((u >> (SM + SE)) << 15);
  const U a = u & magnitude_mask;
  if (a > source_infinity) {
    std::uint16_t payload = std::uint16_t(a >> shift) & std::uint16_t((1u << M) - 1);
    if (payload == 0) payload = std::uint16_t(1u << (M - 1));
    return std::uint16_t(sign | infinity | payload);
  }
  if (a >= overflow) return std::uint16_t(sign | infinity);
  const int e = int(a >> SM);
  if (e - source_bias + bias >= 1) {  // normal in H: rebias, then round at bit `shift`
    const U r = a - (U(source_bias - bias) << SM);
    return std::uint16_t(sign | std::uint16_t((r + ((one << (shift - 1)) - 1) + ((r >> shift) & 1)) >> shift));
  }
  // Subnormal in H (or zero): the significand m 2^(e' - source_bias - SM), in units of H's
  // smallest subnormal 2^(1 - bias - M), is m >> k.
  const int e_effective = e == 0 ? 1 : e;
  const U m = (a & ((one << SM) - 1)) | (e == 0 ? 0 : one << SM);
  const int k = source_bias + SM + 1 - bias - M - e_effective;  // >= SM + 1 - M
  if (k >= SM + 2) return sign;  // below half the smallest subnormal
  U q = m >> k;
  const U rest = m & ((one << k) - 1), half = one << (k - 1);
  if (rest > half || (rest == half && (q & 1) != 0)) ++q;
  return std::uint16_t(sign | std::uint16_t(q));
}

// As round_bits, for a conversion a user asks for (bfloat16(x), float16(x)): a NaN comes out
// quiet, as IEEE conversions give it. The NaN test is on the bits: -ffinite-math-only cannot fold it.
template <class H>
ACTFN_INLINE std::uint16_t round_float_quieting(float x) noexcept {
  const std::uint32_t u = bits_of(x);
  const std::uint16_t quiet = (u & 0x7fffffffu) > 0x7f800000u ? std::uint16_t(1u << (H::mantissa_bits - 1)) : 0;
  return std::uint16_t(round_bits<H>(u) | quiet);
}

// Whether every value within `steps` steps of the float or double `u` (its neighbours in the
// ordering of its bits: one step is one unit in the last place) rounds to the same 16-bit value,
// counting zeros of either sign as one value. Where a result r is within `steps` ULP of the exact
// value, this is the case in which RN16(r) is the correctly rounded 16-bit result; infinities and
// NaN (exact results) always pass.
template <class H, class U>
ACTFN_INLINE bool rounds_alike(U u, U steps) noexcept {
  using S = source_format<U>;
  constexpr U one = 1;
  constexpr U sign_bit = one << (S::mantissa_bits + S::exponent_bits);
  constexpr U infinity = ((one << S::exponent_bits) - 1) << S::mantissa_bits;
  const U a = u & (sign_bit - 1);
  if (a >= infinity) return true;
  const U s = u & sign_bit;
  const U high = a + steps < infinity ? a + steps : infinity;
  const std::uint16_t up = round_bits<H>(U(s | high));
  if (a >= steps) return round_bits<H>(U(s | (a - steps))) == up;
  // The neighbours below cross zero: the other sign's values down to steps - a steps.
  return (up & 0x7fff) == 0 && (round_bits<H>(U((s ^ sign_bit) | (steps - a))) & 0x7fff) == 0;
}

// The same conversions for the array loops, written without branches (selects only) so that a
// loop over them vectorises and data-dependent branches cannot mispredict; float sources only.
// widen_lane's float16 subnormals go through an exact float product (any environment but DAZ,
// which the array API's default environment turns off).
//
// widen_lane: as widen_bits. round_lane: as round_bits, and `near` set where a value within
// `steps` ULP of the float (either side) would round differently: the rounding position's bits
// are within steps (+1) of the half-way pattern, a superset of !rounds_alike that costs a few
// more recomputations and keeps the test a mask and a compare. Infinities and NaN are never near.
template <class H>
ACTFN_INLINE std::uint32_t widen_lane(std::uint32_t h) noexcept {
  if constexpr (H::exponent_bits == 8) {
    return h << 16;
  } else {
    const std::uint32_t sign = (h & 0x8000u) << 16, magnitude = h & 0x7fffu;
    const std::uint32_t normal = (magnitude << 13) + 0x38000000u;
    const std::uint32_t special = normal + 0x38000000u;  // exponent 31 -> 255
    // A subnormal m 2^-24 through the exact conversion m * 2^-24 (a normal float).
    const std::uint32_t subnormal = bits_of(static_cast<float>(static_cast<std::int32_t>(magnitude)) * 0x1p-24f);
    const std::uint32_t r = magnitude >= 0x7c00u ? special : magnitude >= 0x0400u ? normal : subnormal;
    return sign | r;
  }
}

template <class H>
ACTFN_INLINE std::uint32_t round_lane(std::uint32_t u, std::uint32_t steps, bool& near) noexcept {
  const std::uint32_t a = u & 0x7fffffffu;
  const bool nan = a > 0x7f800000u, finite = a < 0x7f800000u;
  constexpr int M = H::mantissa_bits;
  const std::uint32_t payload = (a >> (23 - M)) & ((1u << M) - 1);
  const std::uint32_t nan_bits = ((u >> 16) & 0x8000u) | (0x7fffu & ~((1u << M) - 1)) |
                                 (payload != 0 ? payload : 1u << (M - 1));
  if constexpr (H::exponent_bits == 8) {
    const std::uint32_t rounded = (u + 0x7fffu + ((u >> 16) & 1u)) >> 16;
    near = finite && (a & 0xffffu) - (0x8000u - steps - 1) <= 2 * steps + 2;
    return nan ? nan_bits : rounded;
  } else {
    const std::uint32_t sign = (u >> 16) & 0x8000u;
    // Normal in binary16: rebias, round at bit 13.
    const std::uint32_t r = a - 0x38000000u;
    const std::uint32_t normal = (r + 0xfffu + ((r >> 13) & 1u)) >> 13;
    const bool normal_near = (r & 0x1fffu) - (0x1000u - steps - 1) <= 2 * steps + 2;
    // Subnormal in binary16: the significand m (hidden bit included) shifted right by
    // k = 126 - e (e >= 1), rounded to nearest even; k >= 26 leaves 0, never near.
    const std::uint32_t e = a >> 23;
    const std::uint32_t m = (a & 0x7fffffu) | (e != 0 ? 0x800000u : 0u);
    const std::uint32_t e1 = e != 0 ? e : 1u;
    // (Every lane computes this; k stays in [14, 25] for the normal ones too, where it is unused.)
    const std::uint32_t k = e1 >= 101u && e1 <= 112u ? 126u - e1 : 25u;
    const std::uint32_t q = m >> k, rest = m & ((1u << k) - 1), half = 1u << (k - 1);
    const std::uint32_t subnormal = q + ((rest > half || (rest == half && (q & 1u) != 0)) ? 1u : 0u);
    const std::uint32_t distance = rest > half ? rest - half : half - rest;
    const bool subnormal_near = e1 >= 101u && distance <= steps + 1;
    const bool is_normal = a >= 0x38800000u, overflows = a >= 0x477ff000u;
    near = finite && (is_normal ? normal_near : subnormal_near);
    const std::uint32_t value = overflows ? 0x7c00u : is_normal ? normal : subnormal;
    return nan ? nan_bits : (sign | value);
  }
}

ACTFN_ISA_END

// What bfloat16 and float16 share (Derived: the type; Format: its field widths). Outside the ISA
// namespace, since the types are one type across the program; the members are always inlined, so
// no TU emits one (their code depends on the TU's -m flags).
template <class Derived, class Format>
class storage16 {
 public:
  using format = Format;
  storage16() = default;  // uninitialised, as a float is
  // Round to nearest even; overflow gives infinity; a NaN stays a NaN, quiet, with its sign and
  // the top of its payload. Integer arithmetic: the same bits under any FP environment.
  ACTFN_INLINE explicit storage16(float x) noexcept : bits_(round_float_quieting<Format>(x)) {}
  // Exact.
  ACTFN_INLINE explicit operator float() const noexcept { return float_from_bits(widen_bits<Format>(bits_)); }
  ACTFN_INLINE static constexpr Derived from_bits(std::uint16_t bits) noexcept {
    Derived h{};
    h.bits_ = bits;
    return h;
  }
  ACTFN_INLINE constexpr std::uint16_t bits() const noexcept { return bits_; }

 protected:
  std::uint16_t bits_;
};

}  // namespace detail
}  // namespace actfn

#endif
