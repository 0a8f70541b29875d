// Ranges and extremes.
//   - sigmoid(x) is in [0, 1] and tanh(x) in [-1, 1] for every input but NaN (exact bounds:
//     the exact values lie inside, and 0, +-1 are representable, so a result within 1 ULP that
//     left the range would be a gratuitous error; SEMANTICS.md's limits are 0, 1 and +-1).
//   - the minimum of swish (every beta; about -0.2785 at x = -1.2785 for beta = 1), gelu (about
//     -0.1700 at x = -0.7518) and gelu_tanh, found by a fine sweep of the computed function,
//     matches the mpmath-derived minimum (tests/reference/constants.hpp) in value and location.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "support/fp.hpp"
#include "support/functions.hpp"
#include "support/paths.hpp"
#include "support/reference.hpp"
#include "support/sweep.hpp"
#include "support/ulp.hpp"

using namespace actfn_test;

namespace {
template <class T> void sigmoid_and_tanh_stay_in_range(const path& P) {
  std::vector<T> xs = dense_sweep<T>();
  for (T x : special_inputs<T>())
    if (!is_nan(x)) xs.push_back(x);
  struct bound {
    const char* name;
    T lo, hi;
  };
  for (const bound& b : {bound{"sigmoid", T(0), T(1)}, bound{"tanh", T(-1), T(1)}}) {
    const bool is_sigmoid = std::string(b.name) == "sigmoid";
    const auto ys = is_sigmoid ? eval(P, actfn::sigmoid{}, direction::forward, xs)
                               : eval(P, actfn::tanh{}, direction::forward, xs);
    std::size_t bad = 0;
    std::string first;
    for (std::size_t i = 0; i < xs.size(); ++i)
      if (!(b.lo <= ys[i] && ys[i] <= b.hi) && bad++ == 0)
        first = b.name + std::string("(") + show(xs[i]) + ") = " + show(ys[i]);
    INFO(describe<T>(P) << ", " << b.name << ": " << bad << " of " << xs.size()
                                   << " results out of [" << b.lo << ", " << b.hi << "]"
                                   << (bad ? "; first: " : "") << first);
    CHECK(bad == 0);
  }
}
}  // namespace
ACTFN_PATH_TEST_CASE("ranges: sigmoid(x) is in [0, 1], tanh(x) in [-1, 1]",
                     "[range]", sigmoid_and_tanh_stay_in_range, ACTFN_TEST_ALL_PATHS)

TEST_CASE("ranges: the mpmath minima match the rounded values quoted in the documentation",
          "[range]") {
  // swish (beta = 1): minimum about -0.2785 at x = -1.2785; gelu: about -0.1700 at x = -0.7518.
  const auto* s = minimum_of<double>(fn_case<actfn::silu>{"swish", "silu", actfn::silu{}, 1.0, nullptr});
  const auto* g = minimum_of<double>(fn_case<actfn::gelu>{"gelu", "gelu", actfn::gelu{}, 0.0, nullptr});
  REQUIRE(s != nullptr);
  REQUIRE(g != nullptr);
  CHECK(std::fabs(s->f_hi - -0.2785) < 5e-5);
  CHECK(std::fabs(s->x0 - -1.2785) < 5e-5);
  CHECK(std::fabs(g->f_hi - -0.1700) < 5e-5);
  CHECK(std::fabs(g->x0 - -0.7518) < 5e-5);
  CHECK(actfn_ref::swish_derivative_root == s->x0);
  CHECK(actfn_ref::gelu_derivative_root == g->x0);
}

// The sweep: N evenly spread values of T over [centre - w, centre + w]; stage after stage the
// window shrinks around the argmin, until the step h is fine enough that the sweep point nearest
// the true minimum x0 is within f''(x0)/2 (h/2)^2 <= ULP(m)/4 of the minimum value m.
//
// Tolerances, from the 1-ULP contract (every computed value is within ULP(f(x)) of f(x), and
// ULP(f(x)) <= ULP(m) because |f(x)| <= |m| everywhere):
//   value:    m - 1 ULP(m) <= min y  <= m + 1.25 ULP(m)  (1 ULP of error + the 1/4 ULP step term)
//   location: f(x*) <= m + 2.25 ULP(m) at the argmin x*, so (f''(x0)/2)(x* - x0)^2 <= 2.25 ULP(m):
//             |x* - x0| <= 1.1 sqrt(4.5 ULP(m) / f''(x0)) (1.1: the cubic term over that width)
namespace {
template <class T> void minima_match_mpmath(const path& P) {
  for_each_function([&](const auto& c) {
    const actfn_ref::minimum* m = minimum_of<T>(c);
    if (!m) return;
    const double mval = m->f_hi + m->f_lo;
    const double u = ulp_at<T>(mval);
    const double flat = 1.1 * std::sqrt(4.5 * u / m->f2);
    // stage 0: a wide window around the rounded location (swish: -1.28 / beta, else -0.75)
    double centre = c.is("swish") ? -1.28 / c.param : -0.75;
    double w = c.is("swish") ? 1.0 / c.param : 0.5;
    const int N = 4001;
    T best_x = 0, best_y = 0;
    double h = 0;
    for (int stage = 0; stage < 8; ++stage) {
      std::vector<T> xs;
      for (int i = 0; i < N; ++i) xs.push_back(static_cast<T>(centre - w + 2 * w * i / (N - 1)));
      sort_unique(xs);
      const auto ys = eval(P, c.f, direction::forward, xs);
      std::size_t k = 0;
      for (std::size_t i = 1; i < ys.size(); ++i)
        if (ys[i] < ys[k]) k = i;
      best_x = xs[k];
      best_y = ys[k];
      // the largest gap between neighbouring sweep points (at least the spacing of T)
      h = 0;
      for (std::size_t i = 1; i < xs.size(); ++i)
        h = std::max(h, static_cast<double>(xs[i]) - static_cast<double>(xs[i - 1]));
      if (m->f2 / 2 * (h / 2) * (h / 2) <= u / 4) break;
      centre = static_cast<double>(best_x);
      w = 2 * h + 2 * flat;  // contains x0: |x* - x0| <= h/2 + flat at every stage
    }
    INFO(describe<T>(P) << ", " << c.label() << ": exact minimum " << dec(mval)
                                   << " at x0 = " << dec(m->x0) << "; sweep minimum "
                                   << show(best_y) << " at x = " << show(best_x) << " (step "
                                   << dec(h) << "); 1 ULP(m) = " << dec(u));
    REQUIRE(m->f2 / 2 * (h / 2) * (h / 2) <= u / 4);  // the sweep got fine enough
    CHECK(static_cast<double>(best_y) >= mval - u);
    CHECK(static_cast<double>(best_y) <= mval + 1.25 * u);
    CHECK(std::fabs(static_cast<double>(best_x) - m->x0) <= flat);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("extremes: the minima of swish (every beta), gelu and gelu_tanh",
                     "[range][extreme]", minima_match_mpmath, ACTFN_TEST_ALL_PATHS)
