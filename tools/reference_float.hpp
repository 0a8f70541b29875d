// Shared by tools/sweep_float.cpp and tools/check_double_mpfr.cpp:
//   - the list of the 14 checked functions (names, command-line spelling),
//   - the special-value table of docs/SEMANTICS.md (+-inf, NaN),
//   - the derivative-root windows (roots found by bisection at start-up),
//   - the double-precision reference used by the exhaustive float sweep.
//
// The reference is evaluated in double (long double in the gelu tail) with formulas that are
// stable in the tails: no 1 - tanh^2, no s*(1-s), no 1 + erf. Its error, measured against MPFR
// by check_double_mpfr, is ~1e-15 relative: far below half an ULP of float (2^-24).
// The reference is meant for float inputs (every float is exact in double; some products below
// are exact only because a float has 24 significant bits).
#ifndef ACTFN_TOOLS_REFERENCE_FLOAT_HPP
#define ACTFN_TOOLS_REFERENCE_FLOAT_HPP

#include <actfn/actfn.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

// The tools must see IEEE semantics even when built with ACTFN_EXTRA_TEST_FLAGS=-ffast-math.
#if defined(__clang__)
#  define ACTFN_TOOLS_PRECISE_BEGIN                             \
    _Pragma("float_control(precise, on, push)")                 \
    _Pragma("clang fp contract(off)")
#  define ACTFN_TOOLS_PRECISE_END _Pragma("float_control(pop)")
#elif defined(__GNUC__)
#  define ACTFN_TOOLS_PRECISE_BEGIN                                                     \
    _Pragma("GCC push_options")                                                         \
    _Pragma("GCC optimize(\"no-fast-math\", \"fp-contract=off\", \"no-unsafe-math-optimizations\")")
#  define ACTFN_TOOLS_PRECISE_END _Pragma("GCC pop_options")
#else
#  define ACTFN_TOOLS_PRECISE_BEGIN
#  define ACTFN_TOOLS_PRECISE_END
#endif

ACTFN_TOOLS_PRECISE_BEGIN

namespace actfn_tools {

// ---------------------------------------------------------------------------------------------
// The functions
enum fn_id : int {
  SIGMOID, SIGMOID_D, RELU, RELU_D, LEAKY, LEAKY_D, TANH, TANH_D,
  SWISH, SWISH_D, GELU, GELU_D, GELU_TANH, GELU_TANH_D, NUM_FN
};

struct fn_info {
  const char* name;  // as printed in the tables
  const char* cli;   // as accepted by --functions (the printed name is accepted as well)
  bool derivative;
};

inline const fn_info& info(int id) {
  static const fn_info table[NUM_FN] = {
      {"sigmoid", "sigmoid", false},        {"sigmoid'", "sigmoid_d", true},
      {"relu", "relu", false},              {"relu'", "relu_d", true},
      {"leaky_relu", "leaky_relu", false},  {"leaky_relu'", "leaky_relu_d", true},
      {"tanh", "tanh", false},              {"tanh'", "tanh_d", true},
      {"swish", "swish", false},            {"swish'", "swish_d", true},
      {"gelu", "gelu", false},              {"gelu'", "gelu_d", true},
      {"gelu_tanh", "gelu_tanh", false},    {"gelu_tanh'", "gelu_tanh_d", true},
  };
  return table[id];
}

// Parameters the tools use (the library's defaults).
constexpr double kAlpha = 0.01;  // leaky_relu
constexpr double kBeta = 1.0;    // swish

// Parses "a,b,c" into sel[]; "all" selects everything. Returns false (with err set) on an
// unknown name.
inline bool parse_functions(const std::string& list, bool sel[NUM_FN], std::string& err) {
  for (int i = 0; i < NUM_FN; ++i) sel[i] = false;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(pos, comma - pos);
    pos = comma + 1;
    if (item.empty()) continue;
    bool found = false;
    if (item == "all") {
      for (int i = 0; i < NUM_FN; ++i) sel[i] = true;
      found = true;
    }
    for (int i = 0; i < NUM_FN && !found; ++i)
      if (item == info(i).name || item == info(i).cli) sel[i] = found = true;
    if (!found) {
      err = "unknown function '" + item + "'; known:";
      for (int i = 0; i < NUM_FN; ++i) err += std::string(" ") + info(i).cli;
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Bit-level classification (immune to -ffinite-math-only).
inline std::uint64_t bits_of(double x) { std::uint64_t b; std::memcpy(&b, &x, 8); return b; }
inline std::uint32_t bits_of(float x) { std::uint32_t b; std::memcpy(&b, &x, 4); return b; }
inline double double_from_bits(std::uint64_t b) { double x; std::memcpy(&x, &b, 8); return x; }
inline float float_from_bits(std::uint32_t b) { float x; std::memcpy(&x, &b, 4); return x; }

inline bool is_nan_bits(float x) { return (bits_of(x) & 0x7fffffffu) > 0x7f800000u; }
inline bool is_nan_bits(double x) {
  return (bits_of(x) & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
}
inline bool is_finite_bits(float x) { return (bits_of(x) & 0x7f800000u) != 0x7f800000u; }
inline bool is_finite_bits(double x) {
  return (bits_of(x) & 0x7ff0000000000000ull) != 0x7ff0000000000000ull;
}
inline bool sign_bit(float x) { return (bits_of(x) >> 31) != 0; }
inline bool sign_bit(double x) { return (bits_of(x) >> 63) != 0; }
// Same value and, for zeros and infinities, the same sign (NaN never matches).
template <class T> inline bool same_value(T a, T b) {
  return !is_nan_bits(a) && !is_nan_bits(b) && a == b && sign_bit(a) == sign_bit(b);
}

// ---------------------------------------------------------------------------------------------
// Signed zeros from their bits: -ffast-math (-fno-signed-zeros) may fold -T(0) to +0.
template <class T> inline T zero(bool neg);
template <> inline float zero<float>(bool neg) { return float_from_bits(neg ? 0x80000000u : 0u); }
template <> inline double zero<double>(bool neg) {
  return double_from_bits(neg ? 0x8000000000000000ull : 0ull);
}

// docs/SEMANTICS.md: value at +inf (neg = false) or -inf (neg = true) for value type T.
template <class T> inline T expected_at_inf(int id, bool neg) {
  const T inf = std::numeric_limits<T>::infinity();
  const T pz = zero<T>(false), nz = zero<T>(true), one = T(1);
  const T alpha = T(kAlpha);
  switch (id) {
    case SIGMOID: return neg ? pz : one;
    case SIGMOID_D: return pz;
    case RELU: return neg ? pz : inf;
    case RELU_D: return neg ? pz : one;
    case LEAKY: return neg ? (alpha > T(0) ? -inf : alpha < T(0) ? inf : nz) : inf;
    case LEAKY_D: return neg ? alpha : one;
    case TANH: return neg ? -one : one;
    case TANH_D: return pz;
    case SWISH: case GELU: case GELU_TANH: return neg ? nz : inf;
    case SWISH_D: case GELU_D: case GELU_TANH_D: return neg ? nz : one;
    default: return std::numeric_limits<T>::quiet_NaN();
  }
}

// docs/SEMANTICS.md: the exact value at +0 (neg = false) or -0 (neg = true), sign included.
template <class T> inline T expected_at_zero(int id, bool neg) {
  const T z = zero<T>(neg), pz = zero<T>(false);
  switch (id) {
    case SIGMOID: return T(0.5);
    case SIGMOID_D: return T(0.25);
    case RELU: case RELU_D: return pz;
    case LEAKY: return z;  // T(alpha) * (+-0), alpha > 0
    case LEAKY_D: return T(kAlpha);
    case TANH: case SWISH: case GELU: case GELU_TANH: return z;
    case TANH_D: return T(1);
    case SWISH_D: case GELU_D: case GELU_TANH_D: return T(0.5);
    default: return std::numeric_limits<T>::quiet_NaN();
  }
}

// Functions whose exact result is an exact zero (so its sign is part of the contract) at
// finite nonzero x: relu and relu' for x < 0 (SEMANTICS.md: +0). At x = +-0 every function's
// value is exact and checked bit for bit against expected_at_zero.
inline bool exact_zero_region(int id) { return id == RELU || id == RELU_D; }

// ---------------------------------------------------------------------------------------------
// The reference, in double, for float inputs.
namespace ref {

constexpr double kSqrt1_2 = 0.70710678118654752440084436210484903928;   // 1/sqrt(2)
constexpr double kInvSqrt2Pi = 0.39894228040143267793994605993438186848; // 1/sqrt(2 pi)
constexpr double kSqrt2OverPi = 0.79788456080286535587989211986876373695; // sqrt(2/pi)
constexpr double kGeluTanhC = 0.044715;
constexpr long double kSqrt1_2L = 0.70710678118654752440084436210484903928L;
constexpr long double kInvSqrt2PiL = 0.39894228040143267793994605993438186848L;

// Correctly rounded shortcuts where the double result is a constant: the same values glibc
// returns, without its slow underflow path (errno) that would dominate a sweep.
inline double exp_le0(double t) {  // t <= 0; e^t < 2^-1075 below -746: rounds to +0
  return t < -746.0 ? 0.0 : std::exp(t);
}
inline double erfc_(double t) {  // erfc(t) < 1e-342 for t > 28: rounds to +0
  return t > 28.0 ? 0.0 : std::erfc(t);
}

// e = exp(-|y|) is never > 1 and never overflows.
inline double sig_from(double y, double e) { return y >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e); }
inline double sigmoid(double y) { return sig_from(y, exp_le0(-std::fabs(y))); }

// sigmoid'(x) = s(x) s(-x) = e / (1+e)^2, e = exp(-|x|)
inline double sigmoid_d(double x) {
  double e = exp_le0(-std::fabs(x));
  double d = 1.0 + e;
  return e / (d * d);
}
inline double relu(double x) { return x > 0 ? x : 0.0; }
inline double relu_d(double x) { return x > 0 ? 1.0 : 0.0; }
// alpha: T(alpha) as a double. For float x and float alpha the product is exact in double.
inline double leaky(double x, double alpha) { return x > 0 ? x : alpha * x; }
inline double leaky_d(double x, double alpha) { return x > 0 ? 1.0 : alpha; }
// |x| >= 20: 1 - tanh|x| < 2^-56, so tanh rounds to +-1.
inline double tanh(double x) { return std::fabs(x) >= 20.0 ? std::copysign(1.0, x) : std::tanh(x); }
// tanh'(x) = 4 e / (1+e)^2, e = exp(-2|x|)
inline double tanh_d(double x) {
  double e = exp_le0(-2.0 * std::fabs(x));
  double d = 1.0 + e;
  return 4.0 * e / (d * d);
}
// swish(x) = x s(y), y = beta x (beta: T(beta) as a double; exact product for float data).
inline double swish(double x, double beta) { return x * sigmoid(beta * x); }
// swish'(x) = s(y) (1 + y s(-y))
inline double swish_d(double x, double beta) {
  double y = beta * x;
  double e = exp_le0(-std::fabs(y));
  double s = sig_from(y, e), sn = sig_from(-y, e);
  return s * (1.0 + y * sn);
}
// gelu(x) = (x/2) erfc(-x/sqrt2). In the left tail erfc(t) has relative condition ~2t^2, so the
// rounding of t = -x/sqrt2 is amplified: there t and erfc are computed in long double.
// (Below -40 the result underflows double, the double path returns -0 at once.)
inline double gelu(double x) {
  if (x < -4.0 && x > -40.0) {
    long double xl = x;
    return static_cast<double>(0.5L * xl * std::erfc(-xl * kSqrt1_2L));
  }
  return 0.5 * x * erfc_(-x * kSqrt1_2);
}
// gelu'(x) = Phi(x) + x phi(x) = erfc(-x/sqrt2)/2 + x exp(-x^2/2)/sqrt(2 pi). For x < 0 erfc
// has a positive argument (no 1 + erf); x^2 is exact for float x.
inline double gelu_d(double x) {
  if (x < -4.0 && x > -40.0) {
    long double xl = x;
    return static_cast<double>(0.5L * std::erfc(-xl * kSqrt1_2L) +
                               xl * std::exp(-0.5L * xl * xl) * kInvSqrt2PiL);
  }
  return 0.5 * erfc_(-x * kSqrt1_2) + x * exp_le0(-0.5 * x * x) * kInvSqrt2Pi;
}
// gelu_tanh(x) = x s(2u), u = sqrt(2/pi) (x + 0.044715 x^3)
inline double gelu_tanh(double x) {
  double u = kSqrt2OverPi * (x + kGeluTanhC * x * x * x);
  return x * sigmoid(2.0 * u);
}
// gelu_tanh'(x) = s(2u) (1 + 2 x u' s(-2u)), u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2)
inline double gelu_tanh_d(double x) {
  double u = kSqrt2OverPi * (x + kGeluTanhC * x * x * x);
  double up = kSqrt2OverPi * (1.0 + 3.0 * kGeluTanhC * x * x);
  double v = 2.0 * u;
  double e = exp_le0(-std::fabs(v));
  double s = sig_from(v, e), sn = sig_from(-v, e);
  return s * (1.0 + 2.0 * x * up * sn);
}

// Dispatch; alpha and beta are T(alpha), T(beta) as doubles.
inline double eval(int id, double x, double alpha, double beta) {
  switch (id) {
    case SIGMOID: return sigmoid(x);
    case SIGMOID_D: return sigmoid_d(x);
    case RELU: return relu(x);
    case RELU_D: return relu_d(x);
    case LEAKY: return leaky(x, alpha);
    case LEAKY_D: return leaky_d(x, alpha);
    case TANH: return tanh(x);
    case TANH_D: return tanh_d(x);
    case SWISH: return swish(x, beta);
    case SWISH_D: return swish_d(x, beta);
    case GELU: return gelu(x);
    case GELU_D: return gelu_d(x);
    case GELU_TANH: return gelu_tanh(x);
    case GELU_TANH_D: return gelu_tanh_d(x);
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace ref

// ---------------------------------------------------------------------------------------------
// Derivative-root windows (SEMANTICS.md): |x - x0| <= 1/8 around the root x0 of gelu',
// gelu_tanh' and swish' (for beta > 0). Roots by bisection on the reference (to ~1 ulp of
// double; the window edge does not need more).
constexpr double kRootHalfWidth = 0.125;

inline double bisect_root(int id, double lo, double hi, double beta) {
  double flo = ref::eval(id, lo, 0.0, beta);
  for (int it = 0; it < 200; ++it) {
    double mid = 0.5 * (lo + hi);
    if (mid == lo || mid == hi) break;
    double fm = ref::eval(id, mid, 0.0, beta);
    if ((fm < 0) == (flo < 0)) { lo = mid; flo = fm; } else { hi = mid; }
  }
  return 0.5 * (lo + hi);
}

// The root of function id's derivative, or NaN when id has no root window.
inline double root_x0(int id, double beta = kBeta) {
  switch (id) {
    case GELU_D: return bisect_root(GELU_D, -1.0, -0.5, beta);
    case GELU_TANH_D: return bisect_root(GELU_TANH_D, -1.0, -0.5, beta);
    case SWISH_D:  // root at -1.27846.../beta; bracket in y = beta x, then scale
      if (beta > 0) return bisect_root(SWISH_D, -1.5, -1.0, 1.0) / beta;
      return std::numeric_limits<double>::quiet_NaN();
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

// ---------------------------------------------------------------------------------------------
// The library, through the array API: y = f(x) (forward) or y = 1 * f'(x) (backward, dy = ones).
template <class T, class F>
inline void run_array(const F& f, bool derivative, const T* x, const T* ones, T* y, std::size_t n) {
  if (derivative)
    actfn::backward(f, x, ones, y, n);
  else
    actfn::forward(f, x, y, n);
}

// The library's tier: actfn::* (accurate) or actfn::fast::*.
enum class tier { accurate, fast };

// The ULP bound of each tier, and where it holds (README "The fast tier": 4 ULP for |x| <= 10,
// beyond it finite with the exact value's sign). The root-window bounds depend on the type and
// stay with each tool.
inline double tier_ulp_bound(tier t) { return t == tier::fast ? 4.0 : 1.0; }
inline double tier_core(tier t) { return t == tier::fast ? 10.0 : HUGE_VAL; }

template <class T, class Sigmoid, class Relu, class Leaky, class Tanh, class Swish, class Gelu,
          class GeluTanh>
inline void library_eval_tier(int id, const T* x, const T* ones, T* y, std::size_t n) {
  const bool d = info(id).derivative;
  switch (id) {
    case SIGMOID: case SIGMOID_D: run_array(Sigmoid{}, d, x, ones, y, n); break;
    case RELU: case RELU_D: run_array(Relu{}, d, x, ones, y, n); break;
    case LEAKY: case LEAKY_D: {
      Leaky f;
      f.alpha = kAlpha;
      run_array(f, d, x, ones, y, n);
      break;
    }
    case TANH: case TANH_D: run_array(Tanh{}, d, x, ones, y, n); break;
    case SWISH: case SWISH_D: {
      Swish f;
      f.beta = kBeta;
      run_array(f, d, x, ones, y, n);
      break;
    }
    case GELU: case GELU_D: run_array(Gelu{}, d, x, ones, y, n); break;
    case GELU_TANH: case GELU_TANH_D: run_array(GeluTanh{}, d, x, ones, y, n); break;
    default: break;
  }
}

template <class T>
inline void library_eval(int id, const T* x, const T* ones, T* y, std::size_t n,
                         tier which = tier::accurate) {
  if (which == tier::fast)
    library_eval_tier<T, actfn::fast::sigmoid, actfn::fast::relu, actfn::fast::leaky_relu,
                      actfn::fast::tanh, actfn::fast::swish, actfn::fast::gelu,
                      actfn::fast::gelu_tanh>(id, x, ones, y, n);
  else
    library_eval_tier<T, actfn::sigmoid, actfn::relu, actfn::leaky_relu, actfn::tanh,
                      actfn::swish, actfn::gelu, actfn::gelu_tanh>(id, x, ones, y, n);
}

// ---------------------------------------------------------------------------------------------
// Markdown result table, one row per function.
struct table_row {
  std::string function, max_ulp, at_x, over1, root_window, specials;
  bool ok = true;
};

inline std::string fmt(const char* f, double v) {
  char buf[128];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
// ULP errors: "0.503", or "1.95e+308" for the huge errors of a broken result.
inline std::string fmt_ulp(double v) { return fmt(v < 1e6 ? "%.3f" : "%.3g", v); }
inline std::string fmt_count(unsigned long long v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%llu", v);
  return buf;
}
// "-0x1.5ep+3 (-10.9375)"
inline std::string fmt_x(double x) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%a (%.17g)", x, x);
  return buf;
}
inline std::string fmt_x(float x) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%a (%.9g)", static_cast<double>(x), static_cast<double>(x));
  return buf;
}
// "1.19e-07 (2^-23.0)"
inline std::string fmt_abs(double e) {
  if (e == 0) return "0";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g (2^%.1f)", e, std::log2(e));
  return buf;
}

inline std::string markdown_table(const std::vector<table_row>& rows, const char* root_bound,
                                  const char* ulp_bound = "1 ULP") {
  std::string s = "| function | max ULP | at x | count > ";
  s += ulp_bound;
  s += " | root-window abs error (bound ";
  s += root_bound;
  s += ") | NaN/inf/exact-zero mismatches | ok |\n|---|---|---|---|---|---|---|\n";
  for (const table_row& r : rows)
    s += "| " + r.function + " | " + r.max_ulp + " | " + r.at_x + " | " + r.over1 + " | " +
         r.root_window + " | " + r.specials + " | " + (r.ok ? "yes" : "**NO**") + " |\n";
  return s;
}

}  // namespace actfn_tools

ACTFN_TOOLS_PRECISE_END

#endif
