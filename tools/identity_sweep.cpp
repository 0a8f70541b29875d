// identity_sweep: every backend this CPU has must return the same bits as the scalar backend.
//
//   identity_sweep [--stride K] [--vector-exhaustive] [--threads N] [--double-samples M]
//                  [--tier accurate|fast|both]
//
// Float: all 2^32 bit patterns (every K-th with --stride) for the 14 float functions (forward and
// derivative of the seven activations; leaky_relu alpha 0.01 and 0.2, swish beta 1 and 1.702),
// every backend against the scalar backend. --vector-exhaustive adds a comparison over all 2^32
// patterns of every vector backend with FMA (avx2, neon) against the widest (avx512) where the
// CPU has two: the scalar and SSE2 backends run ~10-50 ns an element, too slow for 2^32 x 14 in
// CI, so CI compares them on a stride and the vector backends exhaustively.
// Double: M fixed-seed bit patterns and M values uniform in [-50, 50] per function.
// Build with FMA available (-march=native or -mfma) so that the scalar reference runs at a
// useful speed; without, std::fma is called per operation.
// Exits 1 on the first mismatch (printing it), 2 on bad usage.
#include <actfn/actfn.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

std::vector<actfn::backend> vector_backends() {
  std::vector<actfn::backend> out;
  for (actfn::backend b : {actfn::backend::sse2, actfn::backend::avx2, actfn::backend::avx512, actfn::backend::neon})
    if (actfn::backend_available(b)) out.push_back(b);
  return out;
}

template <class T>
bool same_bits(T a, T b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::atomic<bool> failed{false};

// Runs f forward and backward (dy = 1) on x on every backend, compares with scalar.
template <class F, class T>
void check_block(const char* name, const F& f, actfn::backend reference, const std::vector<actfn::backend>& backends,
                 const T* x, std::size_t n, std::vector<T>& ref_y, std::vector<T>& ref_d, std::vector<T>& y,
                 std::vector<T>& d, const std::vector<T>& ones) {
  actfn::forward(reference, f, x, ref_y.data(), n);
  actfn::backward(reference, f, x, ones.data(), ref_d.data(), n);
  for (actfn::backend b : backends) {
    actfn::forward(b, f, x, y.data(), n);
    actfn::backward(b, f, x, ones.data(), d.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!same_bits(y[i], ref_y[i]) || !same_bits(d[i], ref_d[i])) {
        if (!failed.exchange(true))
          std::printf("MISMATCH %s (%s) on %s at x = %a: f %a vs %s %a, f' %a vs %a\n", name,
                      sizeof(T) == 4 ? "float" : "double", actfn::backend_name(b), double(x[i]), double(y[i]),
                      actfn::backend_name(reference), double(ref_y[i]), double(d[i]), double(ref_d[i]));
        return;
      }
    }
  }
}

template <class F>
void sweep_float(const char* name, const F& f, actfn::backend reference, const std::vector<actfn::backend>& backends,
                 std::uint64_t stride, unsigned threads) {
  const std::uint64_t total = (std::uint64_t(1) << 32);
  const std::uint64_t block = 1 << 16;
  std::atomic<std::uint64_t> next{0};
  auto worker = [&] {
    std::vector<float> x(block), ry(block), rd(block), y(block), d(block), ones(block, 1.0f);
    for (;;) {
      std::uint64_t start = next.fetch_add(block * stride);
      if (start >= total || failed) return;
      std::size_t n = 0;
      for (std::uint64_t p = start; p < total && n < block; p += stride) {
        std::uint32_t bits = static_cast<std::uint32_t>(p);
        std::memcpy(&x[n++], &bits, 4);
      }
      check_block(name, f, reference, backends, x.data(), n, ry, rd, y, d, ones);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

template <class F>
void sweep_double(const char* name, const F& f, std::size_t samples) {
  const auto backends = vector_backends();
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> core(-50.0, 50.0);
  const std::size_t block = 1 << 16;
  std::vector<double> x(block), ry(block), rd(block), y(block), d(block), ones(block, 1.0);
  for (std::size_t done = 0; done < 2 * samples && !failed; done += block) {
    for (std::size_t i = 0; i < block; ++i) {
      if (done < samples) {
        std::uint64_t bits = rng();
        std::memcpy(&x[i], &bits, 8);
      } else {
        x[i] = core(rng);
      }
    }
    check_block(name, f, actfn::backend::scalar, backends, x.data(), block, ry, rd, y, d, ones);
  }
}

template <class Visit>
void for_each_function(bool fast, Visit visit) {
  if (!fast) {
    visit("sigmoid", actfn::sigmoid{});
    visit("relu", actfn::relu{});
    visit("leaky_relu(0.01)", actfn::leaky_relu{0.01});
    visit("leaky_relu(0.2)", actfn::leaky_relu{0.2});
    visit("tanh", actfn::tanh{});
    visit("swish(1)", actfn::swish{1.0});
    visit("swish(1.702)", actfn::swish{1.702});
    visit("gelu", actfn::gelu{});
    visit("gelu_tanh", actfn::gelu_tanh{});
  } else {
    visit("fast::sigmoid", actfn::fast::sigmoid{});
    visit("fast::tanh", actfn::fast::tanh{});
    visit("fast::swish(1)", actfn::fast::swish{1.0});
    visit("fast::gelu", actfn::fast::gelu{});
    visit("fast::gelu_tanh", actfn::fast::gelu_tanh{});
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t stride = 1;
  unsigned threads = std::thread::hardware_concurrency() ? std::thread::hardware_concurrency() : 1;
  std::size_t double_samples = 1000000;
  std::string tier = "both";
  bool vector_exhaustive = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", a.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (a == "--stride") stride = std::strtoull(value(), nullptr, 10);
    else if (a == "--threads") threads = static_cast<unsigned>(std::strtoul(value(), nullptr, 10));
    else if (a == "--double-samples") double_samples = std::strtoull(value(), nullptr, 10);
    else if (a == "--tier") tier = value();
    else if (a == "--vector-exhaustive") vector_exhaustive = true;
    else {
      std::fprintf(stderr, "usage: %s [--stride K] [--vector-exhaustive] [--threads N] [--double-samples M] [--tier accurate|fast|both]\n", argv[0]);
      return 2;
    }
  }
  if (stride == 0 || threads == 0) return 2;
  const auto backends = vector_backends();
  // The exhaustive pass: FMA vector backends against avx512, when there are two of them.
  std::vector<actfn::backend> fma_vectors;
  for (auto b : backends)
    if (b != actfn::backend::sse2 && b != actfn::backend::avx512) fma_vectors.push_back(b);
  const bool exhaustive_pass = vector_exhaustive && actfn::backend_available(actfn::backend::avx512) && !fma_vectors.empty();
  std::printf("identity_sweep: scalar vs");
  for (auto b : backends) std::printf(" %s", actfn::backend_name(b));
  std::printf("; float patterns: every %llu-th of 2^32; double: %zu patterns + %zu in [-50, 50]; %u threads\n",
              static_cast<unsigned long long>(stride), double_samples, double_samples, threads);
  if (exhaustive_pass) {
    std::printf("and, over all 2^32 float patterns, avx512 vs");
    for (auto b : fma_vectors) std::printf(" %s", actfn::backend_name(b));
    std::printf("\n");
  }
  if (backends.empty()) {
    std::printf("no vector backend on this CPU: nothing to compare\n");
    return 0;
  }
  const auto t0 = std::chrono::steady_clock::now();
  for (bool fast : {false, true}) {
    if ((fast && tier == "accurate") || (!fast && tier == "fast")) continue;
    for_each_function(fast, [&](const char* name, const auto& f) {
      const auto t1 = std::chrono::steady_clock::now();
      sweep_float(name, f, actfn::backend::scalar, backends, stride, threads);
      sweep_double(name, f, double_samples);
      if (exhaustive_pass && stride != 1) sweep_float(name, f, actfn::backend::avx512, fma_vectors, 1, threads);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      std::printf("%-18s %s (%.1f s)\n", name, failed ? "MISMATCH" : "identical", s);
      std::fflush(stdout);
    });
    if (failed) break;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("%s in %.1f s\n", failed ? "FAILED" : "all backends bit-identical to scalar", s);
  return failed ? 1 : 0;
}
