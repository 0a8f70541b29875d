// Peer: Eigen 3 array expressions over the same buffers, written the way a user writes them:
// Map the pointers, one expression per call, no temporaries (so a value used twice, like the
// logistic in sigmoid', appears twice in the expression and is left to the compiler to share).
// Eigen vectorises for the target this file is compiled for (ACTFN_BENCH_EIGEN_FLAGS, default
// -march=native); where Eigen has no packet version (double tanh and erf in 3.4) it calls libm
// per element. Built only with -DACTFN_BENCH_PEERS=ON and Eigen found.
// GCC 12's AVX-512 intrinsics (_mm512_max_ps and others pass _mm512_undefined_ps()) raise a false
// -Wmaybe-uninitialized once Eigen's packet code is inlined into the functions below (GCC bug
// 105593, fixed in GCC 13); the system-header exemption does not cover inlined code.
#if defined(__GNUC__) && !defined(__clang__)
#  pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>

#include <cstddef>

#include "peers.hpp"

namespace {

template <class T> using array = Eigen::Array<T, Eigen::Dynamic, 1>;

template <class T> Eigen::Map<const array<T>> in(const T* p, std::size_t n) {
  return Eigen::Map<const array<T>>(p, static_cast<Eigen::Index>(n));
}
template <class T> Eigen::Map<array<T>> out(T* p, std::size_t n) {
  return Eigen::Map<array<T>>(p, static_cast<Eigen::Index>(n));
}

template <class T> struct constants {
  static constexpr T alpha = T(0.01);                         // leaky_relu
  static constexpr T inv_sqrt2 = T(0.70710678118654752440);   // gelu
  static constexpr T inv_sqrt2pi = T(0.39894228040143267794);
  static constexpr T k = T(0.79788456080286535588);           // gelu_tanh: sqrt(2/pi)
  static constexpr T c = T(0.044715);
};

template <class T> void sigmoid_fwd(const T* x, T* y, std::size_t n) {
  out(y, n) = in(x, n).logistic();
}
template <class T> void sigmoid_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  const auto X = in(x, n);
  out(dx, n) = in(dy, n) * X.logistic() * (T(1) - X.logistic());
}

template <class T> void relu_fwd(const T* x, T* y, std::size_t n) {
  out(y, n) = in(x, n).max(T(0));
}
template <class T> void relu_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  out(dx, n) = (in(x, n) > T(0)).select(in(dy, n), T(0));
}

template <class T> void leaky_relu_fwd(const T* x, T* y, std::size_t n) {
  const auto X = in(x, n);
  out(y, n) = (X > T(0)).select(X, constants<T>::alpha * X);
}
template <class T> void leaky_relu_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  const auto DY = in(dy, n);
  out(dx, n) = (in(x, n) > T(0)).select(DY, constants<T>::alpha * DY);
}

template <class T> void tanh_fwd(const T* x, T* y, std::size_t n) { out(y, n) = in(x, n).tanh(); }
template <class T> void tanh_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  out(dx, n) = in(dy, n) * (T(1) - in(x, n).tanh().square());
}

template <class T> void swish_fwd(const T* x, T* y, std::size_t n) {
  const auto X = in(x, n);
  out(y, n) = X * X.logistic();
}
template <class T> void swish_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  const auto X = in(x, n);
  out(dx, n) = in(dy, n) * (X.logistic() * (T(1) + X * (T(1) - X.logistic())));
}

template <class T> void gelu_fwd(const T* x, T* y, std::size_t n) {
  const auto X = in(x, n);
  out(y, n) = T(0.5) * X * (T(1) + (X * constants<T>::inv_sqrt2).erf());
}
template <class T> void gelu_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  const auto X = in(x, n);
  out(dx, n) = in(dy, n) * (T(0.5) * (T(1) + (X * constants<T>::inv_sqrt2).erf()) +
                            constants<T>::inv_sqrt2pi * X * (T(-0.5) * X.square()).exp());
}

template <class T> void gelu_tanh_fwd(const T* x, T* y, std::size_t n) {
  const auto X = in(x, n);
  out(y, n) = T(0.5) * X * (T(1) + (constants<T>::k * (X + constants<T>::c * X.cube())).tanh());
}
template <class T> void gelu_tanh_bwd(const T* x, const T* dy, T* dx, std::size_t n) {
  using K = constants<T>;
  const auto X = in(x, n);
  const auto t = (K::k * (X + K::c * X.cube())).tanh();
  out(dx, n) = in(dy, n) * (T(0.5) * (T(1) + t) + T(0.5) * X * (T(1) - t.square()) * K::k *
                                                      (T(1) + T(3) * K::c * X.square()));
}

template <class T> actfn_bench::peer_kernels<T> table() {
  return {{sigmoid_fwd<T>, relu_fwd<T>, leaky_relu_fwd<T>, tanh_fwd<T>, swish_fwd<T>, gelu_fwd<T>,
           gelu_tanh_fwd<T>},
          {sigmoid_bwd<T>, relu_bwd<T>, leaky_relu_bwd<T>, tanh_bwd<T>, swish_bwd<T>, gelu_bwd<T>,
           gelu_tanh_bwd<T>}};
}

#define ACTFN_BENCH_STR2(x) #x
#define ACTFN_BENCH_STR(x) ACTFN_BENCH_STR2(x)

int register_eigen() {
  actfn_bench::register_peer("eigen", table<float>());
  actfn_bench::register_peer("eigen", table<double>());
  actfn_bench::add_context("eigen", "Eigen " ACTFN_BENCH_STR(EIGEN_WORLD_VERSION) "." ACTFN_BENCH_STR(
                                        EIGEN_MAJOR_VERSION) "." ACTFN_BENCH_STR(EIGEN_MINOR_VERSION));
  actfn_bench::add_context("eigen_simd", Eigen::SimdInstructionSetsInUse());
#if defined(ACTFN_BENCH_EIGEN_FLAGS)
  actfn_bench::add_context("eigen_flags", ACTFN_BENCH_EIGEN_FLAGS);
#endif
  return 0;
}

const int registered = register_eigen();

}  // namespace
