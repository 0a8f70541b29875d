#ifndef ACTFN_DETAIL_FUNCTOR_LIST_HPP
#define ACTFN_DETAIL_FUNCTOR_LIST_HPP
// Every functor type of both tiers, once: ACTFN_FOR_EACH_FUNCTOR(X) expands to X(type) for each
// (ACTFN_FOR_EACH_ACCURATE_FUNCTOR and ACTFN_FOR_EACH_FAST_FUNCTOR: one tier).
// The compiled mode (array.hpp, src/) declares and defines the array API for exactly these.
#include "../fast.hpp"
#include "../functions.hpp"

#define ACTFN_FOR_EACH_ACCURATE_FUNCTOR(X)                                                     \
  X(::actfn::sigmoid) X(::actfn::relu) X(::actfn::leaky_relu) X(::actfn::tanh) X(::actfn::swish) \
  X(::actfn::silu) X(::actfn::gelu) X(::actfn::gelu_tanh)
#define ACTFN_FOR_EACH_FAST_FUNCTOR(X)                                                         \
  X(::actfn::fast::sigmoid) X(::actfn::fast::relu) X(::actfn::fast::leaky_relu)                 \
  X(::actfn::fast::tanh) X(::actfn::fast::swish) X(::actfn::fast::silu) X(::actfn::fast::gelu)  \
  X(::actfn::fast::gelu_tanh)
#define ACTFN_FOR_EACH_FUNCTOR(X) ACTFN_FOR_EACH_ACCURATE_FUNCTOR(X) ACTFN_FOR_EACH_FAST_FUNCTOR(X)

#endif
