#ifndef ACTFN_FUNCTIONS_HPP
#define ACTFN_FUNCTIONS_HPP
// The seven activation functors. Each works on float, double, and (with <actfn/simd.hpp>) SIMD
// batches of them: f(x) is the activation, f.derivative(x) its derivative at x.
//
// Contract (every functor, every value type, every code path):
//   - max error <= 1 ULP of the exact result, tails and subnormals included; near a root of a
//     derivative (gelu' at -0.7518, gelu_tanh' near it, swish' at -1.2785/beta), within 1/8 of the
//     root, absolute error <= 2^-26 (float) / 2^-55 (double) instead;
//   - NaN in gives NaN out; +-inf give the mathematical limits; no finite input gives NaN or inf;
//   - results do not depend on compiler flags or on which backend ran.
// The exact values at the special points are tabulated in README.md ("Semantics").
#include <type_traits>

#include "detail/config.hpp"
#include "detail/exact.hpp"
#include "detail/kernels.hpp"
#include "detail/scalar_ops.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {

// 1 / (1 + e^-x); derivative s(x) s(-x).
struct sigmoid {
  static constexpr bool fast_tier = false;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept { return detail::functor_evaluate(*this, x); }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept { return detail::functor_evaluate_derivative(*this, x); }
};

}  // namespace actfn
ACTFN_PRECISE_END

// relu and leaky_relu sit outside the precise region: on a float or double their scalar forms
// (detail/exact.hpp) inline into a caller's loop; on a SIMD batch they run the kernels.
namespace actfn {

// max(x, 0) with relu(-0) = +0 and relu(NaN) = NaN; derivative 1 for x > 0, else 0 (relu'(0) = 0).
struct relu {
  static constexpr bool fast_tier = false;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept {
    if constexpr (std::is_arithmetic<V>::value) return detail::exact_positive_or(x, V(0));
    else return detail::functor_evaluate(*this, x);
  }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept {
    if constexpr (std::is_arithmetic<V>::value) return detail::exact_step_or(x, V(0));
    else return detail::functor_evaluate_derivative(*this, x);
  }
};

// x for x > 0, else alpha * x (alpha rounded to the value type); derivative 1 or alpha
// (leaky'(0) = alpha, as PyTorch).
struct leaky_relu {
  static constexpr bool fast_tier = false;
  double alpha = 0.01;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept {
    if constexpr (std::is_arithmetic<V>::value)
      return detail::exact_positive_or(x, detail::exact_scaled(x, static_cast<V>(alpha)));
    else return detail::functor_evaluate(*this, x);
  }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept {
    if constexpr (std::is_arithmetic<V>::value) return detail::exact_step_or(x, static_cast<V>(alpha));
    else return detail::functor_evaluate_derivative(*this, x);
  }
};

}  // namespace actfn
ACTFN_PRECISE_BEGIN
namespace actfn {

// Hyperbolic tangent; derivative 1 - tanh^2 x (computed as 4 e^-2|x| / (1 + e^-2|x|)^2).
struct tanh {
  static constexpr bool fast_tier = false;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept { return detail::functor_evaluate(*this, x); }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept { return detail::functor_evaluate_derivative(*this, x); }
};

// x * sigmoid(beta x) (beta rounded to the value type); accuracy bound holds for
// 2^-10 <= |beta| <= 2^10 (and beta = 0); any finite beta gives finite results.
struct swish {
  static constexpr bool fast_tier = false;
  double beta = 1.0;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept { return detail::functor_evaluate(*this, x); }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept { return detail::functor_evaluate_derivative(*this, x); }
};

// SiLU: swish with beta = 1. The constructor is always inlined: a constructor of a type outside
// the ISA namespace emitted out of line (as at -O0) would be one weak symbol for TUs with
// different -m flags (detail/config.hpp, ACTFN_ISA_NAMESPACE).
struct silu : swish {
  ACTFN_INLINE constexpr silu() noexcept : swish{1.0} {}
};

// Exact GELU: x Phi(x), Phi the standard normal CDF; derivative Phi(x) + x phi(x).
struct gelu {
  static constexpr bool fast_tier = false;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept { return detail::functor_evaluate(*this, x); }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept { return detail::functor_evaluate_derivative(*this, x); }
};

// GELU, tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), with the constants
// taken as exact reals; derivative of that.
struct gelu_tanh {
  static constexpr bool fast_tier = false;
  template <class V, class Isa = detail::isa_tag>
  V operator()(V x) const noexcept { return detail::functor_evaluate(*this, x); }
  template <class V, class Isa = detail::isa_tag>
  V derivative(V x) const noexcept { return detail::functor_evaluate_derivative(*this, x); }
};

}  // namespace actfn
ACTFN_PRECISE_END

// The fast tier's functors, then the kernels bound to the functors of both tiers (they need the
// types complete): whichever of functions.hpp and fast.hpp comes first, both tiers are defined
// before the kernels.
#include "fast.hpp"

#endif
