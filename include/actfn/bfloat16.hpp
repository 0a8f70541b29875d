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

class bfloat16 : public detail::storage16<bfloat16, detail::bfloat16_format> {
 public:
  bfloat16() = default;  // uninitialised, as a float is
  // Round to nearest even (detail::storage16). Always inlined: an inline member of a type outside
  // the ISA namespace emitted out of line would be one weak symbol for TUs with different -m flags.
  ACTFN_INLINE explicit bfloat16(float x) noexcept : storage16(x) {}
};

static_assert(sizeof(bfloat16) == 2, "bfloat16 is two bytes");

}  // namespace actfn

#endif
