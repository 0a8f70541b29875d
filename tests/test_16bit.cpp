// bfloat16 and float16 (actfn/bfloat16.hpp, actfn/float16.hpp) and the array API on them:
//   - the types are two bytes, trivially copyable and standard layout;
//   - float(h) is exact and H(x) rounds to nearest even (subnormals, overflow to infinity, NaN
//     quiet), checked against a reference that searches the sorted 16-bit values, on every 16-bit
//     value, on the floats around every rounding boundary and on random floats, and against the
//     compiler's _Float16 where it has one;
//   - forward and backward on 16-bit data, and forward from float to 16 bits, give every element
//     the bits it gets alone (n = 1), at every position and length, in place, on every backend.
// The correct rounding of every result is checked exhaustively against MPFR by
// tools/check_16bit_mpfr (ctest check_16bit_mpfr).
#include <catch2/catch.hpp>

#include <actfn/actfn.hpp>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "support/fp.hpp"
#include "support/sweep.hpp"

using namespace actfn_test;

namespace {

static_assert(sizeof(actfn::bfloat16) == 2 && sizeof(actfn::float16) == 2, "two bytes");
static_assert(std::is_trivially_copyable<actfn::bfloat16>::value &&
                  std::is_trivially_copyable<actfn::float16>::value,
              "trivially copyable");
static_assert(std::is_standard_layout<actfn::bfloat16>::value && std::is_standard_layout<actfn::float16>::value,
              "standard layout");
static_assert(std::is_trivially_default_constructible<actfn::bfloat16>::value, "as a float");
static_assert(actfn::bfloat16::from_bits(0x3f80).bits() == 0x3f80, "from_bits, bits");

template <class H>
struct layout;
template <>
struct layout<actfn::bfloat16> {
  static constexpr int mantissa_bits = 7;
  static constexpr std::uint16_t infinity = 0x7f80;
  static constexpr const char* name = "bfloat16";
};
template <>
struct layout<actfn::float16> {
  static constexpr int mantissa_bits = 10;
  static constexpr std::uint16_t infinity = 0x7c00;
  static constexpr const char* name = "float16";
};
template <class H>
bool is_nan16(std::uint16_t h) { return (h & 0x7fff) > layout<H>::infinity; }

// The value of h, from its fields (independent of the library's widening).
template <class H>
double value_of(std::uint16_t h) {
  constexpr int M = layout<H>::mantissa_bits;
  constexpr int E = 15 - M;
  const int bias = (1 << (E - 1)) - 1;
  const int e = (h >> M) & ((1 << E) - 1);
  const double m = static_cast<double>(h & ((1 << M) - 1));
  if (e == (1 << E) - 1) return (h & 0x8000) != 0 ? -inf<double>() : inf<double>();  // (NaN: not asked)
  const double magnitude = e == 0 ? std::ldexp(m, 1 - bias - M) : std::ldexp(1.0 + std::ldexp(m, -M), e - bias);
  return (h & 0x8000) != 0 ? -magnitude : magnitude;
}

// x as a double, from its bits: the conversion instruction would read a subnormal x as 0 under
// DAZ, which a -ffast-math build of this test sets.
double exact_double(float x) {
  const std::uint32_t u = to_bits(x);
  const std::uint32_t e = (u >> 23) & 0xff, m = u & 0x7fffff;
  double a;
  if (e == 0xff) a = m == 0 ? inf<double>() : std::numeric_limits<double>::quiet_NaN();
  else if (e == 0) a = std::ldexp(static_cast<double>(m), -149);
  else a = std::ldexp(static_cast<double>(m | 0x800000u), static_cast<int>(e) - 150);
  return (u >> 31) != 0 ? -a : a;
}

// Round to nearest even by search: the positive 16-bit values in order are their bit patterns in
// order; the overflow boundary is the largest finite value plus half its spacing.
template <class H>
std::uint16_t reference_round(float x) {
  const double a = std::fabs(exact_double(x));
  const std::uint16_t sign = sign_bit(x) ? 0x8000 : 0;  // bits: -fno-signed-zeros
  std::uint16_t lo = 0, hi = layout<H>::infinity;  // value(lo) <= a < value(hi), hi = inf as the bound
  while (hi - lo > 1) {
    const auto mid = static_cast<std::uint16_t>((lo + hi) / 2);
    if (value_of<H>(mid) <= a) lo = mid; else hi = mid;
  }
  const double below = value_of<H>(lo);
  // The virtual next value above the largest finite one: 2^(emax + 1).
  const double above = hi == layout<H>::infinity ? 2 * value_of<H>(static_cast<std::uint16_t>(hi - 1)) -
                                                       value_of<H>(static_cast<std::uint16_t>(hi - 2))
                                                 : value_of<H>(hi);
  std::uint16_t r;
  if (a - below < above - a) r = lo;
  else if (a - below > above - a) r = hi;
  else r = (lo & 1) == 0 ? lo : hi;
  return static_cast<std::uint16_t>(sign | r);
}

template <class H>
void check_conversions() {
  std::vector<float> probes;
  for (std::uint32_t h = 0; h < 0x10000; ++h) {
    const auto b = static_cast<std::uint16_t>(h);
    const float f = static_cast<float>(H::from_bits(b));
    if (is_nan16<H>(b)) {
      CHECK(is_nan(f));
      CHECK(H(f).bits() == (b | (1u << (layout<H>::mantissa_bits - 1))));  // NaN stays NaN, quiet
      continue;
    }
    CHECK(exact_double(f) == value_of<H>(b));
    CHECK(sign_bit(f) == ((b & 0x8000) != 0));
    CHECK(H(f).bits() == b);
    // The floats around the midpoint to the next value up, and the value itself.
    if ((b & 0x7fff) < layout<H>::infinity) {
      // (A normal float for every midpoint of both types: the conversion is exact under FTZ too.)
      const double next = (b & 0x7fff) + 1 == layout<H>::infinity
                              ? 2 * value_of<H>(b) - value_of<H>(static_cast<std::uint16_t>(b - 1))
                              : value_of<H>(static_cast<std::uint16_t>(b + 1));
      const float mid = static_cast<float>((value_of<H>(b) + next) / 2);
      for (int k = -3; k <= 3; ++k) probes.push_back(step(mid, k));
      for (int k = -2; k <= 2; ++k) probes.push_back(step(f, k));
    }
  }
  rng r(0x16);
  for (int i = 0; i < 200000; ++i) probes.push_back(from_bits<float>(static_cast<std::uint32_t>(r.next())));
  for (float v : {0.0f, -0.0f, inf<float>(), -inf<float>(), 65504.0f, 65519.996f, 65520.0f, 1e-8f, 3e-8f,
                  0x1p-25f, 0x1.000002p-25f, 0x1p-133f, 0x1p-134f, 0x1.000002p-134f, 3.4e38f})
    probes.push_back(v);
  std::size_t wrong = 0;
  for (float x : probes) {
    if (is_nan(x)) {
      const std::uint16_t h = H(x).bits();
      if (!is_nan16<H>(h) || (h & (1u << (layout<H>::mantissa_bits - 1))) == 0) ++wrong;
      continue;
    }
    if (H(x).bits() != reference_round<H>(x) && wrong++ < 5)
      FAIL_CHECK(layout<H>::name << "(" << x << "): " << H(x).bits() << ", expected " << reference_round<H>(x));
  }
  CHECK(wrong == 0);
}

template <class H, class F>
void check_positions(const F& f, const char* what) {
  // Every 16-bit pattern once (NaNs, infinities, subnormals), then random ones.
  std::vector<H> xs, dys;
  rng r(0x1616);
  for (std::uint32_t h = 0; h < 0x10000; h += 7) xs.push_back(H::from_bits(static_cast<std::uint16_t>(h)));
  for (std::size_t i = 0; i < xs.size(); ++i)
    dys.push_back(H::from_bits(static_cast<std::uint16_t>(i % 3 == 0 ? r.next() : 0x3c00u + (r.next() & 0x3ff))));
  std::vector<float> fxs;
  for (std::size_t i = 0; i < xs.size(); ++i) fxs.push_back(from_bits<float>(static_cast<std::uint32_t>(r.next())));
  const auto bits_equal = [](const std::vector<H>& a, const std::vector<H>& b, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      if (a[i].bits() != b[i].bits()) return false;
    return true;
  };
  for (actfn::backend b : {actfn::backend::scalar, actfn::backend::sse2, actfn::backend::avx2,
                           actfn::backend::avx512, actfn::backend::neon}) {
    if (!actfn::backend_available(b)) continue;
    INFO(layout<H>::name << " " << what << " on " << actfn::backend_name(b));
    const std::size_t n = xs.size();
    // Alone: one element a call.
    std::vector<H> y1(n), d1(n), e1(n);
    for (std::size_t i = 0; i < n; ++i) {
      actfn::forward(b, f, &xs[i], &y1[i], 1);
      actfn::backward(b, f, &xs[i], &dys[i], &d1[i], 1);
      actfn::forward(b, f, &fxs[i], &e1[i], 1);
    }
    // Whole arrays, at several offsets and lengths (tails of every size up to a chunk and past it).
    for (std::size_t offset : {std::size_t(0), std::size_t(1), std::size_t(3)}) {
      for (std::size_t len : {std::size_t(0), std::size_t(5), std::size_t(1023), std::size_t(1025), n - offset}) {
        std::vector<H> y(n, H::from_bits(0x1234)), d(n, H::from_bits(0x1234)), e(n, H::from_bits(0x1234));
        actfn::forward(b, f, xs.data() + offset, y.data() + offset, len);
        actfn::backward(b, f, xs.data() + offset, dys.data() + offset, d.data() + offset, len);
        actfn::forward(b, f, fxs.data() + offset, e.data() + offset, len);
        bool same = true;
        for (std::size_t i = 0; i < n; ++i) {
          const bool inside = i >= offset && i < offset + len;
          same = same && y[i].bits() == (inside ? y1[i].bits() : 0x1234) &&
                 d[i].bits() == (inside ? d1[i].bits() : 0x1234) && e[i].bits() == (inside ? e1[i].bits() : 0x1234);
        }
        CHECK(same);
      }
    }
    // In place: y = x, dx = x, dx = dy; and the float -> 16-bit forward over its own input's bytes.
    std::vector<H> io = xs;
    actfn::forward(b, f, io.data(), io.data(), n);
    CHECK(bits_equal(io, y1, n));
    io = xs;
    actfn::backward(b, f, io.data(), dys.data(), io.data(), n);
    CHECK(bits_equal(io, d1, n));
    io = dys;
    actfn::backward(b, f, xs.data(), io.data(), io.data(), n);
    CHECK(bits_equal(io, d1, n));
    std::vector<float> fio = fxs;
    H* packed = reinterpret_cast<H*>(fio.data());
    actfn::forward(b, f, fio.data(), packed, n);
    bool same = true;
    for (std::size_t i = 0; i < n; ++i) same = same && packed[i].bits() == e1[i].bits();
    CHECK(same);
    // n = 0 with null pointers.
    actfn::forward(b, f, static_cast<const H*>(nullptr), static_cast<H*>(nullptr), 0);
    actfn::backward(b, f, static_cast<const H*>(nullptr), static_cast<const H*>(nullptr), static_cast<H*>(nullptr), 0);
    actfn::forward(b, f, static_cast<const float*>(nullptr), static_cast<H*>(nullptr), 0);
  }
}

template <class H>
void check_all_positions() {
  check_positions<H>(actfn::sigmoid{}, "sigmoid");
  check_positions<H>(actfn::relu{}, "relu");
  check_positions<H>(actfn::leaky_relu{0.2}, "leaky_relu(0.2)");
  check_positions<H>(actfn::tanh{}, "tanh");
  check_positions<H>(actfn::swish{1.702}, "swish(1.702)");
  check_positions<H>(actfn::gelu{}, "gelu");
  check_positions<H>(actfn::gelu_tanh{}, "gelu_tanh");
  check_positions<H>(actfn::fast::sigmoid{}, "fast::sigmoid");
  check_positions<H>(actfn::fast::silu{}, "fast::silu");
  check_positions<H>(actfn::fast::gelu{}, "fast::gelu");
}

}  // namespace

TEST_CASE("16-bit types: float(h) is exact, H(x) rounds to nearest even, NaN stays NaN and quiet",
          "[16bit]") {
  check_conversions<actfn::bfloat16>();
  check_conversions<actfn::float16>();
// (Not under -ffast-math, whose DAZ makes the compiler's conversion read subnormal floats as 0;
// AArch64 g++ 12 has no _Float16 in C++.)
#if defined(__FLT16_MANT_DIG__) && defined(__x86_64__) && !defined(__FAST_MATH__)
  // The compiler's _Float16 conversion (correctly rounded by the C standard's rules) agrees on
  // every 4099th float.
  std::size_t differ = 0;
  for (std::uint64_t u = 0; u < 0x100000000u; u += 4099) {
    const float x = from_bits<float>(static_cast<std::uint32_t>(u));
    const _Float16 h = static_cast<_Float16>(x);
    std::uint16_t hb;
    std::memcpy(&hb, &h, sizeof hb);
    const std::uint16_t ours = actfn::float16(x).bits();
    if (is_nan(x) ? !is_nan16<actfn::float16>(ours) : ours != hb) ++differ;
  }
  CHECK(differ == 0);
#endif
}

TEST_CASE("16-bit array API: every element's bits whatever its position, the length, the backend, in place",
          "[16bit]") {
  check_all_positions<actfn::bfloat16>();
  check_all_positions<actfn::float16>();
}
