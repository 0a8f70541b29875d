// Identities the exact functions satisfy, checked on the computed values with tolerances that
// follow from the 1-ULP contract (each tolerance states its reason). The differences are
// evaluated exactly (TwoSum in double; a float difference is exact in double anyway), so the
// only error being measured is the library's.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "support/fp.hpp"
#include "support/functions.hpp"
#include "support/paths.hpp"
#include "support/sweep.hpp"
#include "support/ulp.hpp"

using namespace actfn_test;

namespace {

// x > 0, finite: the dense [0, 16] runs, every binade (subnormals included) and a spread over
// all positive finite bit patterns.
template <class T> std::vector<T> positive_inputs() {
  std::vector<T> xs;
  for (T x : dense_sweep<T>())
    if (x > 0) xs.push_back(x);
  return xs;
}

template <class T> std::vector<T> negated(const std::vector<T>& xs) {
  std::vector<T> out(xs.size());
  for (std::size_t i = 0; i < xs.size(); ++i) out[i] = -xs[i];
  return out;
}

// |a - b - c| evaluated exactly enough: a - b as a double-double, then minus c.
ACTFN_TEST_PRECISE_BEGIN
inline double residual(double a, double b, double c) {
  const dd s = two_sum(a, -b);
  return std::fabs((s.hi - c) + s.lo);
}
ACTFN_TEST_PRECISE_END

struct violation_log {
  std::size_t failed = 0;
  std::vector<std::string> lines;
  void add(const std::string& s) {
    if (failed++ < 10) lines.push_back(s);
  }
  std::string text() const {
    std::string s = std::to_string(failed) + " violations";
    for (const auto& l : lines) s += "\n  " + l;
    return s;
  }
};

}  // namespace

namespace {
template <class T> void sigmoid_complement(const path& P) {
  const std::vector<T> xs = positive_inputs<T>();
  const auto sp = eval(P, actfn::sigmoid{}, direction::forward, xs);
  const auto sn = eval(P, actfn::sigmoid{}, direction::forward, negated(xs));
  // Tolerance 2 ULP(1/2) = 2^(1-p): for x >= 0, sigmoid(x) is in [1/2, 1) and sigmoid(-x) in
  // (0, 1/2], so each has an ULP of at most ulp(1/2) = 2^-p (the spacing above 1/2), and each
  // computed value is within 1 ULP of its exact value; the identity is exact.
  const double tol = 2 * ulp_at<T>(0.5);
  violation_log log;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double r = residual(1.0, static_cast<double>(sp[i]), static_cast<double>(sn[i]));
    if (!(r <= tol))
      log.add("x = " + show(xs[i]) + ": sigmoid(x) = " + show(sp[i]) + ", sigmoid(-x) = " +
              show(sn[i]) + ", |1 - sigmoid(x) - sigmoid(-x)| = " + dec(r / ulp_at<T>(0.5)) +
              " ULP(1/2)");
  }
  INFO(describe<T>(P) << ", " << xs.size() << " x > 0, tolerance 2 ULP(1/2): "
                                 << log.text());
  CHECK(log.failed == 0);
}
}  // namespace
ACTFN_PATH_TEST_CASE("identities: sigmoid(-x) = 1 - sigmoid(x)",
                     "[identity]", sigmoid_complement, ACTFN_TEST_ALL_PATHS)

namespace {
template <class T> void tanh_is_odd(const path& P) {
  // Exact (bit for bit, zeros and infinities included): tanh is odd, and an implementation that
  // computes on |x| and restores the sign keeps it odd; this also pins tanh(-0) = -0.
  std::vector<T> xs = positive_inputs<T>();
  xs.push_back(T(0));
  xs.push_back(inf<T>());
  const auto tp = eval(P, actfn::tanh{}, direction::forward, xs);
  const auto tn = eval(P, actfn::tanh{}, direction::forward, negated(xs));
  violation_log log;
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (!same(tn[i], static_cast<T>(-tp[i])))
      log.add("x = " + show(xs[i]) + ": tanh(x) = " + show(tp[i]) + ", tanh(-x) = " + show(tn[i]));
  INFO(describe<T>(P) << ", " << xs.size() << " x >= 0: " << log.text());
  CHECK(log.failed == 0);
}
}  // namespace
ACTFN_PATH_TEST_CASE("identities: tanh is odd, exactly: tanh(-x) = -tanh(x)",
                     "[identity]", tanh_is_odd, ACTFN_TEST_ALL_PATHS)

// f(x) - f(-x) = x for f(x) = x * s(x) with s(x) + s(-x) = 1: gelu (s = Phi), swish (s(x) =
// sigmoid(beta x)), gelu_tanh (s = sigmoid(2u(x)), u odd).
//
// Tolerance ulp(x) + ulp(x/2) (= 1.5 ULP of x; 2 smallest subnormals for subnormal x): for x > 0,
// 0 < f(x) < x, so ulp(f(x)) <= ulp(x), and |f(-x)| = x s(-x) < x/2, so ulp(f(-x)) <= ulp(x/2);
// each computed value is within 1 ULP of its exact value, and the identity is exact.
namespace {
template <class T> void x_times_cdf_difference_is_x(const path& P) {
  const std::vector<T> xs = positive_inputs<T>();
  const std::vector<T> nxs = negated(xs);
  for_each_function([&](const auto& c) {
    if (!(c.is("gelu") || c.is("swish") || c.is("gelu_tanh"))) return;
    const auto fp_ = eval(P, c.f, direction::forward, xs);
    const auto fn_ = eval(P, c.f, direction::forward, nxs);
    violation_log log;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const int e = std::ilogb(static_cast<double>(xs[i]));
      const double tol = ulp_in_binade<T>(e) + ulp_in_binade<T>(e - 1);
      const double r = residual(static_cast<double>(fp_[i]), static_cast<double>(fn_[i]),
                                static_cast<double>(xs[i]));
      if (!(r <= tol))
        log.add("x = " + show(xs[i]) + ": f(x) = " + show(fp_[i]) + ", f(-x) = " + show(fn_[i]) +
                ", |f(x) - f(-x) - x| = " + dec(r / ulp_in_binade<T>(e)) + " ULP(x)");
    }
    INFO(describe<T>(P) << ", " << c.label() << ", " << xs.size()
                                   << " x > 0, tolerance ulp(x) + ulp(x/2): " << log.text());
    CHECK(log.failed == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("identities: gelu(x) - gelu(-x) = x, swish(x) - swish(-x) = x for every "
                        "beta, gelu_tanh(x) - gelu_tanh(-x) = x",
                     "[identity]", x_times_cdf_difference_is_x, ACTFN_TEST_ALL_PATHS)
