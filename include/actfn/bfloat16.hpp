#ifndef ACTFN_BFLOAT16_HPP
#define ACTFN_BFLOAT16_HPP
// actfn::bfloat16: the 16-bit brain floating-point format (a float's sign, 8-bit exponent and top
// 7 mantissa bits), a storage type for the array API (array.hpp). Two bytes, trivially copyable,
// standard layout, with the bit layout of __bf16, std::bfloat16_t (C++23), c10::BFloat16 and
// Eigen::bfloat16: a reinterpret_cast of a buffer of those (or of std::uint16_t bit patterns) is
// the way in. No arithmetic: convert to float for that.
#include <cstdint>

#include "detail/bits16.hpp"
#include "detail/config.hpp"

namespace actfn {

class bfloat16 {
 public:
  using format = detail::bfloat16_format;  // its field widths (detail/bits16.hpp)
  bfloat16() = default;  // uninitialised, as a float is
  // Round to nearest even; overflow gives infinity; a NaN stays a NaN, quiet, with its sign and
  // the top of its payload. Integer arithmetic: the same bits under any FP environment.
  ACTFN_INLINE explicit bfloat16(float x) noexcept
      : bits_(detail::round_float_quieting<detail::bfloat16_format>(x)) {}
  // Exact.
  ACTFN_INLINE explicit operator float() const noexcept {
    return detail::float_from_bits(detail::widen_bits<detail::bfloat16_format>(bits_));
  }
  ACTFN_INLINE static constexpr bfloat16 from_bits(std::uint16_t bits) noexcept { return bfloat16(bits, 0); }
  ACTFN_INLINE constexpr std::uint16_t bits() const noexcept { return bits_; }

 private:
  constexpr bfloat16(std::uint16_t bits, int) noexcept : bits_(bits) {}
  std::uint16_t bits_;
};

static_assert(sizeof(bfloat16) == 2, "bfloat16 is two bytes");

}  // namespace actfn

#endif
