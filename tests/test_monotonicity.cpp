// Monotonicity: sigmoid, tanh, relu and leaky_relu (alpha >= 0) are non-decreasing; so must the
// computed functions be, over a dense ascending sweep (runs of 128 consecutive values of T around
// every 1/16 in [-16, 16] and around +-2^k in every binade, a spread over all finite bit
// patterns, and +-inf at the ends; every float: the [exhaustive] test). Exact: y[i] <= y[i+1], no tolerance (-0 and +0 compare
// equal). Note: this is a requirement beyond the 1-ULP bound, which alone would allow a
// one-ULP step back between neighbouring inputs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/fp.hpp"
#include "support/functions.hpp"
#include "support/paths.hpp"
#include "support/sweep.hpp"

using namespace actfn_test;

namespace {
template <class T> void non_decreasing(const path& P) {
  std::vector<T> xs = dense_sweep<T>();
  xs.insert(xs.begin(), -inf<T>());
  xs.push_back(inf<T>());
  for_each_function([&](const auto& c) {
    if (!(c.is("sigmoid") || c.is("tanh") || c.is("relu") || c.is("leaky_relu"))) return;
    const auto ys = eval(P, c.f, direction::forward, xs);
    std::size_t bad = 0;
    std::string first;
    for (std::size_t i = 0; i + 1 < xs.size(); ++i)
      if (!(ys[i] <= ys[i + 1]) && bad++ == 0)
        first = "f(" + show(xs[i]) + ") = " + show(ys[i]) + " > f(" + show(xs[i + 1]) + ") = " +
                show(ys[i + 1]);
    INFO(describe<T>(P) << ", " << c.label() << ": " << bad << " decreasing steps in "
                                   << xs.size() << " ascending inputs" << (bad ? "; first: " : "")
                                   << first);
    CHECK(bad == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("monotonicity: sigmoid, tanh, relu and leaky_relu are non-decreasing",
                     "[monotonic]", non_decreasing, ACTFN_TEST_ALL_PATHS)
