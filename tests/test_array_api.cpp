// The array API, on every path that implements it:
//   actfn::forward(f, x, y, n):        y[i] = f(x[i])
//   actfn::backward(f, x, dy, dx, n):  dx[i] = dy[i] * f'(x[i]), the product of the two T values
//                                      rounded once (SEMANTICS.md)
// Each result is bit-identical to the scalar functor's (NaN = NaN), whatever n (0..300), the
// alignment of the pointers (offsets 0..3 elements from a 64-byte boundary), and whether the
// output aliases an input (y == x; dx == dy; dx == x). Nothing outside [0, n) is written; n == 0
// accepts null pointers. Every function and parameter (leaky_relu alpha in {0, 0.01, 0.2, 1},
// swish beta in {0.5, 1, 1.702, 2}).
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <vector>

#include "support/fp.hpp"
#include "support/functions.hpp"
#include "support/paths.hpp"
#include "support/sweep.hpp"

using namespace actfn_test;

namespace {

// Inputs: the special values, subnormals, values near 0 and the cut-offs, random values of every
// magnitude and random bit patterns (NaNs and infinities included).
template <class T> std::vector<T> input_pool() {
  std::vector<T> v = special_inputs<T>();
  rng r(sizeof(T) * 7919);
  for (int i = 0; i < 400; ++i) v.push_back(static_cast<T>(r.uniform(-10, 10)));
  for (int i = 0; i < 100; ++i) v.push_back(static_cast<T>(r.uniform(-800, 800)));
  for (int i = 0; i < 100; ++i)
    v.push_back(static_cast<T>(r.uniform(-1, 1) * std::ldexp(1.0, -static_cast<int>(r.next() % 60))));
  for (int i = 0; i < 100; ++i) v.push_back(from_bits<T>(static_cast<bits_t<T>>(r.next())));
  for (int k = 1; k <= 20; ++k) v.push_back(static_cast<T>(k) * min_subnormal<T>());
  return v;
}

// Upstream gradients: 1, signs, zeros, non-powers of two, tiny and huge (the product underflows
// to a subnormal or overflows), infinities, NaN, random.
template <class T> std::vector<T> dy_pool() {
  std::vector<T> v = {T(1), T(-1), T(0), neg_zero<T>(), T(3), T(1) / T(3), T(0.1), step(T(1), 1),
                      min_subnormal<T>(), T(4) * min_normal<T>(), max_finite<T>(),
                      -max_finite<T>(), inf<T>(), -inf<T>(), qnan<T>()};
  rng r(sizeof(T) * 104729);
  for (int i = 0; i < 200; ++i) v.push_back(static_cast<T>(r.uniform(-4, 4)));
  return v;
}

ACTFN_TEST_PRECISE_BEGIN
template <class F, class T> T scalar_backward(const F& f, T x, T dy) {
  return dy * scalar_value(f, direction::derivative, x);
}
ACTFN_TEST_PRECISE_END

template <class T> T sentinel() { return from_bits<T>(static_cast<bits_t<T>>(0x7fadbeefu)); }

// n values of `pool` starting at a position that depends on `seed`.
template <class T> std::vector<T> pick(const std::vector<T>& pool, std::size_t n, std::size_t seed) {
  std::vector<T> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = pool[(seed * 131 + i * 37) % pool.size()];
  return out;
}

// Counts mismatches and keeps the first; `where` is only built for a mismatch.
struct mismatch_log {
  std::size_t count = 0;
  std::string first;
  template <class T, class Where>
  void check(bool ok, const Where& where, T x, T got, T want) {
    if (ok) return;
    if (count++ == 0)
      first = where() + ": x = " + show(x) + " gives " + show(got) + ", scalar gives " + show(want);
  }
  void fail(const std::string& what) {
    if (count++ == 0) first = what;
  }
};

// Runs forward and backward of path P on n inputs placed at the given element offsets from a
// 64-byte boundary, each array with a sentinel on both sides, and compares with the scalar
// functor bit for bit.
template <class F, class T>
void compare_with_scalar(const path& P, const F& f, const std::vector<T>& x, const std::vector<T>& dy,
                         std::size_t ox, std::size_t oy, std::size_t ody, mismatch_log& log,
                         const std::string& where) {
  const std::size_t n = x.size();
  placed_buffer<T> xb(n + 2, ox), yb(n + 2, oy), dyb(n + 2, ody);
  const T s = sentinel<T>();
  for (std::size_t i = 0; i < n + 2; ++i) {
    xb[i] = i == 0 || i == n + 1 ? s : x[i - 1];
    dyb[i] = i == 0 || i == n + 1 ? s : dy[i - 1];
    yb[i] = s;
  }
  // xb, yb, dyb start one element before the arrays: the arrays are at offset o + 1.
  P.forward(f, static_cast<const T*>(xb.data() + 1), yb.data() + 1, n);
  for (std::size_t i = 0; i < n; ++i) {
    const T want = scalar_value(f, direction::forward, x[i]);
    log.check(same(yb[i + 1], want), [&] { return where + ", forward, i = " + std::to_string(i); },
              x[i], yb[i + 1], want);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!same(xb[i + 1], x[i])) log.fail(where + ", forward wrote into its input x");
  if (!same(yb[0], s) || !same(yb[n + 1], s)) log.fail(where + ", forward wrote outside [0, n)");

  for (std::size_t i = 0; i < n + 2; ++i) yb[i] = s;
  P.backward(f, static_cast<const T*>(xb.data() + 1), static_cast<const T*>(dyb.data() + 1),
              yb.data() + 1, n);
  for (std::size_t i = 0; i < n; ++i) {
    const T want = scalar_backward(f, x[i], dy[i]);
    log.check(same(yb[i + 1], want),
              [&] { return where + ", backward, i = " + std::to_string(i) + ", dy = " + show(dy[i]); },
              x[i], yb[i + 1], want);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!same(xb[i + 1], x[i]) || !same(dyb[i + 1], dy[i]))
      log.fail(where + ", backward wrote into an input");
  if (!same(yb[0], s) || !same(yb[n + 1], s)) log.fail(where + ", backward wrote outside [0, n)");
}

}  // namespace

namespace {
template <class T> void matches_scalar_for_every_n(const path& P) {
  const auto xpool = input_pool<T>();
  const auto dpool = dy_pool<T>();
  for_each_function([&](const auto& c) {
    mismatch_log log;
    for (std::size_t n = 0; n <= 300; ++n)
      compare_with_scalar(P, c.f, pick(xpool, n, n), pick(dpool, n, 3 * n + 1), 0, 0, 0, log,
                             "n = " + std::to_string(n));
    INFO(describe<T>(P) << ", " << c.label() << ": " << log.count
                                   << " mismatches; first: " << log.first);
    CHECK(log.count == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("array API: every n in 0..300 matches the scalar functor bit for bit",
                     "[array]", matches_scalar_for_every_n, ACTFN_TEST_ARRAY_PATHS)

namespace {
template <class T> void misaligned_pointers_change_nothing(const path& P) {
  const auto xpool = input_pool<T>();
  const auto dpool = dy_pool<T>();
  for_each_function([&](const auto& c) {
    mismatch_log log;
    for (std::size_t n : {1u, 5u, 16u, 33u, 100u, 257u})
      for (std::size_t ox = 0; ox < 4; ++ox)
        for (std::size_t oy = 0; oy < 4; ++oy)
          for (std::size_t ody = 0; ody < 4; ++ody)
            compare_with_scalar(P, c.f, pick(xpool, n, n + ox), pick(dpool, n, oy + ody), ox, oy,
                                   ody, log,
                                   "n = " + std::to_string(n) + ", offsets x " + std::to_string(ox) +
                                       ", y/dx " + std::to_string(oy) + ", dy " +
                                       std::to_string(ody));
    INFO(describe<T>(P) << ", " << c.label() << ": " << log.count
                                   << " mismatches; first: " << log.first);
    CHECK(log.count == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("array API: misaligned pointers (offsets 1..3 elements) change nothing",
                     "[array]", misaligned_pointers_change_nothing, ACTFN_TEST_ARRAY_PATHS)

namespace {
template <class T> void in_place_calls(const path& P) {
  const auto xpool = input_pool<T>();
  const auto dpool = dy_pool<T>();
  for_each_function([&](const auto& c) {
    mismatch_log log;
    for (std::size_t n : {1u, 2u, 3u, 7u, 8u, 9u, 15u, 16u, 17u, 31u, 32u, 33u, 64u, 65u, 255u,
                          256u, 257u, 300u}) {
      const std::vector<T> x = pick(xpool, n, n);
      const std::vector<T> dy = pick(dpool, n, n + 7);
      const std::string where = "n = " + std::to_string(n);
      std::vector<T> buf = x;  // y == x
      P.forward(c.f, static_cast<const T*>(buf.data()), buf.data(), n);
      for (std::size_t i = 0; i < n; ++i) {
        const T want = scalar_value(c.f, direction::forward, x[i]);
        log.check(same(buf[i], want), [&] { return where + ", forward with y == x"; }, x[i],
                  buf[i], want);
      }
      buf = dy;  // dx == dy
      P.backward(c.f, x.data(), static_cast<const T*>(buf.data()), buf.data(), n);
      for (std::size_t i = 0; i < n; ++i)
        log.check(same(buf[i], scalar_backward(c.f, x[i], dy[i])),
                  [&] { return where + ", backward with dx == dy"; }, x[i], buf[i],
                  scalar_backward(c.f, x[i], dy[i]));
      buf = x;  // dx == x
      P.backward(c.f, static_cast<const T*>(buf.data()), dy.data(), buf.data(), n);
      for (std::size_t i = 0; i < n; ++i)
        log.check(same(buf[i], scalar_backward(c.f, x[i], dy[i])),
                  [&] { return where + ", backward with dx == x"; }, x[i], buf[i],
                  scalar_backward(c.f, x[i], dy[i]));
    }
    INFO(describe<T>(P) << ", " << c.label() << ": " << log.count
                                   << " mismatches; first: " << log.first);
    CHECK(log.count == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("array API: in place, y == x, dx == dy and dx == x",
                     "[array]", in_place_calls, ACTFN_TEST_ARRAY_PATHS)

namespace {
template <class T> void empty_arrays(const path& P) {
  for_each_function([&](const auto& c) {
    INFO(describe<T>(P) << ", " << c.label());
    // null pointers: must not be dereferenced (a crash fails the run)
    P.forward(c.f, static_cast<const T*>(nullptr), static_cast<T*>(nullptr), 0);
    P.backward(c.f, static_cast<const T*>(nullptr), static_cast<const T*>(nullptr),
                static_cast<T*>(nullptr), 0);
    // valid pointers, n == 0: the output keeps its contents
    T x[4] = {T(1), T(-1), T(2), T(-2)}, dy[4] = {T(1), T(1), T(1), T(1)}, y[4];
    for (T& v : y) v = sentinel<T>();
    P.forward(c.f, static_cast<const T*>(x), y, 0);
    P.backward(c.f, static_cast<const T*>(x), static_cast<const T*>(dy), y, 0);
    bool untouched = true;
    for (T v : y) untouched = untouched && same(v, sentinel<T>());
    CHECK(untouched);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("array API: n == 0 writes nothing and accepts null pointers",
                     "[array]", empty_arrays, ACTFN_TEST_ARRAY_PATHS)

// dx = dy * f'(x) is one rounding of the product of two T values: not a fused or wider product,
// not dy times a differently rounded f'. Gradients chosen so that the rounding of the product
// shows: non-powers of two (3, 1/3, 0.1, 1 + ulp), products that underflow into the subnormals
// or overflow to inf, zeros, NaN and infinities (inf * 0 = NaN).
namespace {
template <class T> void backward_rounds_the_product_once(const path& P) {
  const std::vector<T> dys = {T(3), T(1) / T(3), T(0.1), step(T(1), 1), step(T(1), -1),
                              T(1.5) * min_normal<T>(), T(4) * min_subnormal<T>(),
                              max_finite<T>() / T(1.5), max_finite<T>(), T(0), neg_zero<T>(), inf<T>(),
                              -inf<T>(), qnan<T>()};
  std::vector<T> grid;
  for (int i = -160; i <= 160; ++i) grid.push_back(static_cast<T>(i) / T(20));
  for (T x : special_inputs<T>()) grid.push_back(x);
  for_each_function([&](const auto& c) {
    mismatch_log log;
    for (T dyv : dys) {
      std::vector<T> x = grid, dy(grid.size(), dyv), dx(grid.size());
      P.backward(c.f, static_cast<const T*>(x.data()), static_cast<const T*>(dy.data()), dx.data(),
                  x.size());
      for (std::size_t i = 0; i < x.size(); ++i) {
        const T want = scalar_backward(c.f, x[i], dyv);
        log.check(same(dx[i], want), [&] { return "dy = " + show(dyv); }, x[i], dx[i], want);
      }
    }
    INFO(describe<T>(P) << ", " << c.label() << ": " << log.count
                                   << " mismatches; first: " << log.first);
    CHECK(log.count == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("array API: backward computes dy * f'(x) rounded once",
                     "[array]", backward_rounds_the_product_once, ACTFN_TEST_ARRAY_PATHS)

// backward's NaN rule: where dy * f'(x) is NaN, dx is x's NaN quieted where x is NaN, else dy's
// NaN quieted, else (dy = +-inf times f'(x) = 0) the quiet NaN with a clear sign bit and no
// payload: the same bits on every backend, at every position, with every compiler (a product of
// two NaNs alone returns either, by instruction set and operand order). Checked bit for bit on NaNs
// of both signs, quiet and signalling, with payloads, against each other and against finite and
// infinite values, for n = 1, 7 and 64 (the paths' eval() also cuts them into tails).
namespace {
template <class T> T nan_with(bool negative, bool quiet, bits_t<T> payload) {
  const bits_t<T> quiet_bit = bits_t<T>(1) << (fp<T>::p - 2);
  return from_bits<T>((negative ? sign_mask<T>() : 0) | exponent_mask<T>() | (quiet ? quiet_bit : 0) | payload);
}
template <class T> T backward_by_the_rule(T x, T dy, T product) {
  return is_nan(product) ? backward_nan(x, dy) : product;
}
template <class T> void backward_nan_follows_one_rule(const path& P) {
  const std::vector<T> values = {nan_with<T>(false, true, 0x123), nan_with<T>(true, true, 0x4567),
                                 nan_with<T>(false, false, 0x5), nan_with<T>(true, false, 0x7a),
                                 qnan<T>(), -qnan<T>(), inf<T>(), -inf<T>(), T(0), neg_zero<T>(),
                                 T(1.5), T(-2.25), T(-100)};
  std::vector<T> xs, dys;
  for (T x : values)
    for (T dy : values) {
      xs.push_back(x);
      dys.push_back(dy);
    }
  for_each_function([&](const auto& c) {
    mismatch_log log;
    for (std::size_t n : {std::size_t(1), std::size_t(7), std::size_t(64), xs.size()}) {
      for (std::size_t start = 0; start + n <= xs.size(); start += n) {
        std::vector<T> dx(n);
        P.backward(c.f, xs.data() + start, dys.data() + start, dx.data(), n);
        for (std::size_t i = 0; i < n; ++i) {
          const T x = xs[start + i], dy = dys[start + i];
          const T want = backward_by_the_rule(x, dy, scalar_backward(c.f, x, dy));
          log.check(to_bits(dx[i]) == to_bits(want),
                    [&] { return "n = " + std::to_string(n) + ", dy = " + show(dy); }, x, dx[i], want);
        }
      }
    }
    INFO(describe<T>(P) << ", " << c.label() << ": " << log.count << " mismatches; first: " << log.first);
    CHECK(log.count == 0);
  });
}
}  // namespace
ACTFN_PATH_TEST_CASE("array API: backward's NaN is x's quieted, else dy's quieted, else the positive "
                     "quiet NaN",
                     "[array]", backward_nan_follows_one_rule, ACTFN_TEST_ARRAY_PATHS)

// Dispatch: what ACTFN_ARCH asks for, what runs, and why (dispatch_report()). A value that names
// an available backend is followed; any other value (unknown, wrong case, trailing space, a
// backend this build or CPU lacks) leaves the widest available backend, and says why. (An
// unavailable backend passed to forward/backward follows the same rule: array.hpp's switch; the
// bits are the same on every backend, so only the report can show the choice.)
#if defined(__unix__) || defined(__APPLE__)  // setenv, unsetenv
namespace {
actfn::backend widest_available() {
  for (actfn::backend b : {actfn::backend::avx512, actfn::backend::avx2, actfn::backend::sse2, actfn::backend::neon})
    if (actfn::backend_available(b)) return b;
  return actfn::backend::scalar;
}

// The choice ACTFN_ARCH = value would give (a fresh choice, not the process's own).
actfn::dispatch_info choice_under(const char* value) {
  const char* old = std::getenv("ACTFN_ARCH");
  const std::string saved = old ? old : "";
  if (value) setenv("ACTFN_ARCH", value, 1); else unsetenv("ACTFN_ARCH");
  actfn::detail::dispatch_state s{};
  actfn::detail::choose_dispatch(s);
  if (old) setenv("ACTFN_ARCH", saved.c_str(), 1); else unsetenv("ACTFN_ARCH");
  actfn::dispatch_info info = s.info;
  // The copy of the value lives in s: compare it here.
  CHECK((value == nullptr) == (info.requested == nullptr));
  if (value && info.requested) CHECK(std::string(info.requested) == std::string(value).substr(0, 31));
  info.requested = nullptr;
  return info;
}
}  // namespace

TEST_CASE("dispatch: the process's report agrees with active_backend() and with ACTFN_ARCH", "[array]") {
  const actfn::dispatch_info r = actfn::dispatch_report();
  CHECK(r.active == actfn::active_backend());
  REQUIRE(r.reason != nullptr);
  if (r.requested == nullptr) CHECK(r.active == widest_available());
}

TEST_CASE("dispatch: ACTFN_ARCH is followed only when it names an available backend", "[array]") {
  const actfn::backend widest = widest_available();
  const actfn::dispatch_info unset = choice_under(nullptr);
  CHECK(unset.active == widest);

  const actfn::dispatch_info scalar = choice_under("scalar");
  CHECK(scalar.active == actfn::backend::scalar);
  CHECK(std::string(scalar.reason) == "ACTFN_ARCH names it");

  for (const char* bad : {"AVX2", "avx2 ", "", "fastest", "sse2,avx2"}) {
    INFO("ACTFN_ARCH='" << bad << "'");
    const actfn::dispatch_info d = choice_under(bad);
    CHECK(d.active == widest);
    CHECK(std::string(d.reason).find("names no backend") != std::string::npos);
  }
  for (actfn::backend b : {actfn::backend::sse2, actfn::backend::avx2, actfn::backend::avx512, actfn::backend::neon}) {
    INFO("ACTFN_ARCH=" << actfn::backend_name(b));
    const actfn::dispatch_info d = choice_under(actfn::backend_name(b));
    if (actfn::backend_available(b)) {
      CHECK(d.active == b);
    } else {
      CHECK(d.active == widest);
      CHECK(std::string(d.reason).find("cannot run") != std::string::npos);
    }
  }
}
#endif
