#ifndef ACTFN_SIMD_BATCH_HPP
#define ACTFN_SIMD_BATCH_HPP
// actfn::simd::batch<T, Arch>: a SIMD register of T for one instruction set. Each backend
// (avx512.hpp, avx2.hpp, ...) specialises it with load/store/broadcast and the primitive
// operations the kernels use. Functors accept batches: actfn::gelu{}(v).

namespace actfn {
namespace simd {

template <class T, class Arch>
struct batch;

}  // namespace simd
}  // namespace actfn

#endif
