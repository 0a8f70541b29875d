// The interface between the benchmark harness (bench_activations.cpp) and the optional peer
// benchmarks (peers_*.cpp, built with -DACTFN_BENCH_PEERS=ON): other libraries timed on the same
// inputs, at the same sizes, under the same names, <dir>/<function>/<type>/<peer>/<n>.
//
// Declarations and plain structs only, no inline code: the Eigen and SLEEF kernel files are
// compiled with other -m flags than the harness, and a shared inline function could otherwise be
// emitted by such a file and picked by the linker for the whole program.
#ifndef ACTFN_BENCH_PEERS_HPP
#define ACTFN_BENCH_PEERS_HPP

#include <cstddef>

namespace actfn_bench {

// Bytes per array of the three working sets: in L1, in L2, past the last-level cache.
constexpr std::size_t bytes_per_array[3] = {std::size_t(16) << 10, std::size_t(256) << 10,
                                            std::size_t(64) << 20};

enum class dir { fwd, bwd };

// The seven functions, in report order; the parameters are leaky_relu alpha = 0.01, swish beta = 1.
enum class fn { sigmoid, relu, leaky_relu, tanh, swish, gelu, gelu_tanh };
constexpr int fn_count = 7;

// y[i] = f(x[i]) and dx[i] = dy[i] * f'(x[i]), any n; a null entry is a row the peer lacks.
template <class T> struct peer_kernels {
  void (*fwd[fn_count])(const T* x, T* y, std::size_t n);
  void (*bwd[fn_count])(const T* x, const T* dy, T* dx, std::size_t n);
};

// Registers every non-null kernel of the table at the three sizes as <dir>/<fn>/<type>/<impl>/<n>.
void register_peer(const char* impl, const peer_kernels<float>& k);
void register_peer(const char* impl, const peer_kernels<double>& k);

// One row with state (oneDNN: a primitive per size). prepare runs before each repetition's timed
// loop, on the row's own buffers (x, dy, out, fixed for the run); a non-null return is an error
// message and skips the row. run is the timed call: fwd out = f(x), bwd out = dy * f'(x).
template <class T> struct peer_row {
  const char* (*prepare)(void* ctx, const T* x, const T* dy, T* out, std::size_t n);
  void (*run)(void* ctx, const T* x, const T* dy, T* out, std::size_t n);
  void* ctx;
};
void register_peer_row(dir d, fn f, const char* impl, std::size_t n, const peer_row<float>& row);
void register_peer_row(dir d, fn f, const char* impl, std::size_t n, const peer_row<double>& row);

// A key/value line for the JSON context (e.g. which SLEEF ISA, how many oneDNN threads).
void add_context(const char* key, const char* value);

}  // namespace actfn_bench

#endif
