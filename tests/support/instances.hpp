// The array loops the tests run, instantiated once, in tests/instances_<backend>.cpp, instead of
// in every test file: a loop inlines four copies of its kernel (batch_group.inc), and the seven
// test files that call the array API would otherwise each compile all of them again.
// ACTFN_TEST_LOOP_INSTANCES(X, ns) calls X(ns, F, T) for every functor type F the tests use and
// T in {float, double}; the backends are the namespaces of actfn::detail that this build has.
#ifndef ACTFN_TESTS_SUPPORT_INSTANCES_HPP
#define ACTFN_TESTS_SUPPORT_INSTANCES_HPP
#include <actfn/actfn.hpp>
#include <actfn/fast.hpp>

#include <cstddef>

#define ACTFN_TEST_LOOP_INSTANCES_T(X, ns, T) \
  X(ns, actfn::sigmoid, T)                    \
  X(ns, actfn::relu, T)                       \
  X(ns, actfn::leaky_relu, T)                 \
  X(ns, actfn::tanh, T)                       \
  X(ns, actfn::swish, T)                      \
  X(ns, actfn::silu, T)                       \
  X(ns, actfn::gelu, T)                       \
  X(ns, actfn::gelu_tanh, T)                  \
  X(ns, actfn::fast::sigmoid, T)              \
  X(ns, actfn::fast::relu, T)                 \
  X(ns, actfn::fast::leaky_relu, T)           \
  X(ns, actfn::fast::tanh, T)                 \
  X(ns, actfn::fast::swish, T)                \
  X(ns, actfn::fast::silu, T)                 \
  X(ns, actfn::fast::gelu, T)                 \
  X(ns, actfn::fast::gelu_tanh, T)
#define ACTFN_TEST_LOOP_INSTANCES(X, ns)     \
  ACTFN_TEST_LOOP_INSTANCES_T(X, ns, float) \
  ACTFN_TEST_LOOP_INSTANCES_T(X, ns, double)

#define ACTFN_TEST_LOOP_SIGNATURES(prefix, ns, F, T)                                                      \
  prefix void actfn::detail::ns::forward_array<F, T>(const F&, const T*, T*, std::size_t) noexcept; \
  prefix void actfn::detail::ns::backward_array<F, T>(const F&, const T*, const T*, T*, std::size_t) noexcept;
#define ACTFN_TEST_LOOP_DECLARE(ns, F, T) ACTFN_TEST_LOOP_SIGNATURES(extern template, ns, F, T)
#define ACTFN_TEST_LOOP_DEFINE(ns, F, T) ACTFN_TEST_LOOP_SIGNATURES(template, ns, F, T)

// Declared here, so that no test file instantiates them.
#ifndef ACTFN_TEST_DEFINING_INSTANCES
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DECLARE, portable)
#  if defined(ACTFN_HAVE_SSE2_BACKEND)
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DECLARE, sse2_kernels)
#  endif
#  if defined(ACTFN_HAVE_AVX2_BACKEND)
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DECLARE, avx2_kernels)
#  endif
#  if defined(ACTFN_HAVE_AVX512_BACKEND)
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DECLARE, avx512_kernels)
#  endif
#  if defined(ACTFN_HAVE_NEON_BACKEND)
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DECLARE, neon_kernels)
#  endif
#endif

#endif
