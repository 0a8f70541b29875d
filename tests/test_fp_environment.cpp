// The array API and the scalar functors under the caller's floating-point environment
// (docs/SEMANTICS.md, "The caller's floating-point environment"): on x86-64 and AArch64 they
// give the default environment's results whatever the caller set, so
//   - under each directed rounding mode, and under flush-to-zero / denormals-are-zero, every
//     result is the same bits as in the default environment;
//   - with FE_INVALID, FE_DIVBYZERO and FE_OVERFLOW trapping, no input (finite, infinite, NaN)
//     makes a call trap, and afterwards none of those three flags is set;
//   - the caller's environment comes back as it was (rounding mode, traps, FTZ/DAZ).
// Every function of both tiers, both directions, the scalar functors and every array path, n = 1, 7
// and the whole pool. (Functors on SIMD batches run in the caller's environment: not here.)
#include <catch2/catch.hpp>

#include <cfenv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#  include <xmmintrin.h>
#endif

#include "support/fp.hpp"
#include "support/functions.hpp"
#include "support/paths.hpp"
#include "support/sweep.hpp"

using namespace actfn_test;

#if (defined(__x86_64__) || defined(__aarch64__)) && (defined(__GNUC__) || defined(__clang__))
namespace {

// Flush-to-zero and denormals-are-zero on (x86-64: MXCSR FTZ and DAZ; AArch64: FPCR.FZ), and
// back. The value returned restores the previous state.
std::uint64_t set_flush_to_zero() {
#  if defined(__x86_64__)
  const unsigned old = _mm_getcsr();
  _mm_setcsr(old | 0x8040u);
  return old;
#  else
  std::uint64_t old;
  __asm__ __volatile__("mrs %0, fpcr" : "=r"(old));
  __asm__ __volatile__("msr fpcr, %0" : : "r"(old | (std::uint64_t(1) << 24)) : "memory");
  return old;
#  endif
}
void restore_control(std::uint64_t old) {
#  if defined(__x86_64__)
  _mm_setcsr(static_cast<unsigned>(old));
#  else
  __asm__ __volatile__("msr fpcr, %0" : : "r"(old) : "memory");
#  endif
}
std::uint64_t control_now() {
#  if defined(__x86_64__)
  return _mm_getcsr() & 0xffc0u;  // the control bits, not the status flags
#  else
  std::uint64_t v;
  __asm__ __volatile__("mrs %0, fpcr" : "=r"(v));
  return v;
#  endif
}

// Inputs: the special values (infinities, quiet NaNs, zeros, subnormals, the cut-offs) and a
// spread of finite values; signalling NaNs are left out (they may raise FE_INVALID).
template <class T> bool signalling_nan(T x) {
  const bits_t<T> quiet = bits_t<T>(1) << (fp<T>::p - 2);
  return x != x && (to_bits(x) & quiet) == 0;
}
template <class T> std::vector<T> pool() {
  std::vector<T> v;
  for (T x : special_inputs<T>())
    if (!signalling_nan(x)) v.push_back(x);
  rng r(sizeof(T) * 104729);
  for (int i = 0; i < 300; ++i) v.push_back(static_cast<T>(r.uniform(-40, 40)));
  for (int i = 0; i < 100; ++i) v.push_back(static_cast<T>(r.uniform(-1, 1) * 1e-37));
  // Every binade from the subnormals to the overflow threshold, every fifth: the saturated and
  // deep-tail inputs (sigmoid'(90), gelu_tanh(1e5), masked logits at -1e30) and the tiny ones.
  for (int e = std::numeric_limits<T>::min_exponent - fp<T>::p; e < std::numeric_limits<T>::max_exponent; e += 5)
    for (T sign : {T(1), T(-1)}) v.push_back(sign * std::ldexp(T(1.37), e));
  return v;
}

// Every function of both tiers in both directions on P over xs, in the current environment: the
// results of the whole pool and of the calls with n = 1 and n = 7 (the tail paths) in one vector.
template <class T> std::vector<T> all_results(const path& P, const std::vector<T>& xs) {
  std::vector<T> out;
  const auto run = [&](const auto& c) {
    for (direction d : both_directions) {
      using F = std::decay_t<decltype(c.f)>;
      // The scalar leaky_relu computes in the caller's environment (the test case below).
      if (P.kind == path_kind::scalar && std::is_base_of<actfn::leaky_relu, F>::value) continue;
      for (std::size_t n : {std::size_t(1), std::size_t(7), xs.size()}) {
        std::vector<T> ys(n);
        P.eval(c.f, d, xs.data(), ys.data(), n);
        out.insert(out.end(), ys.begin(), ys.end());
      }
    }
  };
  for_each_function(run);
  for_each_fast_function(run);
  return out;
}

template <class T> void first_difference(const path& P, const char* environment, const std::vector<T>& want,
                                         const std::vector<T>& got) {
  REQUIRE(want.size() == got.size());
  std::size_t differ = 0, first = 0;
  for (std::size_t i = 0; i < want.size(); ++i)
    if (!same(want[i], got[i]) && differ++ == 0) first = i;
  INFO(describe<T>(P) << ", " << environment << ": " << differ << " of " << want.size()
                      << " results differ from the default environment's"
                      << (differ ? " (first: result " + std::to_string(first) + ", got " + show(got[first]) +
                                       ", want " + show(want[first]) + ")"
                                 : std::string()));
  CHECK(differ == 0);
}

template <class T> void same_bits_in_any_environment(const path& P) {
  const std::vector<T> xs = pool<T>();
  const std::vector<T> want = all_results<T>(P, xs);
  const std::uint64_t control = control_now();
  const struct { int mode; const char* name; } modes[] = {
      {FE_UPWARD, "FE_UPWARD"}, {FE_DOWNWARD, "FE_DOWNWARD"}, {FE_TOWARDZERO, "FE_TOWARDZERO"}};
  for (const auto& m : modes) {
    REQUIRE(std::fesetround(m.mode) == 0);
    const std::vector<T> got = all_results<T>(P, xs);
    const int mode_after = std::fegetround();
    std::fesetround(FE_TONEAREST);
    CHECK(mode_after == m.mode);  // the caller's mode comes back
    first_difference(P, m.name, want, got);
  }
  const std::uint64_t old = set_flush_to_zero();
  const std::uint64_t flush_control = control_now();
  const std::vector<T> got = all_results<T>(P, xs);
  const std::uint64_t after = control_now();
  restore_control(old);
  CHECK(after == flush_control);  // FTZ/DAZ come back
  first_difference(P, "flush-to-zero and denormals-are-zero", want, got);
  CHECK(control_now() == control);
}

}  // namespace
ACTFN_PATH_TEST_CASE("FP environment: the array API and the scalar functors give the same bits under "
                        "every rounding mode and under FTZ/DAZ",
                     "[fenv]", same_bits_in_any_environment, scalar_float, scalar_double, ACTFN_TEST_ARRAY_PATHS)

namespace {
// The one exception: the scalar leaky_relu is `x > 0 ? x : alpha x`, inlined into the caller's
// loop, and it computes as that expression would, in the caller's environment: under a directed
// rounding mode alpha's conversion to the value type and the product round that way (at most
// 2 ULP from the default result: one for each; the derivative's alpha, 1 ULP), and under FTZ/DAZ
// a subnormal product (or one of a subnormal x) may be zero instead. relu rounds nothing.
// On the bits: under DAZ, x != 0 is false for a subnormal x.
template <class T> bool is_zero(T x) { return (to_bits(x) & ~sign_mask<T>()) == 0; }
template <class T> bool subnormal(T x) { return !is_zero(x) && (to_bits(x) & exponent_mask<T>()) == 0; }
template <class T> void leaky_relu_computes_in_the_callers_environment() {
  const std::vector<T> xs = pool<T>();
  for (double alpha : leaky_alphas) {
    const actfn::leaky_relu f{alpha};
    std::vector<T> want;
    for (T x : xs) want.push_back(f(x));
    for (T x : xs) want.push_back(f.derivative(x));
    const auto count = [&](auto acceptable) {
      std::size_t differ = 0;
      for (std::size_t i = 0; i < xs.size(); ++i) {
        differ += acceptable(xs[i], want[i], f(xs[i])) ? 0 : 1;
        differ += acceptable(xs[i], want[xs.size() + i], f.derivative(xs[i])) ? 0 : 1;
      }
      return differ;
    };
    const int directed[] = {FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    for (int mode : directed) {
      REQUIRE(std::fesetround(mode) == 0);
      const std::size_t differ = count([](T, T w, T g) {
        return same(w, g) || (is_finite(w) && is_finite(g) && std::abs(ordinal(w) - ordinal(g)) <= 2);
      });
      std::fesetround(FE_TONEAREST);
      INFO("rounding mode " << mode << ", alpha " << alpha << ": " << differ << " results more than 2 ULP away");
      CHECK(differ == 0);
    }
    const std::uint64_t old = set_flush_to_zero();
    const std::size_t differ = count([](T x, T w, T g) {
      return same(w, g) || ((subnormal(x) || subnormal(w)) && is_zero(g));
    });
    restore_control(old);
    INFO("FTZ/DAZ, alpha " << alpha << ": " << differ << " results other than the default or a flushed zero");
    CHECK(differ == 0);
  }
}
}  // namespace
TEMPLATE_TEST_CASE("FP environment: the scalar leaky_relu computes alpha x in the caller's environment, "
                   "within 2 ULP under directed rounding",
                   "[fenv]", float, double) {
  leaky_relu_computes_in_the_callers_environment<TestType>();
}

#  if defined(__GLIBC__)
namespace {
template <class T> void no_trap_and_no_flag(const path& P) {
  const std::vector<T> xs = pool<T>();
  const int traps = FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW;
  std::feclearexcept(FE_ALL_EXCEPT);
  // Not every CPU traps (AArch64 implementations may not): nothing to check there.
  if (feenableexcept(traps) == -1) {
    WARN("this CPU cannot trap floating-point exceptions: the traps part is not checked");
  }
  const int enabled = fegetexcept();
  // A trap would end the process here (SIGFPE): the test fails by crashing.
  all_results<T>(P, xs);
  const int enabled_after = fegetexcept();
  const int raised = std::fetestexcept(traps);
  fedisableexcept(traps);
  std::feclearexcept(FE_ALL_EXCEPT);
  CHECK(enabled_after == enabled);  // the caller's traps come back
  INFO(describe<T>(P) << ": flags raised by the calls: " << (raised & FE_INVALID ? "FE_INVALID " : "")
                      << (raised & FE_DIVBYZERO ? "FE_DIVBYZERO " : "") << (raised & FE_OVERFLOW ? "FE_OVERFLOW" : ""));
  CHECK(raised == 0);
}
}  // namespace
ACTFN_PATH_TEST_CASE("FP environment: with traps on, no array API or scalar functor call traps or "
                        "leaves FE_INVALID, FE_DIVBYZERO or FE_OVERFLOW",
                     "[fenv]", no_trap_and_no_flag, scalar_float, scalar_double, ACTFN_TEST_ARRAY_PATHS)
#  endif
#endif
