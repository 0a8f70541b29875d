#ifndef ACTFN_FLOAT16_HPP
#define ACTFN_FLOAT16_HPP
// actfn::float16: IEEE 754 binary16 (sign, 5-bit exponent, 10-bit mantissa; subnormals down to
// 2^-24), a storage type for the array API (array.hpp). Two bytes, trivially copyable, standard
// layout, with the bit layout of _Float16, std::float16_t (C++23), c10::Half and Eigen::half: a
// reinterpret_cast of a buffer of those (or of std::uint16_t bit patterns) is the way in. No
// arithmetic: convert to float for that.
#include <cstdint>

#include "detail/bits16.hpp"
#include "detail/config.hpp"

namespace actfn {

class float16 {
 public:
  using format = detail::float16_format;  // its field widths (detail/bits16.hpp)
  float16() = default;  // uninitialised, as a float is
  // Round to nearest even; overflow gives infinity; a NaN stays a NaN, quiet, with its sign and
  // the top of its payload. Integer arithmetic: the same bits under any FP environment.
  ACTFN_INLINE explicit float16(float x) noexcept
      : bits_(detail::round_float_quieting<detail::float16_format>(x)) {}
  // Exact.
  ACTFN_INLINE explicit operator float() const noexcept {
    return detail::float_from_bits(detail::widen_bits<detail::float16_format>(bits_));
  }
  ACTFN_INLINE static constexpr float16 from_bits(std::uint16_t bits) noexcept { return float16(bits, 0); }
  ACTFN_INLINE constexpr std::uint16_t bits() const noexcept { return bits_; }

 private:
  constexpr float16(std::uint16_t bits, int) noexcept : bits_(bits) {}
  std::uint16_t bits_;
};

static_assert(sizeof(float16) == 2, "float16 is two bytes");

}  // namespace actfn

#endif
