#ifndef ACTFN_SIMD_HPP
#define ACTFN_SIMD_HPP
// SIMD batches for users' own vectorised loops:
//
//   using V = actfn::simd::native<float>;            // widest ISA the compile flags enable
//   for (i = 0; i + V::size <= n; i += V::size)
//     actfn::gelu{}(V::load(x + i)).store(y + i);
//
// Every functor accepts a batch and returns exactly the bits the scalar functor returns, lane by
// lane. A batch type whose ISA the compile flags do not enable cannot be used this way (the array
// API dispatches at run time instead).
#include "detail/config.hpp"
#include "functions.hpp"
#include "simd/avx2.hpp"
#include "simd/avx512.hpp"
#include "simd/batch.hpp"
#include "simd/neon.hpp"
#include "simd/sse2.hpp"

namespace actfn {
namespace simd {

namespace detail {
template <class T>
struct native_batch {
#if defined(ACTFN_HAVE_AVX512_BACKEND) && defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512BW__) && defined(__AVX512VL__)
  using type = batch<T, avx512>;
#elif defined(ACTFN_HAVE_AVX2_BACKEND) && defined(__AVX2__) && defined(__FMA__)
  using type = batch<T, avx2>;
#elif defined(ACTFN_HAVE_SSE2_BACKEND)
  using type = batch<T, sse2>;
#elif defined(ACTFN_HAVE_NEON_BACKEND)
  using type = batch<T, neon>;
#else
  using type = T;  // no SIMD ISA enabled: plain scalars
#endif
};
}  // namespace detail

// The batch of T for the widest instruction set enabled at compile time (T itself if none).
template <class T>
using native = typename detail::native_batch<T>::type;

}  // namespace simd
}  // namespace actfn

#endif
