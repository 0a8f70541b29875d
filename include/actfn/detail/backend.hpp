#ifndef ACTFN_DETAIL_BACKEND_HPP
#define ACTFN_DETAIL_BACKEND_HPP
// The array API's backends (array.hpp: backend_available, active_backend, forward(backend, ...)).
namespace actfn {
enum class backend { scalar, sse2, avx2, avx512, neon };
}  // namespace actfn

#endif
