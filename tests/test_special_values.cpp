// Special values, per function, type and path (docs/SEMANTICS.md's table):
//   - NaN -> NaN; +-inf and +-0 give exactly the table's value, sign included;
//   - the extreme finite inputs (+-smallest subnormal, +-largest finite, ...) and every cut-off
//     where the result becomes 1, -1, x, subnormal or 0 (and where it leaves f(0) near 0), with
//     their neighbours: within 1 ULP and with the sign of the exact value (the labelled points
//     of the reference tables);
//   - no finite input gives NaN or inf (accurate and fast tier).
#include <catch2/catch.hpp>

#include <limits>
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

// Quiet and signalling NaNs of both signs, with small, large and no payloads.
template <class T> std::vector<T> nan_patterns() {
  using B = bits_t<T>;
  const B exponent = exponent_mask<T>(), quiet = B(B(1) << (fp<T>::p - 2));
  std::vector<T> xs;
  for (B sign : {B(0), sign_mask<T>()})
    for (B payload : {B(0), B(1), B(0x2345), B(quiet - 1)}) {
      xs.push_back(from_bits<T>(sign | exponent | quiet | payload));
      if (payload != 0) xs.push_back(from_bits<T>(sign | exponent | payload));  // signalling
    }
  return xs;
}

// One row of SEMANTICS.md's table: f and f' at x, exactly (sign of zero included).
template <class T> struct special_row {
  T x;
  T f;
  T df;
};

template <class T, class F> std::vector<special_row<T>> semantics_table(const fn_case<F>& c) {
  const T inf_ = inf<T>(), nan_ = qnan<T>(), z = T(0), nz = neg_zero<T>();
  const T a = static_cast<T>(c.param);  // T(alpha)
  std::vector<special_row<T>> rows;
  if (c.is("sigmoid")) {
    //        x      f         f'
    rows = {{inf_, T(1), z},   // sigmoid(+inf) = 1, sigmoid'(+inf) = +0
            {-inf_, z, z},     // sigmoid(-inf) = +0, sigmoid'(-inf) = +0
            {z, T(0.5), T(0.25)},
            {nz, T(0.5), T(0.25)}};
  } else if (c.is("relu")) {
    rows = {{inf_, inf_, T(1)},  // relu'(x) = x > 0 ? 1 : 0
            {-inf_, z, z},
            {z, z, z},
            {nz, z, z}};  // relu(-0) = +0, relu'(+-0) = 0
  } else if (c.is("leaky_relu")) {
    rows = {{inf_, inf_, T(1)},
            // -inf * alpha, but -0 when alpha = 0 (not the NaN of 0 * -inf)
            {-inf_, a == 0 ? nz : -inf_, a},
            {z, z, a},
            {nz, a < 0 ? z : nz, a}};  // leaky(-0) = alpha * (-0), leaky'(+-0) = alpha
  } else if (c.is("tanh")) {
    rows = {{inf_, T(1), z}, {-inf_, T(-1), z}, {z, z, T(1)}, {nz, nz, T(1)}};
  } else {  // swish (beta > 0), gelu, gelu_tanh
    rows = {{inf_, inf_, T(1)}, {-inf_, nz, nz}, {z, z, T(0.5)}, {nz, nz, T(0.5)}};
  }
  rows.push_back({nan_, nan_, nan_});
  rows.push_back({-nan_, nan_, nan_});
  return rows;
}

}  // namespace

namespace {
template <class T> void semantics_table_exactly(const path& P) {
  for_each_function([&](const auto& c) {
    const auto rows = semantics_table<T>(c);
    std::vector<T> xs;
    for (const auto& r : rows) xs.push_back(r.x);
    for (direction d : both_directions) {
      const std::vector<T> ys = eval(P, c.f, d, xs);
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const T want = d == direction::forward ? rows[i].f : rows[i].df;
        INFO(describe<T>(P) << ", " << c.label(d) << " at x = " << show(xs[i])
                                        << ": got " << show(ys[i]) << ", want " << show(want));
        CHECK(same(ys[i], want));
      }
    }
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("special values: NaN, +-inf and +-0 give SEMANTICS.md's table exactly",
                     "[special]", semantics_table_exactly, ACTFN_TEST_ALL_PATHS)

namespace {
// leaky_relu's parameter contract: alpha of any sign and size (rounded to T) gives x where x > 0,
// x = +0 or x is NaN, and the product T(alpha) x where x < 0 or x = -0, rounded once: with
// |alpha| > 1 it overflows to +-inf beyond max / |alpha| (the one finite input that gives inf, as
// the exact value is beyond the range); alpha = 0 gives the zero with the product's sign, also at
// x = -inf; an infinite alpha gives IEEE's products (NaN at x = -0). The derivative is 1 where
// x > 0, x where x is NaN, else T(alpha).
template <class T> void leaky_relu_any_alpha(const path& P) {
  const T big = std::numeric_limits<T>::max() / T(4);
  const std::vector<T> xs = {T(0), neg_zero<T>(), T(3), T(-5), big, -big, -std::numeric_limits<T>::max(),
                             std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::denorm_min(),
                             inf<T>(), -inf<T>(), qnan<T>(), T(-1e-3)};
  for (double alpha : {2.0, 8.0, -0.5, -3.0, -0.0, 0.0, 1e300, -1e300, std::numeric_limits<double>::infinity()}) {
    const actfn::leaky_relu f{alpha};
    const T a = static_cast<T>(alpha);
    const std::vector<T> ys = eval(P, f, direction::forward, xs);
    const std::vector<T> ds = eval(P, f, direction::derivative, xs);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      const T x = xs[i];
      const bool takes_x = is_nan(x) || x > 0 || to_bits(x) == 0;
      const T zero_product = from_bits<T>((to_bits(x) ^ to_bits(a)) & sign_mask<T>());
      const T want = takes_x ? x : a == 0 ? zero_product : static_cast<T>(a * x);
      const T want_d = is_nan(x) ? x : x > 0 ? T(1) : a;
      INFO(describe<T>(P) << ", leaky_relu{" << alpha << "} at x = " << show(x) << ": got " << show(ys[i])
                          << ", want " << show(want) << "; f' " << show(ds[i]) << ", want " << show(want_d));
      CHECK(same(ys[i], want));
      CHECK(same(ds[i], want_d));
    }
  }
}
}  // namespace
ACTFN_PATH_TEST_CASE("special values: leaky_relu with alpha of any sign and size is x for x > 0 and "
                     "x = +0, alpha x (rounded once, overflowing past max / |alpha|) below",
                     "[special]", leaky_relu_any_alpha, ACTFN_TEST_ALL_PATHS)

namespace {
// swish with beta = 0 is x s(0) = x / 2 at every x, +-inf included (not the NaN of 0 * inf), with
// the derivative 1/2, in both tiers. x / 2 is one product, rounded once (subnormal x included).
template <class T> void swish_beta_zero_halves(const path& P) {
  const std::vector<T> xs = {inf<T>(), -inf<T>(), T(0), neg_zero<T>(), T(3), T(-5),
                             std::numeric_limits<T>::max(), -std::numeric_limits<T>::max(),
                             std::numeric_limits<T>::denorm_min(), -std::numeric_limits<T>::min(),
                             T(1e-3), T(-88.5), T(200)};
  const auto check = [&](const auto& f, const char* name) {
    const std::vector<T> ys = eval(P, f, direction::forward, xs);
    const std::vector<T> ds = eval(P, f, direction::derivative, xs);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      INFO(describe<T>(P) << ", " << name << "{0} at x = " << show(xs[i]) << ": got "
                          << show(ys[i]) << " and f' " << show(ds[i]));
      CHECK(same(ys[i], static_cast<T>(xs[i] * T(0.5))));
      CHECK(same(ds[i], T(0.5)));
    }
  };
  check(actfn::swish{0.0}, "swish");
  check(actfn::fast::swish{0.0}, "fast::swish");
}
}  // namespace
ACTFN_PATH_TEST_CASE("special values: swish with beta = 0 is x / 2 at every x, +-inf included, "
                        "in both tiers",
                     "[special]", swish_beta_zero_halves, ACTFN_TEST_ALL_PATHS)

namespace {
template <class T> void nan_keeps_its_bits(const path& P) {
  const std::vector<T> xs = nan_patterns<T>();
  // The derivative's array paths return dy * f'(x) (dy = 1), and a product quiets a signalling
  // NaN: the forward direction only, in both tiers.
  const auto check = [&](const auto& c) {
    const std::vector<T> ys = eval(P, c.f, direction::forward, xs);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      INFO(describe<T>(P) << ", " << c.label(direction::forward) << " at x = "
                                      << bits_hex(xs[i]) << ": got " << bits_hex(ys[i]));
      CHECK(to_bits(ys[i]) == to_bits(xs[i]));
    }
  };
  for_each_function(check);
  for_each_fast_function(check);
}
}  // namespace
ACTFN_PATH_TEST_CASE("special values: a NaN comes back with its own bits (sign, payload, quiet or "
                        "signalling) from every function",
                     "[special]", nan_keeps_its_bits, ACTFN_TEST_ALL_PATHS)

TEMPLATE_TEST_CASE("special values: the functors' f'(x) returns a NaN x with its own bits",
                   "[special]", float, double) {
  using T = TestType;
  const std::vector<T> xs = nan_patterns<T>();
  const auto check = [&](const auto& c) {
    for (T x : xs) {
      const T d = scalar_value(c.f, direction::derivative, x);
      INFO(c.label(direction::derivative) << " (" << fp<T>::name << ") at x = " << bits_hex(x)
                                          << ": got " << bits_hex(d));
      CHECK(to_bits(d) == to_bits(x));
    }
  };
  for_each_function(check);
  for_each_fast_function(check);
}

namespace {
template <class T> void extremes_and_cut_offs(const path& P) {
  for_each_function([&](const auto& c) {
    for (direction d : both_directions) {
      const auto& table = reference_table<T>(c, d);
      const auto* window = root_window_of<T>(c, d);
      std::vector<T> xs;
      std::vector<const actfn_ref::point<T>*> pts;
      for (std::size_t i = 0; i < table.size; ++i)
        if (table.points[i].what) {
          xs.push_back(table.points[i].x);
          pts.push_back(&table.points[i]);
        }
      const std::vector<T> ys = eval(P, c.f, d, xs);
      accuracy_log<T> log;
      for (std::size_t i = 0; i < xs.size(); ++i)
        log.add(xs[i], ys[i], exact_of(*pts[i]), inside(window, xs[i]), pts[i]->what);
      INFO(describe<T>(P) << ", " << c.label(d) << ": " << log.summary());
      CHECK(log.checked() >= 12);
      CHECK(log.failed() == 0);
    }
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("special values: extreme inputs, cut-offs and their neighbours are within "
                        "1 ULP and carry the sign of the exact value",
                     "[special]", extremes_and_cut_offs, ACTFN_TEST_ALL_PATHS)

namespace {
template <class T> void finite_inputs_give_finite_results(const path& P) {
  // 2^16 values spread over every finite bit pattern (both signs, every binade, subnormals),
  // plus the extreme finite values (every float: the [exhaustive] test).
  std::vector<T> xs = bit_pattern_sweep<T>(1u << 16);
  for (T x : special_inputs<T>())
    if (is_finite(x)) xs.push_back(x);
  const auto check = [&](const auto& c) {
    for (direction d : both_directions) {
      const std::vector<T> ys = eval(P, c.f, d, xs);
      std::size_t bad = 0, first = 0;
      for (std::size_t i = 0; i < xs.size(); ++i)
        if (!is_finite(ys[i]) && bad++ == 0) first = i;
      INFO(describe<T>(P) << ", " << c.label(d) << ": " << bad << " of " << xs.size()
                                      << " finite inputs give NaN or inf"
                                      << (bad ? ", first: x = " + show(xs[first]) + " gives " +
                                                    show(ys[first])
                                              : std::string()));
      CHECK(bad == 0);
    }
  };
  for_each_function(check);
  for_each_fast_function(check);
}
}  // namespace
ACTFN_PATH_TEST_CASE("special values: no finite input gives NaN or inf, in either tier",
                     "[special][fast]", finite_inputs_give_finite_results, ACTFN_TEST_ALL_PATHS)
