#ifndef ACTFN_ARRAY_HPP
#define ACTFN_ARRAY_HPP
// TEMPORARY SKELETON: signatures final; the engine underneath is being written.
#include <cstddef>
#include "functions.hpp"

namespace actfn {

enum class backend { scalar, sse2, avx2, avx512, neon };

template <class F, class T>
inline void forward(const F& f, const T* x, T* y, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) y[i] = f(x[i]);
}
template <class F, class T>
inline void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) dx[i] = dy[i] * f.derivative(x[i]);
}

}  // namespace actfn
#endif
