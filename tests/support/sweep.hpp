// Input sets for the property tests. Deterministic: no clock, fixed seeds.
#ifndef ACTFN_TESTS_SUPPORT_SWEEP_HPP
#define ACTFN_TESTS_SUPPORT_SWEEP_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "fp.hpp"

namespace actfn_test {

// splitmix64
class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1p-53; }  // [0, 1)
  double uniform(double a, double b) { return a + (b - a) * uniform(); }

 private:
  std::uint64_t s_;
};

// About `count` finite values spread over every bit pattern of T (both signs, every binade,
// subnormals included): bit patterns k * stride for an odd stride, non-finite ones skipped.
template <class T> std::vector<T> bit_pattern_sweep(std::uint64_t count) {
  using B = bits_t<T>;
  const std::uint64_t space_log2 = fp<T>::width;
  std::uint64_t stride = (space_log2 == 64 ? ~std::uint64_t(0) / count
                                           : (std::uint64_t(1) << space_log2) / count) | 1u;
  std::vector<T> out;
  out.reserve(count + 1);
  B b = static_cast<B>(0x5bd1e995u);  // arbitrary start
  for (std::uint64_t k = 0; k < count; ++k, b = static_cast<B>(b + static_cast<B>(stride))) {
    const T x = from_bits<T>(b);
    if (is_finite(x)) out.push_back(x);
  }
  return out;
}

// `count` consecutive values of T starting at `from` (upwards).
template <class T> std::vector<T> consecutive(T from, std::size_t count) {
  std::vector<T> out;
  out.reserve(count);
  std::int64_t i = ordinal(from);
  for (std::size_t k = 0; k < count; ++k) {
    const T x = from_ordinal<T>(i + static_cast<std::int64_t>(k));
    if (!is_finite(x)) break;
    out.push_back(x);
  }
  return out;
}

// Ascending, deduplicated (+0 and -0 both kept: -0 first).
template <class T> void sort_unique(std::vector<T>& v) {
  std::sort(v.begin(), v.end(), [](T a, T b) {
    return a < b || (a == b && sign_bit(a) && !sign_bit(b));
  });
  v.erase(std::unique(v.begin(), v.end(), [](T a, T b) { return same(a, b); }), v.end());
}

// A dense sweep for the ordering properties: runs of 128 consecutive values around anchors
// (every 1/16 in [-16, 16], and +-2^k for every binade k of T, every 8th for double), plus 2^15
// values spread over all finite bit patterns; sorted ascending.
template <class T> std::vector<T> dense_sweep() {
  std::vector<T> v = bit_pattern_sweep<T>(1u << 15);
  auto run_around = [&v](T a) {
    const auto r = consecutive<T>(step(a, -64), 128);
    v.insert(v.end(), r.begin(), r.end());
  };
  for (int i = -256; i <= 256; ++i) run_around(static_cast<T>(i) / T(16));
  for (int k = fp<T>::emin - fp<T>::p + 1; k <= std::numeric_limits<T>::max_exponent - 1;
       k += (sizeof(T) == 4 ? 1 : 8)) {
    const T a = static_cast<T>(std::ldexp(1.0, k));
    run_around(a);
    run_around(-a);
  }
  sort_unique(v);
  return v;
}

// The special inputs: +-0, +-inf, NaN, +-smallest subnormal, +-largest subnormal,
// +-smallest normal, +-largest finite, +-1.
template <class T> std::vector<T> special_inputs() {
  const T s = min_subnormal<T>(), n = min_normal<T>(), m = max_finite<T>();
  return {T(0), neg_zero<T>(), inf<T>(), -inf<T>(), qnan<T>(), -qnan<T>(), s, -s, step(n, -1), -step(n, -1),
          n, -n, m, -m, T(1), T(-1)};
}

}  // namespace actfn_test
#endif
