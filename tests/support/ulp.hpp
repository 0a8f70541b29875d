// ULP error of a computed value against an exact reference, and the accuracy verdict of
// docs/SEMANTICS.md.
//
// One ULP is the spacing of T at the exact result r: ulp(r) = 2^(max(e, emin) - p + 1) where
// 2^e <= |r| < 2^(e+1). So below 2^emin (subnormal results) it is the smallest subnormal, 2^-149
// (float) or 2^-1074 (double), and for r = 0 as well. At an exact power of two r = 2^e we take the
// spacing ABOVE r (the usual definition, Goldberg/Muller); the spacing below is half of it.
// Only exactly representable results can be powers of two, and a correct implementation returns
// them exactly, so the choice never decides a verdict on a good implementation.
//
// The reference is a double-double (hi + lo) * 2^scale (see tests/reference/types.hpp). Using
// the double-double, not just hi, keeps the measured error exact to ~2^-50 ULP for double too.
//
// Exception (SEMANTICS.md): within |x - x0| <= 1/8 of a root x0 of gelu', gelu_tanh' or swish',
// a derivative may instead be off by at most 2^-26 (float) / 2^-55 (double) in absolute terms.
// Inside those windows |f'| < 0.064 (the largest: swish with beta = 2 at the window's edge), so
// 1 ULP is at most 2^-27 (float) / 2^-56 (double): the absolute bound is the looser one, and the
// verdict there is "within 1 ULP or absolute error <= bound", i.e. the absolute bound.
//
// NaN: a NaN result against a finite reference is an error of +inf ULP here; the tests check NaN
// inputs and outputs separately (Catch's WithinULP would fail NaN vs NaN).
#ifndef ACTFN_TESTS_SUPPORT_ULP_HPP
#define ACTFN_TESTS_SUPPORT_ULP_HPP

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "fp.hpp"

ACTFN_TEST_PRECISE_BEGIN

namespace actfn_test {

// The exact value (hi + lo) * 2^scale.
struct exact_value {
  double hi;
  double lo;
  int scale;
};

// Spacing of T for values in the binade [2^e, 2^(e+1)) (subnormal floor applied).
template <class T> double ulp_in_binade(int e) {
  return std::ldexp(1.0, std::max(e, fp<T>::emin) - (fp<T>::p - 1));
}
// Spacing of T at |v| for a finite double v (power of two: the spacing above; 0: smallest subnormal)
template <class T> double ulp_at(double v) {
  return v == 0 ? ulp_in_binade<T>(INT_MIN / 2) : ulp_in_binade<T>(std::ilogb(v));
}

// Binade of the exact value relative to its scale: e with 2^e <= |hi + lo| < 2^(e+1).
inline int binade(const exact_value& r) {
  int e = std::ilogb(r.hi);
  int m;
  const double frac = std::frexp(r.hi, &m);
  // hi = +-2^e exactly and the residual points towards zero: the exact value lies below 2^e
  if (std::fabs(frac) == 0.5 && r.lo != 0 && ((r.lo < 0) != (r.hi < 0))) --e;
  return e;
}

// ULP of T at the exact value, as a power-of-two exponent: ulp = 2^q.
template <class T> int ulp_exponent(const exact_value& r) {
  const int e = r.hi == 0 ? INT_MIN / 2 : binade(r) + r.scale;
  return std::max(e, fp<T>::emin) - (fp<T>::p - 1);
}

// (computed - exact) * 2^-scale, to ~2^-53 relative: c - hi is exact whenever c is within a factor
// of two of hi (Sterbenz), which covers every verdict near the 1-ULP line.
template <class T> double scaled_difference(T computed, const exact_value& r) {
  const double c = std::ldexp(static_cast<double>(computed), -r.scale);
  return (c - r.hi) - r.lo;
}

// |computed - exact| in ULPs of T at the exact value; +inf for a NaN or infinite result.
template <class T> double ulp_error(T computed, const exact_value& r) {
  if (!is_finite(computed)) return inf<double>();
  const double d = std::fabs(scaled_difference(computed, r));
  return std::ldexp(d, r.scale - ulp_exponent<T>(r));
}

// |computed - exact| (absolute); +inf for a NaN or infinite result.
template <class T> double abs_error(T computed, const exact_value& r) {
  if (!is_finite(computed)) return inf<double>();
  return std::ldexp(std::fabs(scaled_difference(computed, r)), r.scale);
}

// The absolute bound of the root-window exception.
template <class T> constexpr double root_window_abs_bound() {
  return sizeof(T) == sizeof(float) ? 0x1p-26 : 0x1p-55;
}

// The contract's accuracy bound.
constexpr double max_ulp = 1.0;

struct verdict {
  double ulps;
  double abs;
  bool in_window;
  bool pass;
};

template <class T> verdict judge(T computed, const exact_value& r, bool in_root_window) {
  verdict v{ulp_error(computed, r), abs_error(computed, r), in_root_window, false};
  v.pass = v.ulps <= max_ulp || (in_root_window && v.abs <= root_window_abs_bound<T>());
  return v;
}

// The sign a result must carry: that of the exact value (hi carries it, zeros included).
// On the bits: under -fno-signed-zeros (-ffast-math) the compiler may treat std::signbit(-0.0) as 0.
inline bool exact_sign_bit(const exact_value& r) { return sign_bit(r.hi); }

inline std::string show(const exact_value& r) {
  const double v = std::ldexp(r.hi + r.lo, r.scale);
  char buf[160];
  if (r.scale == 0)
    std::snprintf(buf, sizeof buf, "%a + %a (%.17g)", r.hi, r.lo, v);
  else
    std::snprintf(buf, sizeof buf, "(%a + %a) * 2^%d (%.17g)", r.hi, r.lo, r.scale, v);
  return buf;
}

// Collects the verdicts of one table (one function, direction, type, path) and prints the worst
// cases. The sign rule: a result carries the sign of the exact value, zeros included (the
// ULP distance alone cannot see -0 vs +0).
template <class T> class accuracy_log {
 public:
  void add(T x, T y, const exact_value& r, bool in_window, const char* what = nullptr) {
    ++checked_;
    const verdict v = judge(y, r, in_window);
    const bool sign_ok = is_nan(y) || sign_bit(y) == exact_sign_bit(r);
    if (!v.pass || !sign_ok) {
      ++failed_;
      if (lines_.size() < 12) lines_.push_back(describe(x, y, r, v, sign_ok, what));
    }
    if (!v.in_window && v.ulps > worst_) {
      worst_ = v.ulps;
      worst_x_ = x;
    }
    if (v.in_window && v.abs > worst_abs_) {
      worst_abs_ = v.abs;
      worst_abs_x_ = x;
    }
  }
  std::size_t checked() const { return checked_; }
  std::size_t failed() const { return failed_; }
  double worst_ulps() const { return worst_; }
  std::string summary() const {
    std::string s = std::to_string(checked_) + " points, " + std::to_string(failed_) +
                    " failed; max error " + dec(worst_) + " ULP at x = " + show(worst_x_);
    if (worst_abs_ >= 0)
      s += "; in the root window max |error| = " + dec(worst_abs_) + " = 2^" +
           dec(worst_abs_ > 0 ? std::log2(worst_abs_) : -9999) + " at x = " + show(worst_abs_x_);
    for (const auto& l : lines_) s += "\n  " + l;
    if (failed_ > lines_.size()) s += "\n  ...";
    return s;
  }

 private:
  static std::string describe(T x, T y, const exact_value& r, const verdict& v, bool sign_ok,
                              const char* what) {
    std::string s = "x = " + show(x) + ": got " + show(y) + ", exact " + show(r) + ", " +
                    dec(v.ulps) + " ULP";
    if (v.in_window) s += ", |error| = " + dec(v.abs) + " (root window, bound " +
                          dec(root_window_abs_bound<T>()) + ")";
    if (!sign_ok) s += ", WRONG SIGN";
    if (what) s += std::string(" [") + what + "]";
    return s;
  }
  std::size_t checked_ = 0, failed_ = 0;
  double worst_ = 0, worst_abs_ = -1;
  T worst_x_{}, worst_abs_x_{};
  std::vector<std::string> lines_;
};

// Error-free sum of two doubles (Knuth's TwoSum): a + b = s + e exactly.
struct dd {
  double hi, lo;
};
inline dd two_sum(double a, double b) {
  const double s = a + b;
  const double bb = s - a;
  const double e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

}  // namespace actfn_test

ACTFN_TEST_PRECISE_END
#endif
