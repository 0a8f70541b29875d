#ifndef ACTFN_FAST_HPP
#define ACTFN_FAST_HPP
// The fast tier: the same seven functors, named actfn::fast::*, for users who prefer speed to the
// last ULP. Contract: at most 4 ULP for |x| <= 10 (float and double; near a derivative root,
// within 1/8 of it, absolute error <= 2^-24 (float) / 2^-52 (double) instead); NaN, infinities,
// signed zeros and the limits exactly as in the accurate tier (README "Semantics"); no finite
// input gives NaN or inf; beyond |x| = 10 results stay finite and follow the function's shape but
// carry no ULP bound. Bit-identical across backends, like the accurate tier. relu and leaky_relu
// are exact in both tiers (the same code).
#include "detail/config.hpp"
#include "detail/kernels.hpp"
#include "functions.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace fast {

#define ACTFN_FAST_FUNCTOR(name, param)                                                        \
  struct name {                                                                                \
    static constexpr bool fast_tier = true;                                                    \
    param template <class V, class Isa = detail::isa_tag>                                      \
    V operator()(V x) const noexcept { return detail::functor_evaluate(*this, x); }            \
    template <class V, class Isa = detail::isa_tag>                                            \
    V derivative(V x) const noexcept { return detail::functor_evaluate_derivative(*this, x); } \
  };

ACTFN_FAST_FUNCTOR(sigmoid, )
ACTFN_FAST_FUNCTOR(tanh, )
ACTFN_FAST_FUNCTOR(swish, double beta = 1.0;)
ACTFN_FAST_FUNCTOR(gelu, )
ACTFN_FAST_FUNCTOR(gelu_tanh, )
#undef ACTFN_FAST_FUNCTOR

struct silu : swish {
  ACTFN_INLINE constexpr silu() noexcept : swish{1.0} {}  // always inlined: see actfn::silu
};

}  // namespace fast
}  // namespace actfn
ACTFN_PRECISE_END

// relu and leaky_relu are exact in both tiers: the accurate tier's functors under the fast name
// (their own types, so that code can tell the tiers apart), outside the precise region as they
// are (functions.hpp).
namespace actfn {
namespace fast {
struct relu : actfn::relu {
  static constexpr bool fast_tier = true;
};
struct leaky_relu : actfn::leaky_relu {
  static constexpr bool fast_tier = true;
  // Always inlined, as actfn::silu's constructor is.
  ACTFN_INLINE constexpr leaky_relu() noexcept : actfn::leaky_relu{} {}
  ACTFN_INLINE constexpr leaky_relu(double a) noexcept : actfn::leaky_relu{a} {}
};
}  // namespace fast
}  // namespace actfn

#include "detail/scalar_kernels.hpp"

#endif
