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

class float16 : public detail::storage16<float16, detail::float16_format> {
 public:
  float16() = default;  // uninitialised, as a float is
  // Round to nearest even (detail::storage16). Always inlined: an inline member of a type outside
  // the ISA namespace emitted out of line would be one weak symbol for TUs with different -m flags.
  ACTFN_INLINE explicit float16(float x) noexcept : storage16(x) {}
};

static_assert(sizeof(float16) == 2, "float16 is two bytes");

}  // namespace actfn

#endif
