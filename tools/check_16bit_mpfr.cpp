// The 16-bit array API (actfn::bfloat16, actfn::float16) against MPFR, exhaustively.
//
// For both types, every one of the 65,536 inputs, the seven functions of both tiers (leaky_relu
// with alpha 0.01, swish with beta 1), on every backend this host runs:
//   - forward, and the derivative as backward with dy = 1;
//   - backward with each dy of a set that covers both signs, the extreme exponents (the largest
//     finite, the smallest normal and subnormal), inexact products, +inf and a NaN;
//   - the float-in, 16-bit-out forward on --float-samples float inputs per function (random bit
//     patterns: half over every float, half with |x| < 16).
// The accurate tier must give the correctly rounded 16-bit value of the exact result (MPFR, 192
// bits, rounded by MPFR itself in the 16-bit format's precision and exponent range); the fast tier
// must be within 1 ULP of the 16-bit type. Both tiers: +-inf and +-0 give the values of
// docs/SEMANTICS.md, a NaN x gives x itself (forward) or x quieted (backward), a NaN dy gives dy
// quieted, inf * 0 the positive quiet NaN; every backend gives the scalar backend's bits.
//
//   check_16bit_mpfr [--float-samples N]
//
// Exits 1 when a result is wrong, 2 on bad usage. Deterministic.
#include "mpfr_reference.hpp"
#include "reference_float.hpp"

#include <actfn/actfn.hpp>
#include <mpfr.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

ACTFN_TOOLS_PRECISE_BEGIN

namespace {

using namespace actfn_tools;

template <class H>
struct format;
template <>
struct format<actfn::bfloat16> {
  static constexpr const char* name = "bfloat16";
  static constexpr mpfr_prec_t precision = 8;
  static constexpr mpfr_exp_t emin = -132, emax = 128;  // MPFR's exponents: m 2^e, 1/2 <= m < 1
  static constexpr long min_ulp_exp = -133;
  static constexpr std::uint16_t quiet_bit = 0x0040;
};
template <>
struct format<actfn::float16> {
  static constexpr const char* name = "float16";
  static constexpr mpfr_prec_t precision = 11;
  static constexpr mpfr_exp_t emin = -23, emax = 16;
  static constexpr long min_ulp_exp = -24;
  static constexpr std::uint16_t quiet_bit = 0x0200;
};

std::uint32_t float_bits(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

template <class H>
std::uint16_t infinity16() {
  return std::is_same<H, actfn::bfloat16>::value ? 0x7f80 : 0x7c00;
}
template <class H>
bool is_nan16(std::uint16_t h) { return (h & 0x7fff) > infinity16<H>(); }
template <class H>
float widen(std::uint16_t h) { return static_cast<float>(H::from_bits(h)); }
template <class H>
std::uint16_t narrow_exact(double d) { return H(static_cast<float>(d)).bits(); }  // d is a 16-bit value

// m.r rounded to nearest in H: MPFR's own rounding in H's precision and exponent range
// (subnormals included), as its manual emulates IEEE formats.
template <class H>
std::uint16_t round_reference(mp_ctx& m) {
  mpfr_t q;
  mpfr_init2(q, format<H>::precision);
  const mpfr_exp_t old_min = mpfr_get_emin(), old_max = mpfr_get_emax();
  mpfr_set_emin(format<H>::emin);
  mpfr_set_emax(format<H>::emax);
  int inexact = mpfr_set(q, m.r, MPFR_RNDN);
  inexact = mpfr_check_range(q, inexact, MPFR_RNDN);
  mpfr_subnormalize(q, inexact, MPFR_RNDN);
  mpfr_set_emin(old_min);
  mpfr_set_emax(old_max);
  const double d = mpfr_get_d(q, MPFR_RNDN);
  mpfr_clear(q);
  return narrow_exact<H>(d);
}

// The functors of one tier, by fn_id (forward and derivative share a functor).
template <class Sigmoid, class Relu, class Leaky, class Tanh, class Swish, class Gelu, class GeluTanh, class Visit>
void with_functor(int id, Visit visit) {
  switch (id) {
    case SIGMOID: case SIGMOID_D: return visit(Sigmoid{});
    case RELU: case RELU_D: return visit(Relu{});
    case LEAKY: case LEAKY_D: {
      Leaky f;
      f.alpha = kAlpha;
      return visit(f);
    }
    case TANH: case TANH_D: return visit(Tanh{});
    case SWISH: case SWISH_D: {
      Swish f;
      f.beta = kBeta;
      return visit(f);
    }
    case GELU: case GELU_D: return visit(Gelu{});
    default: return visit(GeluTanh{});
  }
}
template <class Visit>
void with_functor(tier t, int id, Visit visit) {
  if (t == tier::fast)
    with_functor<actfn::fast::sigmoid, actfn::fast::relu, actfn::fast::leaky_relu, actfn::fast::tanh,
                 actfn::fast::swish, actfn::fast::gelu, actfn::fast::gelu_tanh>(id, visit);
  else
    with_functor<actfn::sigmoid, actfn::relu, actfn::leaky_relu, actfn::tanh, actfn::swish, actfn::gelu,
                 actfn::gelu_tanh>(id, visit);
}

const actfn::backend kBackends[] = {actfn::backend::scalar, actfn::backend::sse2, actfn::backend::avx2,
                                    actfn::backend::avx512, actfn::backend::neon};

struct counter {
  long checked = 0, wrong = 0;
  void fail(const std::string& what) {
    if (wrong++ < 12) std::printf("  WRONG %s\n", what.c_str());
  }
};

std::string hex16(std::uint16_t h) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%04x", h);
  return b;
}

// The exact value's rounding (accurate) or a 1-ULP bound (fast), for a finite exact value in m.r.
template <class H>
bool acceptable(mp_ctx& m, tier t, std::uint16_t got, std::uint16_t correct) {
  if (got == correct) return true;
  if (t == tier::accurate || is_nan16<H>(got)) return false;
  if ((got & 0x7fff) == infinity16<H>() || (correct & 0x7fff) == infinity16<H>()) return false;
  return m.ulp_error(static_cast<double>(widen<H>(got)), static_cast<int>(format<H>::precision),
                     format<H>::min_ulp_exp) <= 1.0;
}

bool exact_function(int id) { return id == RELU || id == RELU_D || id == LEAKY || id == LEAKY_D; }

// The exact f(x) or f'(x) at a finite float x, into m.r (the contract's values at +-0). Returns
// true where the value is not zero but below even MPFR's exponent range (e^-(x^2/2) at
// |x| > 2^32): m.r is then a zero with the sign of the value (the sign of the limit at +-inf).
bool exact_value(mp_ctx& m, int id, float x) {
  if (x == 0.0f) {
    mpfr_set_d(m.r, static_cast<double>(expected_at_zero<float>(id, std::signbit(x))), MPFR_RNDN);
    return false;
  }
  const double alpha = static_cast<double>(static_cast<float>(kAlpha));
  const double beta = static_cast<double>(static_cast<float>(kBeta));
  m.eval(id, static_cast<double>(x), alpha, beta);
  if (!mpfr_zero_p(m.r) || exact_function(id)) return false;
  mpfr_set_zero(m.r, std::signbit(expected_at_inf<float>(id, x < 0)) ? -1 : 1);
  return true;
}

template <class H>
void check_type(mp_ctx& m, counter& c, std::size_t float_samples) {
  const char* tname = format<H>::name;
  std::vector<H> xs(65536);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = H::from_bits(static_cast<std::uint16_t>(i));
  // dy: both signs, exact and inexact products, the extremes, +inf, a NaN.
  std::vector<H> dys;
  for (float v : {1.0f, -1.0f, 1.5f, -2.75f, 0.1f, 7.0f, -1000.0f, 0x1p-12f, 3.0e4f})
    dys.push_back(H(v));
  dys.push_back(H::from_bits(std::is_same<H, actfn::bfloat16>::value ? 0x7f7f : 0x7bff));  // largest
  dys.push_back(H::from_bits(std::is_same<H, actfn::bfloat16>::value ? 0x0080 : 0x0400));  // smallest normal
  dys.push_back(H::from_bits(0x8001));                                                      // -smallest subnormal
  dys.push_back(H::from_bits(infinity16<H>()));
  dys.push_back(H::from_bits(static_cast<std::uint16_t>(infinity16<H>() | 0x5)));  // a signalling NaN

  // Random floats for the float -> 16-bit forward.
  rng rs{0x16b17u};
  std::vector<float> fx(float_samples);
  for (std::size_t i = 0; i < fx.size(); ++i) {
    const std::uint32_t bits = static_cast<std::uint32_t>(rs.next() >> 32);
    fx[i] = i % 2 == 0 ? float_from_bits(bits) : float_from_bits((bits & 0x80ffffffu) | 0x3c000000u) * 16.0f;
  }

  for (tier t : {tier::accurate, tier::fast}) {
    const char* tier_name = t == tier::fast ? "fast" : "accurate";
    for (int id = 0; id < NUM_FN; ++id) {
      const bool derivative = info(id).derivative;
      // The library on every backend; scalar first, the others must equal it.
      std::vector<H> y(xs.size()), y_scalar, ones(xs.size(), H(1.0f));
      std::vector<H> bx, bdy, bdx;  // backward with each dy
      for (const H& dy : dys)
        for (const H& x : xs) {
          bx.push_back(x);
          bdy.push_back(dy);
        }
      std::vector<H> bdx_scalar;
      std::vector<H> fy(fx.size()), fy_scalar;
      for (actfn::backend b : kBackends) {
        if (!actfn::backend_available(b)) continue;
        bdx.assign(bx.size(), H::from_bits(0));
        with_functor(t, id, [&](const auto& f) {
          if (derivative) {
            actfn::backward(b, f, xs.data(), ones.data(), y.data(), xs.size());
            actfn::backward(b, f, bx.data(), bdy.data(), bdx.data(), bx.size());
          } else {
            actfn::forward(b, f, xs.data(), y.data(), xs.size());
            actfn::forward(b, f, fx.data(), fy.data(), fx.size());
          }
        });
        if (b == actfn::backend::scalar) {
          y_scalar = y;
          bdx_scalar = bdx;
          fy_scalar = fy;
          continue;
        }
        for (std::size_t i = 0; i < y.size(); ++i)
          if (y[i].bits() != y_scalar[i].bits()) {
            c.fail(std::string(tname) + " " + tier_name + " " + info(id).name + " backend " + actfn::backend_name(b) +
                   " differs from scalar at x = " + hex16(xs[i].bits()));
            break;
          }
        for (std::size_t i = 0; i < bdx.size(); ++i)
          if (bdx[i].bits() != bdx_scalar[i].bits()) {
            c.fail(std::string(tname) + " " + tier_name + " backward " + info(id).name + " backend " +
                   actfn::backend_name(b) + " differs from scalar");
            break;
          }
        if (!derivative)
          for (std::size_t i = 0; i < fy.size(); ++i)
            if (fy[i].bits() != fy_scalar[i].bits()) {
              c.fail(std::string(tname) + " " + tier_name + " float-in " + info(id).name + " backend " +
                     actfn::backend_name(b) + " differs from scalar");
              break;
            }
      }
      // Against MPFR.
      const auto label = [&](const char* what, std::uint16_t hx) {
        return std::string(tname) + " " + tier_name + " " + what + " " + info(id).name + " at x = " + hex16(hx);
      };
      for (std::size_t i = 0; i < xs.size(); ++i) {
        const std::uint16_t hx = xs[i].bits(), got = y_scalar[i].bits();
        const float x = widen<H>(hx);
        ++c.checked;
        std::uint16_t correct;
        if (is_nan16<H>(hx)) {
          correct = derivative ? static_cast<std::uint16_t>(hx | format<H>::quiet_bit) : hx;
          if (got != correct) c.fail(label("NaN", hx) + ": " + hex16(got));
          continue;
        }
        if (std::isinf(x)) {
          correct = H(expected_at_inf<float>(id, x < 0)).bits();
          if (got != correct) c.fail(label("inf", hx) + ": " + hex16(got) + ", expected " + hex16(correct));
          continue;
        }
        const bool below_range = exact_value(m, id, x);
        correct = round_reference<H>(m);
        if (x == 0.0f || below_range ? got != correct : !acceptable<H>(m, t, got, correct))
          c.fail(label("value", hx) + ": " + hex16(got) + ", correctly rounded " + hex16(correct));
        if (!derivative) continue;
        // backward with each dy: RN16(dy f'(x)) (the accurate tier), 1 ULP of it (fast).
        for (std::size_t k = 0; k < dys.size(); ++k) {
          const std::uint16_t hdy = dys[k].bits(), dgot = bdx_scalar[k * xs.size() + i].bits();
          ++c.checked;
          std::uint16_t dcorrect;
          if (is_nan16<H>(hdy)) {
            dcorrect = static_cast<std::uint16_t>(hdy | format<H>::quiet_bit);
          } else {
            // m.r still holds f'(x): the product is exact at 192 bits (inf * 0 is NaN).
            mpfr_t saved;
            mpfr_init2(saved, kPrec);
            mpfr_set(saved, m.r, MPFR_RNDN);
            mpfr_mul_d(m.r, m.r, static_cast<double>(widen<H>(hdy)), MPFR_RNDN);
            if (below_range && std::isinf(widen<H>(hdy))) {
              // inf times a nonzero value: inf, with the product's sign.
              dcorrect = static_cast<std::uint16_t>(((hdy & 0x8000) ^ (mpfr_signbit(saved) ? 0x8000 : 0)) |
                                                    infinity16<H>());
            } else if (mpfr_nan_p(m.r)) {
              dcorrect = static_cast<std::uint16_t>(infinity16<H>() | format<H>::quiet_bit);
            } else {
              dcorrect = round_reference<H>(m);
              if (mpfr_inf_p(m.r) || mpfr_zero_p(m.r) ? dgot == dcorrect : acceptable<H>(m, t, dgot, dcorrect))
                dcorrect = dgot;
            }
            mpfr_set(m.r, saved, MPFR_RNDN);
            mpfr_clear(saved);
          }
          if (dgot != dcorrect)
            c.fail(label("backward", hx) + " dy = " + hex16(hdy) + ": " + hex16(dgot) + ", expected " + hex16(dcorrect));
        }
      }
      if (derivative) continue;
      for (std::size_t i = 0; i < fx.size(); ++i) {
        const float x = fx[i];
        const std::uint16_t got = fy_scalar[i].bits();
        ++c.checked;
        std::uint16_t correct;
        if (std::isnan(x)) {
          // x's sign and the top of its payload; the quiet bit where no payload bit would remain.
          constexpr int M = static_cast<int>(format<H>::precision) - 1;
          const std::uint32_t u = float_bits(x);
          std::uint16_t top = static_cast<std::uint16_t>((u >> (23 - M)) & ((1u << M) - 1));
          if (top == 0) top = format<H>::quiet_bit;
          correct = static_cast<std::uint16_t>(((u >> 16) & 0x8000) | infinity16<H>() | top);
          if (got != correct) c.fail(label("float-in NaN", 0) + ": " + hex16(got) + ", expected " + hex16(correct));
          continue;
        }
        if (std::isinf(x)) {
          correct = H(expected_at_inf<float>(id, x < 0)).bits();
        } else {
          const bool below_range = exact_value(m, id, x);
          correct = round_reference<H>(m);
          if (x != 0.0f && !below_range && acceptable<H>(m, t, got, correct)) correct = got;
        }
        if (got != correct) {
          char b[64];
          std::snprintf(b, sizeof b, " (float x = %a)", static_cast<double>(x));
          c.fail(label("float-in", 0) + b + ": " + hex16(got) + ", expected " + hex16(correct));
        }
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t float_samples = std::size_t(1) << 16;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--float-samples") == 0 && i + 1 < argc) {
      float_samples = static_cast<std::size_t>(std::strtoull(argv[++i], nullptr, 0));
    } else {
      std::fprintf(stderr, "usage: check_16bit_mpfr [--float-samples N]\n");
      return 2;
    }
  }
  const auto start = std::chrono::steady_clock::now();
  mpfr_set_emin(mpfr_get_emin_min());
  mpfr_set_emax(mpfr_get_emax_max());
  mp_ctx m;
  counter c;
  check_type<actfn::bfloat16>(m, c, float_samples);
  check_type<actfn::float16>(m, c, float_samples);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("check_16bit_mpfr: %ld results checked (every bfloat16 and float16 input, %zu float inputs a "
              "function), %ld wrong, %.1f s\n",
              c.checked, float_samples, c.wrong, seconds);
  return c.wrong == 0 ? 0 : 1;
}

ACTFN_TOOLS_PRECISE_END
