// Opt-in exhaustive checks over all 2^32 float bit patterns (hidden tag; run with
// `actfn_tests "[exhaustive]"` or `ctest -C exhaustive -L exhaustive`; about an hour on one core,
// on the default array API: see ACTFN_TEST_EXHAUSTIVE_PATHS).
// The properties of the default suite, on every float instead of a sample:
//   - no finite input gives NaN or inf (every function and direction);
//   - sigmoid in [0, 1], tanh in [-1, 1];
//   - sigmoid, tanh, relu, leaky_relu non-decreasing from -inf to +inf;
//   - tanh(-x) = -tanh(x) bit for bit.
// The exhaustive float ULP sweep against a reference lives in tools/ (sweep_float).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "support/fp.hpp"
#include "support/functions.hpp"
#include "support/paths.hpp"

using namespace actfn_test;

namespace {
template <class T> void every_float_finite_ranged_monotone_odd(const path& P) {
  const std::int64_t last = ordinal(max_finite<T>());
  const std::int64_t chunk = 1 << 16;
  for_each_function([&](const auto& c) {
    const bool monotone = c.is("sigmoid") || c.is("tanh") || c.is("relu") || c.is("leaky_relu");
    for (direction d : both_directions) {
      std::uint64_t non_finite = 0, out_of_range = 0, decreasing = 0, not_odd = 0;
      std::string first;
      auto note = [&first](const std::string& s) {
        if (first.empty()) first = s;
      };
      std::vector<T> xs, ys, nys;
      T prev_y = scalar_value(c.f, d, -inf<T>());
      // ascending: -inf (above), then every finite value from -max to +max (-0 and +0 both)
      for (std::int64_t base = -last; base <= last; base += chunk) {
        xs.clear();
        for (std::int64_t i = base; i < base + chunk && i <= last; ++i) {
          if (i == 0) xs.push_back(neg_zero<T>());  // ordinal 0 is +0: -0 goes just before it
          xs.push_back(from_ordinal<T>(i));
        }
        ys.resize(xs.size());
        P.eval_once(c.f, d, xs.data(), ys.data(), xs.size());
        for (std::size_t k = 0; k < xs.size(); ++k) {
          const T x = xs[k], y = ys[k];
          if (!is_finite(y) && ++non_finite) note("f(" + show(x) + ") = " + show(y));
          if (d == direction::forward && c.is("sigmoid") && !(y >= 0 && y <= 1) && ++out_of_range)
            note("sigmoid(" + show(x) + ") = " + show(y));
          if (d == direction::forward && c.is("tanh") && !(y >= -1 && y <= 1) && ++out_of_range)
            note("tanh(" + show(x) + ") = " + show(y));
          if (d == direction::forward && monotone && !(prev_y <= y) && ++decreasing)
            note("f(" + show(x) + ") = " + show(y) + " < the value before it, " + show(prev_y));
          prev_y = y;
        }
        if (d == direction::forward && c.is("tanh")) {
          for (T& x : xs) x = -x;
          nys.resize(xs.size());
          P.eval_once(c.f, d, xs.data(), nys.data(), xs.size());
          for (std::size_t k = 0; k < xs.size(); ++k)
            if (!same(nys[k], static_cast<T>(-ys[k])) && ++not_odd)
              note("tanh(" + show(xs[k]) + ") = " + show(nys[k]) + " but tanh(-x) = " + show(ys[k]));
        }
      }
      if (d == direction::forward && monotone && !(prev_y <= scalar_value(c.f, d, inf<T>())) &&
          ++decreasing)
        note("f(+inf) < f(max)");
      INFO(P.name << ", " << c.label(d) << ": " << non_finite << " non-finite, " << out_of_range
                   << " out of range, " << decreasing << " decreasing steps, " << not_odd
                   << " odd-symmetry failures; first: " << first);
      CHECK(non_finite + out_of_range + decreasing + not_odd == 0);
    }
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("exhaustive (float): finiteness, ranges, monotonicity, tanh odd",
                     "[.exhaustive][exhaustive]", every_float_finite_ranged_monotone_odd,
                     ACTFN_TEST_EXHAUSTIVE_PATHS)
