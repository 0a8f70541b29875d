// The fast tier, actfn::fast::* (README "The fast tier"), on every path:
//   - within 4 ULP of the exact value at every reference point with |x| <= 10, and with its sign;
//     near the roots of gelu', gelu_tanh' and swish' (|x - x0| <= 1/8) an absolute error of
//     2^-24 (float) / 2^-52 (double) instead (and no sign rule there: a result within that
//     distance of a value near 0 may have either sign);
//     (tools/sweep_float --tier fast checks the same contract on all 2^32 floats, and
//     tools/check_double_mpfr --tier fast on ~10^6 doubles per function against MPFR);
//   - beyond |x| = 10: finite, with the sign of the exact value (no ULP bound);
//   - NaN, +-inf and +-0 give exactly what the accurate tier gives (SEMANTICS.md's table);
//   - relu and leaky_relu are the accurate tier's, bit for bit, everywhere;
//   - no finite input gives NaN or inf: test_special_values.cpp, for both tiers.
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

constexpr double fast_max_ulp = 4.0;
constexpr double fast_core = 10.0;  // the ULP bound holds for |x| <= 10
template <class T> constexpr double fast_root_window_abs_bound() {
  return sizeof(T) == sizeof(float) ? 0x1p-24 : 0x1p-52;
}

// The accurate functor of the same name and parameter.
template <class F> auto accurate_of(const fn_case<F>& c) {
  if constexpr (std::is_same<F, actfn::fast::sigmoid>::value) return actfn::sigmoid{};
  else if constexpr (std::is_same<F, actfn::fast::relu>::value) return actfn::relu{};
  else if constexpr (std::is_same<F, actfn::fast::leaky_relu>::value) return actfn::leaky_relu{c.param};
  else if constexpr (std::is_same<F, actfn::fast::tanh>::value) return actfn::tanh{};
  else if constexpr (std::is_same<F, actfn::fast::silu>::value) return actfn::silu{};
  else if constexpr (std::is_same<F, actfn::fast::swish>::value) return actfn::swish{c.param};
  else if constexpr (std::is_same<F, actfn::fast::gelu>::value) return actfn::gelu{};
  else return actfn::gelu_tanh{};
}

}  // namespace

namespace {
template <class T> void within_4_ulp_for_abs_x_up_to_10(const path& P) {
  for_each_fast_function([&](const auto& c) {
    for (direction d : both_directions) {
      const auto& table = reference_table<T>(c, d);
      const auto* window = root_window_of<T>(c, d);
      std::vector<T> xs(table.size);
      for (std::size_t i = 0; i < table.size; ++i) xs[i] = table.points[i].x;
      const std::vector<T> ys = eval(P, c.f, d, xs);
      std::size_t checked = 0, failed = 0;
      double worst = 0;
      T worst_x = 0;
      std::string first;
      for (std::size_t i = 0; i < table.size; ++i) {
        const exact_value r = exact_of(table.points[i]);
        const bool core = std::fabs(static_cast<double>(xs[i])) <= fast_core;
        const bool in_window = inside(window, xs[i]);
        const double ulps = ulp_error(ys[i], r);
        const bool sign_ok = in_window || sign_bit(ys[i]) == exact_sign_bit(r);
        bool ok = is_finite(ys[i]) && sign_ok;
        if (core)
          ok = ok && (ulps <= fast_max_ulp ||
                      (in_window && abs_error(ys[i], r) <= fast_root_window_abs_bound<T>()));
        ++checked;
        if (core && !in_window && ulps > worst) {
          worst = ulps;
          worst_x = xs[i];
        }
        if (!ok && failed++ == 0)
          first = "x = " + show(xs[i]) + ": got " + show(ys[i]) + ", exact " + show(r) + ", " +
                  std::to_string(ulps) + " ULP" + (sign_ok ? "" : ", WRONG SIGN");
      }
      INFO(describe<T>(P) << ", " << c.label(d) << ": " << checked << " points, "
                                      << failed << " failed; max " << worst << " ULP (bound "
                                      << fast_max_ulp << ", |x| <= 10) at x = "
                                      << show(worst_x) << (failed ? "; first: " + first : std::string()));
      CHECK(failed == 0);
    }
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("fast tier: within 4 ULP for |x| <= 10, finite and correctly signed beyond",
                     "[fast]", within_4_ulp_for_abs_x_up_to_10, ACTFN_TEST_ALL_PATHS)

namespace {
template <class T> void special_values_as_accurate_tier(const path& P) {
  std::vector<T> specials = {qnan<T>(), -qnan<T>(), inf<T>(), -inf<T>(), T(0), neg_zero<T>()};
  const std::vector<T> sweep = bit_pattern_sweep<T>(1u << 12);
  for_each_fast_function([&](const auto& c) {
    const auto accurate = accurate_of(c);
    const bool piecewise_linear = c.is("relu") || c.is("leaky_relu");
    const std::vector<T>& xs = piecewise_linear ? sweep : specials;
    for (direction d : both_directions) {
      const std::vector<T> ys = eval(P, c.f, d, xs);
      const std::vector<T> want = eval(P, accurate, d, xs);
      std::size_t bad = 0;
      std::string first;
      for (std::size_t i = 0; i < xs.size(); ++i)
        if (!same(ys[i], want[i]) && bad++ == 0)
          first = "x = " + show(xs[i]) + ": got " + show(ys[i]) + ", accurate tier " + show(want[i]);
      INFO(describe<T>(P) << ", " << c.label(d) << ": " << bad << " of " << xs.size()
                                      << " differ" << (bad ? "; first: " + first : std::string()));
      CHECK(bad == 0);
    }
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("fast tier: NaN, +-inf and +-0 give the accurate tier's values exactly; "
                   "relu and leaky_relu are the accurate tier's everywhere",
                     "[fast][special]", special_values_as_accurate_tier, ACTFN_TEST_ALL_PATHS)
