// Bit-level helpers for the tests: classification that -ffast-math cannot fold away, bit
// equality with NaN = NaN, hex printing, next/previous representable values.
#ifndef ACTFN_TESTS_SUPPORT_FP_HPP
#define ACTFN_TESTS_SUPPORT_FP_HPP

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>

// The test helpers need IEEE semantics even when the tests are built with
// ACTFN_EXTRA_TEST_FLAGS=-ffast-math (no reassociation, no contraction, NaN/inf kept).
#if defined(__clang__)
#  define ACTFN_TEST_PRECISE_BEGIN                              \
    _Pragma("float_control(precise, on, push)")                 \
    _Pragma("clang fp contract(off)")
#  define ACTFN_TEST_PRECISE_END _Pragma("float_control(pop)")
#elif defined(__GNUC__)
#  define ACTFN_TEST_PRECISE_BEGIN                                                      \
    _Pragma("GCC push_options")                                                         \
    _Pragma("GCC optimize(\"no-fast-math\", \"fp-contract=off\", \"no-unsafe-math-optimizations\")")
#  define ACTFN_TEST_PRECISE_END _Pragma("GCC pop_options")
#else
#  define ACTFN_TEST_PRECISE_BEGIN
#  define ACTFN_TEST_PRECISE_END
#endif

ACTFN_TEST_PRECISE_BEGIN

namespace actfn_test {

template <class T> struct fp;
template <> struct fp<float> {
  using bits_t = std::uint32_t;
  static constexpr int p = 24;        // significand bits, hidden bit included
  static constexpr int emin = -126;   // exponent of the smallest normal
  static constexpr int width = 32;
  static constexpr const char* name = "float";
};
template <> struct fp<double> {
  using bits_t = std::uint64_t;
  static constexpr int p = 53;
  static constexpr int emin = -1022;
  static constexpr int width = 64;
  static constexpr const char* name = "double";
};

template <class T> using bits_t = typename fp<T>::bits_t;

template <class T> bits_t<T> to_bits(T x) {
  bits_t<T> b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
template <class T> T from_bits(bits_t<T> b) {
  T x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

template <class T> constexpr bits_t<T> sign_mask() { return bits_t<T>(1) << (fp<T>::width - 1); }
template <class T> constexpr bits_t<T> exponent_mask() {
  return bits_t<T>(sign_mask<T>() - 1) & ~bits_t<T>((bits_t<T>(1) << (fp<T>::p - 1)) - 1);
}

template <class T> bool is_nan(T x) {
  const bits_t<T> b = to_bits(x) & bits_t<T>(sign_mask<T>() - 1);
  return b > exponent_mask<T>();
}
template <class T> bool is_inf(T x) {
  return (to_bits(x) & bits_t<T>(sign_mask<T>() - 1)) == exponent_mask<T>();
}
template <class T> bool is_finite(T x) { return (to_bits(x) & exponent_mask<T>()) != exponent_mask<T>(); }
template <class T> bool sign_bit(T x) { return (to_bits(x) & sign_mask<T>()) != 0; }

// a and b are the same value with the same sign (a NaN matches any NaN)
template <class T> bool same(T a, T b) {
  return (is_nan(a) && is_nan(b)) || to_bits(a) == to_bits(b);
}

// Consecutive integers <-> consecutive values of T (+0 and -0 both map to 0); NaN excluded.
template <class T> std::int64_t ordinal(T x) {
  const bits_t<T> b = to_bits(x);
  const auto mag = static_cast<std::int64_t>(b & bits_t<T>(sign_mask<T>() - 1));
  return (b & sign_mask<T>()) ? -mag : mag;
}
template <class T> T from_ordinal(std::int64_t i) {
  return i >= 0 ? from_bits<T>(static_cast<bits_t<T>>(i))
                : from_bits<T>(static_cast<bits_t<T>>(sign_mask<T>() | static_cast<bits_t<T>>(-i)));
}
// x moved by k representable values towards +inf (k < 0: towards -inf); -0 counts as +0
template <class T> T step(T x, std::int64_t k) { return from_ordinal<T>(ordinal(x) + k); }

template <class T> T inf() { return std::numeric_limits<T>::infinity(); }
// -0 from the bits: with -fno-signed-zeros (-ffast-math) the compiler may fold -T(0) to +0.
template <class T> T neg_zero() { return from_bits<T>(sign_mask<T>()); }
template <class T> T qnan() { return std::numeric_limits<T>::quiet_NaN(); }
// v with its quiet bit set (sign and payload kept).
template <class T> T quieted(T v) { return from_bits<T>(to_bits(v) | (bits_t<T>(1) << (fp<T>::p - 2))); }
// backward's NaN where dy * f'(x) is NaN (docs/SEMANTICS.md "NaN bits"): x's NaN quieted, else
// dy's quieted, else (dy = +-inf times f'(x) = 0) the positive quiet NaN with no payload.
template <class T> T backward_nan(T x, T dy) {
  if (is_nan(x)) return quieted(x);
  if (is_nan(dy)) return quieted(dy);
  return from_bits<T>(exponent_mask<T>() | (bits_t<T>(1) << (fp<T>::p - 2)));
}
template <class T> T max_finite() { return std::numeric_limits<T>::max(); }
template <class T> T min_normal() { return std::numeric_limits<T>::min(); }
template <class T> T min_subnormal() { return std::numeric_limits<T>::denorm_min(); }

// The bits themselves, for values %a cannot tell apart (NaN payloads, signalling NaN).
template <class T> std::string bits_hex(T x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", int(sizeof(T) * 2), static_cast<unsigned long long>(to_bits(x)));
  return buf;
}
template <class T> std::string hex(T x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", static_cast<double>(x));
  return buf;
}
inline std::string dec(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", x);
  return buf;
}
template <class T> std::string show(T x) { return hex(x) + " (" + dec(static_cast<double>(x)) + ")"; }

}  // namespace actfn_test

ACTFN_TEST_PRECISE_END
#endif
