// The exact functions in MPFR (and the checkers' random generator), shared by
// tools/check_double_mpfr.cpp and tools/check_16bit_mpfr.cpp: 192 bits, formulas without cancellation (e^-|x| forms, sech^2,
// erfc), the decimal 0.044715 and sqrt(2/pi) as exact reals.
#ifndef ACTFN_TOOLS_MPFR_REFERENCE_HPP
#define ACTFN_TOOLS_MPFR_REFERENCE_HPP

#include <mpfr.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "reference_float.hpp"

ACTFN_TOOLS_PRECISE_BEGIN
namespace actfn_tools {

constexpr mpfr_prec_t kPrec = 192;

// Deterministic generator (splitmix64): no std:: distributions, whose output is
// implementation-defined.
struct rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) { return next() % n; }  // bias irrelevant here
  bool coin() { return (next() >> 63) != 0; }
};

// The exact functions in MPFR. One context per thread.
struct mp_ctx {
  mpfr_t x, r, e, d, s, sn, t, u, v, sqrt1_2, inv_sqrt2pi, k, c;

  mp_ctx() {
    mpfr_inits2(kPrec, x, r, e, d, s, sn, t, u, v, sqrt1_2, inv_sqrt2pi, k, c, static_cast<mpfr_ptr>(nullptr));
    mpfr_set_ui(t, 2, MPFR_RNDN);
    mpfr_rec_sqrt(sqrt1_2, t, MPFR_RNDN);            // 1/sqrt(2)
    mpfr_const_pi(t, MPFR_RNDN);
    mpfr_mul_ui(t, t, 2, MPFR_RNDN);
    mpfr_rec_sqrt(inv_sqrt2pi, t, MPFR_RNDN);        // 1/sqrt(2 pi)
    mpfr_const_pi(t, MPFR_RNDN);
    mpfr_ui_div(t, 2, t, MPFR_RNDN);
    mpfr_sqrt(k, t, MPFR_RNDN);                      // sqrt(2/pi)
    mpfr_set_str(c, "0.044715", 10, MPFR_RNDN);      // the decimal constant, not its double
  }
  ~mp_ctx() { mpfr_clears(x, r, e, d, s, sn, t, u, v, sqrt1_2, inv_sqrt2pi, k, c, static_cast<mpfr_ptr>(nullptr)); }
  mp_ctx(const mp_ctx&) = delete;
  mp_ctx& operator=(const mp_ctx&) = delete;

  // s = sigmoid(y), sn = sigmoid(-y), from e = exp(-|y|) (no overflow, no cancellation)
  void sig(mpfr_srcptr y) {
    mpfr_abs(e, y, MPFR_RNDN);
    mpfr_neg(e, e, MPFR_RNDN);
    mpfr_exp(e, e, MPFR_RNDN);
    mpfr_add_ui(d, e, 1, MPFR_RNDN);
    if (mpfr_sgn(y) >= 0) {
      mpfr_ui_div(s, 1, d, MPFR_RNDN);
      mpfr_div(sn, e, d, MPFR_RNDN);
    } else {
      mpfr_div(s, e, d, MPFR_RNDN);
      mpfr_ui_div(sn, 1, d, MPFR_RNDN);
    }
  }

  // r = f_id(xd) for a finite xd; alpha, beta: T(alpha), T(beta) as doubles.
  void eval(int id, double xd, double alpha, double beta) {
    mpfr_set_d(x, xd, MPFR_RNDN);
    switch (id) {
      case SIGMOID: sig(x); mpfr_set(r, s, MPFR_RNDN); break;
      case SIGMOID_D:  // e / (1+e)^2
        sig(x);
        mpfr_mul(r, s, sn, MPFR_RNDN);
        break;
      case RELU: if (xd > 0) mpfr_set(r, x, MPFR_RNDN); else mpfr_set_zero(r, 1); break;
      case RELU_D: mpfr_set_ui(r, xd > 0 ? 1 : 0, MPFR_RNDN); break;
      case LEAKY:  // exact product (53 x 53 bits < kPrec)
        if (xd > 0) mpfr_set(r, x, MPFR_RNDN); else mpfr_mul_d(r, x, alpha, MPFR_RNDN);
        break;
      case LEAKY_D: if (xd > 0) mpfr_set_ui(r, 1, MPFR_RNDN); else mpfr_set_d(r, alpha, MPFR_RNDN); break;
      case TANH: mpfr_tanh(r, x, MPFR_RNDN); break;
      case TANH_D:  // sech^2 x (1 - tanh^2 would cancel)
        mpfr_sech(r, x, MPFR_RNDN);
        mpfr_sqr(r, r, MPFR_RNDN);
        break;
      case SWISH:  // x s(beta x)
        mpfr_mul_d(u, x, beta, MPFR_RNDN);
        sig(u);
        mpfr_mul(r, x, s, MPFR_RNDN);
        break;
      case SWISH_D:  // s(y) (1 + y s(-y))
        mpfr_mul_d(u, x, beta, MPFR_RNDN);
        sig(u);
        mpfr_mul(t, u, sn, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_mul(r, s, t, MPFR_RNDN);
        break;
      case GELU:  // (x/2) erfc(-x/sqrt2)
        mpfr_mul(t, x, sqrt1_2, MPFR_RNDN);
        mpfr_neg(t, t, MPFR_RNDN);
        mpfr_erfc(t, t, MPFR_RNDN);
        mpfr_mul(r, x, t, MPFR_RNDN);
        mpfr_div_2ui(r, r, 1, MPFR_RNDN);
        break;
      case GELU_D:  // erfc(-x/sqrt2)/2 + x exp(-x^2/2)/sqrt(2 pi)
        mpfr_mul(t, x, sqrt1_2, MPFR_RNDN);
        mpfr_neg(t, t, MPFR_RNDN);
        mpfr_erfc(t, t, MPFR_RNDN);
        mpfr_div_2ui(t, t, 1, MPFR_RNDN);
        mpfr_sqr(u, x, MPFR_RNDN);
        mpfr_div_2ui(u, u, 1, MPFR_RNDN);
        mpfr_neg(u, u, MPFR_RNDN);
        mpfr_exp(u, u, MPFR_RNDN);
        mpfr_mul(u, u, x, MPFR_RNDN);
        mpfr_mul(u, u, inv_sqrt2pi, MPFR_RNDN);
        mpfr_add(r, t, u, MPFR_RNDN);
        break;
      case GELU_TANH:  // x s(2u), u = k (x + c x^3)
      case GELU_TANH_D: {  // s(2u) (1 + 2 x u' s(-2u)), u' = k (1 + 3 c x^2)
        mpfr_sqr(t, x, MPFR_RNDN);        // x^2 (exact)
        mpfr_mul(u, t, x, MPFR_RNDN);     // x^3 (exact: 159 bits)
        mpfr_mul(u, u, c, MPFR_RNDN);
        mpfr_add(u, u, x, MPFR_RNDN);
        mpfr_mul(u, u, k, MPFR_RNDN);
        mpfr_mul_2ui(v, u, 1, MPFR_RNDN);  // v = 2u
        sig(v);
        if (id == GELU_TANH) {
          mpfr_mul(r, x, s, MPFR_RNDN);
        } else {
          mpfr_mul(t, t, c, MPFR_RNDN);
          mpfr_mul_ui(t, t, 3, MPFR_RNDN);
          mpfr_add_ui(t, t, 1, MPFR_RNDN);
          mpfr_mul(t, t, k, MPFR_RNDN);     // u'
          mpfr_mul(t, t, x, MPFR_RNDN);
          mpfr_mul_2ui(t, t, 1, MPFR_RNDN);
          mpfr_mul(t, t, sn, MPFR_RNDN);
          mpfr_add_ui(t, t, 1, MPFR_RNDN);
          mpfr_mul(r, s, t, MPFR_RNDN);
        }
        break;
      }
      default: mpfr_set_nan(r); break;
    }
  }

  // |y - r| in units of 2^ulp_exp, where 2^ulp_exp = spacing of a type with `digits`
  // significand bits and smallest exponent `min_ulp_exp` at the exact r.
  double ulp_error(double y, int digits, long min_ulp_exp) {
    long ue = min_ulp_exp;
    if (!mpfr_zero_p(r)) ue = std::max(ue, static_cast<long>(mpfr_get_exp(r)) - digits);
    mpfr_set_d(d, y, MPFR_RNDN);
    mpfr_sub(d, d, r, MPFR_RNDN);
    mpfr_abs(d, d, MPFR_RNDN);
    mpfr_mul_2si(d, d, -ue, MPFR_RNDN);
    return mpfr_get_d(d, MPFR_RNDN);
  }
  double abs_error(double y) {
    mpfr_set_d(d, y, MPFR_RNDN);
    mpfr_sub(d, d, r, MPFR_RNDN);
    return std::fabs(mpfr_get_d(d, MPFR_RNDN));
  }
  double rel_error(double y) {  // r != 0
    mpfr_set_d(d, y, MPFR_RNDN);
    mpfr_sub(d, d, r, MPFR_RNDN);
    mpfr_div(d, d, r, MPFR_RNDN);
    return std::fabs(mpfr_get_d(d, MPFR_RNDN));
  }
  double r_abs() { return std::fabs(mpfr_get_d(r, MPFR_RNDN)); }
};

}  // namespace actfn_tools
ACTFN_TOOLS_PRECISE_END

#endif
