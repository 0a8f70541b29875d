// Throughput of every activation, forward and backward, float and double, at three working-set
// sizes, next to what a reader needs to judge it:
//   std    - the obvious libm loop (1/(1+std::exp(-x)), std::tanh, (x/2)*std::erfc(-x/sqrt2), ...),
//   copy   - the memory bound: std::memcpy for forward (read x, write y); for backward a loop
//            dx[i] = dy[i]*x[i], the cheapest kernel that streams the same three arrays,
//   peers  - with -DACTFN_BENCH_PEERS=ON, Eigen, SLEEF and oneDNN on the same inputs (peers_*.cpp).
// The library is measured as
//   dispatched  actfn::forward / actfn::backward, on the backend chosen at run time,
//   fast        the same with the actfn::fast functors (when <actfn/fast.hpp> exists),
//   scalar, sse2, avx2, avx512 (neon on AArch64)
//               actfn::forward(backend, ...) on one backend; skipped with an error where this
//               CPU lacks it; only at the L1 and L2 sizes (past the cache they all meet the
//               memory bound, and the run stays under 10 minutes),
//   functor     the scalar functor called in a plain loop (what a user gets without the array
//               API); only at the L1 size, where it is compute bound anyway.
//   masked, fast-masked
//               dispatched and fast on the same inputs with every 64th element -1e9, as masked
//               logits are: one lane off the common path in each group the loops process; only
//               at the L1 size.
// ACTFN_BENCH_ALL_SIZES=1 in the environment registers the backend and functor rows at every size.
//
// Names are <dir>/<function>/<type>/<impl>/<n>, with dir in {fwd, bwd}, impl as above (or a peer:
// eigen, sleef, onednn) for the seven functions and {memcpy, mul} for function "copy"; n is the
// element count. Sizes are fixed in bytes per array, so float and double sit in the same cache
// level:
//   L1   16 KiB/array (float 4096, double 2048)
//   L2  256 KiB/array (float 64Ki, double 32Ki)
//   mem  64 MiB/array (float 16Mi, double 8Mi): past the last-level cache of a core.
// Inputs x are uniform in [-8, 8], dy uniform in [-1, 1], fixed seed, allocated once per size and
// shared by every row of that size (peers included).
// The float rows at the L1 size of the implementations a user chooses between (dispatched, fast,
// std and the peers) also measure their own accuracy, once, before their first timing: counters
// max_ulp_10, max_ulp_all and nonfinite (see "Accuracy of the competing rows" below).
// scripts/bench.sh runs this with repetitions and turns the JSON into the README table.
#include <actfn/actfn.hpp>
#if __has_include(<actfn/fast.hpp>) && !defined(ACTFN_BENCH_NO_FAST)
#  include <actfn/fast.hpp>
#  define ACTFN_BENCH_HAVE_FAST 1
#endif

#include <benchmark/benchmark.h>

#include "peers.hpp"
#include "../tools/reference_float.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace actfn_bench {
namespace {

// ---------------------------------------------------------------------------------------------
// The std:: references: the formula as a reader would write it, nothing clever.
template <class T> struct std_sigmoid {
  static T f(T x) { return T(1) / (T(1) + std::exp(-x)); }
  static T df(T x) { T s = f(x); return s * (T(1) - s); }
};
template <class T> struct std_relu {
  static T f(T x) { return x > T(0) ? x : T(0); }
  static T df(T x) { return x > T(0) ? T(1) : T(0); }
};
template <class T> struct std_leaky_relu {
  static constexpr T alpha = T(0.01);
  static T f(T x) { return x > T(0) ? x : alpha * x; }
  static T df(T x) { return x > T(0) ? T(1) : alpha; }
};
template <class T> struct std_tanh {
  static T f(T x) { return std::tanh(x); }
  static T df(T x) { T t = std::tanh(x); return T(1) - t * t; }
};
template <class T> struct std_swish {  // beta = 1
  static T f(T x) { return x / (T(1) + std::exp(-x)); }
  static T df(T x) { T s = T(1) / (T(1) + std::exp(-x)); return s * (T(1) + x * (T(1) - s)); }
};
template <class T> struct std_gelu {
  static constexpr T inv_sqrt2 = T(0.70710678118654752440);
  static constexpr T inv_sqrt2pi = T(0.39894228040143267794);
  static T f(T x) { return T(0.5) * x * std::erfc(-x * inv_sqrt2); }
  static T df(T x) {
    return T(0.5) * std::erfc(-x * inv_sqrt2) + x * inv_sqrt2pi * std::exp(T(-0.5) * x * x);
  }
};
template <class T> struct std_gelu_tanh {
  static constexpr T k = T(0.79788456080286535588);  // sqrt(2/pi)
  static constexpr T c = T(0.044715);
  static T f(T x) { return T(0.5) * x * (T(1) + std::tanh(k * (x + c * x * x * x))); }
  static T df(T x) {
    T t = std::tanh(k * (x + c * x * x * x));
    return T(0.5) * (T(1) + t) + T(0.5) * x * (T(1) - t * t) * k * (T(1) + T(3) * c * x * x);
  }
};

// ---------------------------------------------------------------------------------------------
// Buffers: 64-byte aligned, filled once per (type, size), kept for the whole run so that random
// interleaving of repetitions never re-allocates (and never page-faults inside a timed region).
struct aligned_delete {
  void operator()(void* p) const noexcept { ::operator delete(p, std::align_val_t{64}); }
};
template <class T> using aligned_array = std::unique_ptr<T[], aligned_delete>;

template <class T> aligned_array<T> make_array(std::size_t n) {
  return aligned_array<T>(static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64})));
}

template <class T> struct buffers {
  std::size_t n;
  aligned_array<T> x, x_masked, dy, out;
  explicit buffers(std::size_t count)
      : n(count), x(make_array<T>(count)), x_masked(make_array<T>(count)), dy(make_array<T>(count)),
        out(make_array<T>(count)) {
    std::mt19937_64 rng(0x5eed + count);
    std::uniform_real_distribution<T> ux(T(-8), T(8)), udy(T(-1), T(1));
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = ux(rng);
      x_masked[i] = i % 64 == 17 ? T(-1e9) : x[i];
      dy[i] = udy(rng);
      out[i] = T(0);
    }
  }
};

template <class T> buffers<T>& get_buffers(std::size_t n) {
  static std::map<std::size_t, std::unique_ptr<buffers<T>>> cache;
  auto& slot = cache[n];
  if (!slot) slot = std::make_unique<buffers<T>>(n);
  return *slot;
}

template <class T> const char* type_name();
template <> const char* type_name<float>() { return "float"; }
template <> const char* type_name<double>() { return "double"; }

const char* const fn_names[fn_count] = {"sigmoid", "relu",  "leaky_relu", "tanh",
                                        "swish",   "gelu",  "gelu_tanh"};

// ---------------------------------------------------------------------------------------------
// Accuracy of the competing rows. A speed table that leaves out what each row computes compares
// a 1-ULP kernel with a 9000-ULP one; so every float row at the L1 size of dispatched, fast, std
// and each peer is run once over a fixed set of inputs and compared with the double reference
// of tools/reference_float.hpp (the one the exhaustive sweep uses, itself checked against MPFR):
//   - every 1031st float in [-10, 10] (by bit pattern, both signs: 2.1 million inputs), the
//     range of the fast tier's bound, which is also where the peers are meant to be used,
//   - every 10007th float beyond, up to FLT_MAX (the tails; 0.2 million),
// backward through dx = 1 * f'(x). ULP = spacing of float at the exact value (2^-149 below
// 2^-126); inside the derivative-root windows (|x - x0| <= 1/8, README "Accuracy") a ULP is
// meaningless and those inputs are left out, for every row alike. Counters (same value in every
// repetition): max_ulp_10 (|x| <= 10), max_ulp_all (every finite x), nonfinite (finite inputs
// that gave NaN or inf, counted apart from the ULP maxima).
struct accuracy {
  double max_ulp_10 = 0, max_ulp_all = 0, nonfinite = 0;
};

const std::vector<float>& accuracy_inputs() {
  static const std::vector<float> xs = [] {
    std::vector<float> v;
    const std::uint32_t ten = 0x41200000u, max_finite = 0x7f7fffffu;
    for (std::uint32_t sign : {0u, 0x80000000u}) {
      for (std::uint32_t b = 0; b <= ten; b += 1031) v.push_back(actfn_tools::float_from_bits(sign | b));
      for (std::uint32_t b = ten + 10007; b <= max_finite; b += 10007) {
        v.push_back(actfn_tools::float_from_bits(sign | b));
      }
    }
    return v;
  }();
  return xs;
}

// The reference at every input, per tool function id (2 f + derivative), computed once.
const std::vector<double>& accuracy_reference(int id) {
  static std::map<int, std::vector<double>> cache;
  auto& ref = cache[id];
  if (ref.empty()) {
    const auto& xs = accuracy_inputs();
    ref.resize(xs.size());
    const double alpha = static_cast<double>(static_cast<float>(actfn_tools::kAlpha));
    const double beta = static_cast<double>(static_cast<float>(actfn_tools::kBeta));
    for (std::size_t i = 0; i < xs.size(); ++i) {
      ref[i] = actfn_tools::ref::eval(id, static_cast<double>(xs[i]), alpha, beta);
    }
  }
  return ref;
}

double float_ulps(float y, double r) {
  const double ulp = std::ldexp(1.0, std::max(std::ilogb(r == 0 ? 0x1p-126 : r), -126) - 23);
  return std::fabs(static_cast<double>(y) - r) / ulp;
}

// Runs kernel over the inputs in chunks of n through the row's own buffers (a oneDNN primitive
// is bound to them), then puts the timing inputs back.
template <class Kernel>
accuracy measure_accuracy(int tool_id, float* x, float* dy, float* out, std::size_t n,
                          const Kernel& kernel) {
  const auto& xs = accuracy_inputs();
  const auto& ref = accuracy_reference(tool_id);
  const double x0 = actfn_tools::root_x0(tool_id);
  const std::vector<float> x_saved(x, x + n), dy_saved(dy, dy + n);
  std::fill(dy, dy + n, 1.0f);
  accuracy a;
  for (std::size_t start = 0; start < xs.size(); start += n) {
    const std::size_t m = std::min(n, xs.size() - start);
    std::fill(x, x + n, 0.0f);
    std::copy(xs.begin() + static_cast<std::ptrdiff_t>(start),
              xs.begin() + static_cast<std::ptrdiff_t>(start + m), x);
    kernel(x, dy, out, n);
    for (std::size_t i = 0; i < m; ++i) {
      const double xi = static_cast<double>(x[i]), r = ref[start + i];
      if (std::fabs(xi - x0) <= actfn_tools::kRootHalfWidth) continue;  // false for x0 = NaN
      if (!actfn_tools::is_finite_bits(out[i])) {
        a.nonfinite += 1;
        continue;
      }
      const double e = float_ulps(out[i], r);
      a.max_ulp_all = std::max(a.max_ulp_all, e);
      if (std::fabs(xi) <= 10) a.max_ulp_10 = std::max(a.max_ulp_10, e);
    }
  }
  std::copy(x_saved.begin(), x_saved.end(), x);
  std::copy(dy_saved.begin(), dy_saved.end(), dy);
  return a;
}

// ---------------------------------------------------------------------------------------------
// The timed loops. Each kernel takes the buffers and returns nothing; the state loop around it
// makes the pointers escape (DoNotOptimize) and forces the stores to be observed (ClobberMemory),
// so the compiler can neither drop the work nor hoist it out of the iteration loop. skip, when it
// returns a message, marks the row as an error instead (a backend this CPU lacks, a peer that
// cannot do this row); prepare-type work a peer needs happens there too, outside the timing.
enum class inputs { uniform, masked };

// A row that measures its accuracy: the tool function id and the result, measured once and
// shared by the row's repetitions.
struct accuracy_slot {
  int tool_id = -1;
  std::shared_ptr<std::optional<accuracy>> result = std::make_shared<std::optional<accuracy>>();
};

template <class T, class Kernel, class Skip>
void run(benchmark::State& state, std::size_t n, dir d, inputs in, Kernel kernel, Skip skip,
         const accuracy_slot& acc) {
  buffers<T>& b = get_buffers<T>(n);
  const T* x = in == inputs::masked ? b.x_masked.get() : b.x.get();
  const T* dy = b.dy.get();
  T* out = b.out.get();
  if (const char* why = skip(x, dy, out, n)) {
    state.SkipWithError(why);
    for (auto _ : state) {
    }
    return;
  }
  if constexpr (std::is_same<T, float>::value) {
    if (acc.tool_id >= 0) {
      auto& result = *acc.result;
      if (!result) result = measure_accuracy(acc.tool_id, b.x.get(), b.dy.get(), out, n, kernel);
      state.counters["max_ulp_10"] = result->max_ulp_10;
      state.counters["max_ulp_all"] = result->max_ulp_all;
      state.counters["nonfinite"] = result->nonfinite;
    }
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(x);
    benchmark::DoNotOptimize(dy);
    benchmark::DoNotOptimize(out);
    kernel(x, dy, out, n);
    benchmark::ClobberMemory();
  }
  const auto items = state.iterations() * static_cast<std::int64_t>(n);
  const std::int64_t streams = d == dir::fwd ? 2 : 3;  // fwd: read x, write y; bwd: +dy
  state.SetItemsProcessed(items);
  state.SetBytesProcessed(items * streams * static_cast<std::int64_t>(sizeof(T)));
}

struct never_skip {
  template <class T> const char* operator()(const T*, const T*, T*, std::size_t) const {
    return nullptr;
  }
};

std::string bench_name(dir d, const char* fn_name, const char* type, const char* impl,
                       std::size_t n) {
  return std::string(d == dir::fwd ? "fwd" : "bwd") + "/" + fn_name + "/" + type + "/" + impl +
         "/" + std::to_string(n);
}

// The implementations whose accuracy a float row at the L1 size measures (see accuracy above).
bool measures_accuracy(const char* impl) {
  for (const char* m : {"dispatched", "fast", "std", "eigen", "sleef", "onednn"}) {
    if (std::strcmp(impl, m) == 0) return true;
  }
  return false;
}

template <class T, class Kernel, class Skip = never_skip>
void add(dir d, const char* fn_name, const char* impl, std::size_t n, Kernel kernel,
         Skip skip = Skip{}, inputs in = inputs::uniform) {
  const std::string name = bench_name(d, fn_name, type_name<T>(), impl, n);
  accuracy_slot acc;
  if (std::is_same<T, float>::value && n == bytes_per_array[0] / sizeof(T) &&
      in == inputs::uniform && measures_accuracy(impl)) {
    for (int f = 0; f < fn_count; ++f) {
      if (std::strcmp(fn_name, fn_names[f]) == 0) acc.tool_id = 2 * f + (d == dir::bwd ? 1 : 0);
    }
  }
  benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
    run<T>(state, n, d, in, kernel, skip, acc);
  });
}

// ---------------------------------------------------------------------------------------------
// The backends that can exist on this architecture; rows for all of them are registered, and
// the ones this CPU (or this build) lacks are skipped with an error, so the JSON says so.
#if defined(__x86_64__) || defined(_M_X64)
constexpr actfn::backend backends[] = {actfn::backend::scalar, actfn::backend::sse2,
                                       actfn::backend::avx2, actfn::backend::avx512};
#elif defined(__aarch64__)
constexpr actfn::backend backends[] = {actfn::backend::scalar, actfn::backend::neon};
#else
constexpr actfn::backend backends[] = {actfn::backend::scalar};
#endif

// The functors' parameters, set only where the functor has them (the fast tier may not).
template <class F> auto set_param(F& f, double alpha, double, int) -> decltype(void(f.alpha)) {
  f.alpha = static_cast<decltype(f.alpha)>(alpha);
}
template <class F> auto set_param(F& f, double, double beta, long) -> decltype(void(f.beta)) {
  f.beta = static_cast<decltype(f.beta)>(beta);
}
template <class F> void set_param(F&, double, double, ...) {}

template <class F> F make_functor() {
  F f{};
  set_param(f, 0.01, 1.0, 0);  // leaky_relu alpha 0.01, swish beta 1; the rest have neither
  return f;
}

bool all_sizes() {
  const char* v = std::getenv("ACTFN_BENCH_ALL_SIZES");
  return v != nullptr && *v != '\0' && std::strcmp(v, "0") != 0;
}

// One function at one size: tier 0 = L1, 1 = L2, 2 = memory.
template <class T, class F, class Fast, template <class> class Std>
void add_function(const char* name, std::size_t n, int tier) {
  const F f = make_functor<F>();
  add<T>(dir::fwd, name, "dispatched", n, [f](const T* x, const T*, T* y, std::size_t m) {
    actfn::forward(f, x, y, m);
  });
  add<T>(dir::bwd, name, "dispatched", n, [f](const T* x, const T* dy, T* dx, std::size_t m) {
    actfn::backward(f, x, dy, dx, m);
  });
  if constexpr (!std::is_void<Fast>::value) {
    const Fast g = make_functor<Fast>();
    add<T>(dir::fwd, name, "fast", n, [g](const T* x, const T*, T* y, std::size_t m) {
      actfn::forward(g, x, y, m);
    });
    add<T>(dir::bwd, name, "fast", n, [g](const T* x, const T* dy, T* dx, std::size_t m) {
      actfn::backward(g, x, dy, dx, m);
    });
  }
  add<T>(dir::fwd, name, "std", n, [](const T* x, const T*, T* y, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) y[i] = Std<T>::f(x[i]);
  });
  add<T>(dir::bwd, name, "std", n, [](const T* x, const T* dy, T* dx, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) dx[i] = dy[i] * Std<T>::df(x[i]);
  });
  const bool every_size = all_sizes();
  if (tier <= 1 || every_size) {
    for (actfn::backend be : backends) {
      auto skip = [be](const T*, const T*, T*, std::size_t) -> const char* {
        return actfn::backend_available(be) ? nullptr : "backend not available on this CPU/build";
      };
      add<T>(dir::fwd, name, actfn::backend_name(be), n,
             [f, be](const T* x, const T*, T* y, std::size_t m) { actfn::forward(be, f, x, y, m); },
             skip);
      add<T>(dir::bwd, name, actfn::backend_name(be), n,
             [f, be](const T* x, const T* dy, T* dx, std::size_t m) {
               actfn::backward(be, f, x, dy, dx, m);
             },
             skip);
    }
  }
  if (tier == 0 || every_size) {
    const auto add_masked = [name, n](const char* impl, auto g) {
      add<T>(dir::fwd, name, impl, n, [g](const T* x, const T*, T* y, std::size_t m) {
        actfn::forward(g, x, y, m);
      }, never_skip{}, inputs::masked);
      add<T>(dir::bwd, name, impl, n, [g](const T* x, const T* dy, T* dx, std::size_t m) {
        actfn::backward(g, x, dy, dx, m);
      }, never_skip{}, inputs::masked);
    };
    add_masked("masked", f);
    if constexpr (!std::is_void<Fast>::value) add_masked("fast-masked", make_functor<Fast>());
    add<T>(dir::fwd, name, "functor", n, [f](const T* x, const T*, T* y, std::size_t m) {
      for (std::size_t i = 0; i < m; ++i) y[i] = f(x[i]);
    });
    add<T>(dir::bwd, name, "functor", n, [f](const T* x, const T* dy, T* dx, std::size_t m) {
      for (std::size_t i = 0; i < m; ++i) dx[i] = dy[i] * f.derivative(x[i]);
    });
  }
}

#if defined(ACTFN_BENCH_HAVE_FAST)
#  define ACTFN_BENCH_FAST(name) actfn::fast::name
#else
#  define ACTFN_BENCH_FAST(name) void
#endif

template <class T> void add_all(std::size_t bytes, int tier) {
  const std::size_t n = bytes / sizeof(T);
  add<T>(dir::fwd, "copy", "memcpy", n, [](const T* x, const T*, T* y, std::size_t m) {
    std::memcpy(y, x, m * sizeof(T));
  });
  add<T>(dir::bwd, "copy", "mul", n, [](const T* x, const T* dy, T* dx, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) dx[i] = dy[i] * x[i];
  });
  add_function<T, actfn::sigmoid, ACTFN_BENCH_FAST(sigmoid), std_sigmoid>("sigmoid", n, tier);
  add_function<T, actfn::relu, ACTFN_BENCH_FAST(relu), std_relu>("relu", n, tier);
  add_function<T, actfn::leaky_relu, ACTFN_BENCH_FAST(leaky_relu), std_leaky_relu>("leaky_relu",
                                                                                    n, tier);
  add_function<T, actfn::tanh, ACTFN_BENCH_FAST(tanh), std_tanh>("tanh", n, tier);
  add_function<T, actfn::swish, ACTFN_BENCH_FAST(swish), std_swish>("swish", n, tier);
  add_function<T, actfn::gelu, ACTFN_BENCH_FAST(gelu), std_gelu>("gelu", n, tier);
  add_function<T, actfn::gelu_tanh, ACTFN_BENCH_FAST(gelu_tanh), std_gelu_tanh>("gelu_tanh", n,
                                                                                 tier);
}

// ---------------------------------------------------------------------------------------------
// Context for the report header: what machine, what compiler, what the TU was compiled for.
// The exact compile flags are only known to the build system: scripts/bench.sh reads them from
// compile_commands.json and passes them in ACTFN_BENCH_CXX_FLAGS (Google Benchmark's own
// --benchmark_context cannot carry a value containing '=' or ',').
std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) {
        const auto start = line.find_first_not_of(" \t", colon + 1);
        return start == std::string::npos ? std::string() : line.substr(start);
      }
    }
  }
  return "unknown";
}

std::string compiler() {
#if defined(__clang__)
  return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
  return std::string("gcc ") + __VERSION__;
#else
  return "unknown";
#endif
}

std::string build_macros() {
  std::string s;
#if defined(__OPTIMIZE__)
  s += "__OPTIMIZE__ ";
#endif
#if defined(NDEBUG)
  s += "NDEBUG ";
#endif
#if defined(__FAST_MATH__)
  s += "__FAST_MATH__ ";
#endif
#if defined(__SSE2__)
  s += "sse2 ";
#endif
#if defined(__AVX__)
  s += "avx ";
#endif
#if defined(__AVX2__)
  s += "avx2 ";
#endif
#if defined(__FMA__)
  s += "fma ";
#endif
#if defined(__AVX512F__)
  s += "avx512f ";
#endif
#if defined(__ARM_NEON)
  s += "neon ";
#endif
  if (!s.empty()) s.pop_back();
  return s;
}

int register_all() {
  benchmark::AddCustomContext("cpu_model", cpu_model());
  benchmark::AddCustomContext("compiler", compiler());
  benchmark::AddCustomContext("build_macros", build_macros());
  if (const char* flags = std::getenv("ACTFN_BENCH_CXX_FLAGS")) {
    if (*flags != '\0') benchmark::AddCustomContext("cxx_flags", flags);
  }
  benchmark::AddCustomContext("actfn_version", std::to_string(actfn::version_major) + "." +
                                                   std::to_string(actfn::version_minor) + "." +
                                                   std::to_string(actfn::version_patch));
  benchmark::AddCustomContext("actfn_backend", actfn::backend_name(actfn::active_backend()));
  std::string avail;
  for (actfn::backend be : backends) {
    if (actfn::backend_available(be)) avail += std::string(avail.empty() ? "" : " ") +
                                               actfn::backend_name(be);
  }
  benchmark::AddCustomContext("actfn_backends_available", avail);
#if defined(ACTFN_BENCH_HAVE_FAST)
  benchmark::AddCustomContext("actfn_fast", "yes");
#else
  benchmark::AddCustomContext("actfn_fast", "no (<actfn/fast.hpp> not found)");
#endif
  benchmark::AddCustomContext("sizes", "bytes per array: 16KiB (L1), 256KiB (L2), 64MiB (memory)");
  benchmark::AddCustomContext("per_backend_rows", all_sizes() ? "all sizes" : "L1 and L2 sizes");
  for (int tier = 0; tier < 3; ++tier) {
    add_all<float>(bytes_per_array[tier], tier);
    add_all<double>(bytes_per_array[tier], tier);
  }
  return 0;
}

const int registered = register_all();

// Peers are checked once, before their first timing, to compute the same function as actfn on
// the row's own inputs: max |peer - actfn| / max(|actfn|, 1) <= 1e-3 (outputs are O(1): x in
// [-8, 8], dy in [-1, 1]). That is far looser than any accuracy claim (the obvious formulas
// cancel, e.g. gelu_tanh' near x = -5 in float, and Eigen's float logistic, tanh and erf are
// approximations); it only keeps a wrong formula or a wrong parameter out of the table.
template <class T> void actfn_reference(dir d, int f, const T* x, const T* dy, T* out,
                                        std::size_t n) {
  auto go = [&](const auto& functor) {
    if (d == dir::fwd) {
      actfn::forward(functor, x, out, n);
    } else {
      actfn::backward(functor, x, dy, out, n);
    }
  };
  switch (static_cast<fn>(f)) {
    case fn::sigmoid: return go(actfn::sigmoid{});
    case fn::relu: return go(actfn::relu{});
    case fn::leaky_relu: return go(make_functor<actfn::leaky_relu>());
    case fn::tanh: return go(actfn::tanh{});
    case fn::swish: return go(make_functor<actfn::swish>());
    case fn::gelu: return go(actfn::gelu{});
    case fn::gelu_tanh: return go(actfn::gelu_tanh{});
  }
}

// The skip functor of a peer row: prepare (if any), then the one-time agreement check, whose
// outcome (nullptr or the message) is shared by every copy and repetition of the row.
template <class T, class Run> struct peer_check {
  dir d;
  int f;
  Run run_once;
  const char* (*prepare)(void*, const T*, const T*, T*, std::size_t);
  void* ctx;
  std::shared_ptr<std::string> verdict;  // empty: not checked yet; "ok" or the error message

  const char* operator()(const T* x, const T* dy, T* out, std::size_t n) const {
    if (prepare) {
      if (const char* why = prepare(ctx, x, dy, out, n)) return why;
    }
    if (verdict->empty()) {
      std::vector<T> ref(n);
      actfn_reference(d, f, x, dy, ref.data(), n);
      run_once(x, dy, out, n);
      double worst = 0;
      std::size_t at = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const double r = static_cast<double>(ref[i]);
        const double e = std::fabs(static_cast<double>(out[i]) - r) / std::fmax(std::fabs(r), 1.0);
        if (!(e <= worst)) {  // NaN counts as the worst
          worst = e;
          at = i;
        }
      }
      if (worst <= 1e-3) {
        *verdict = "ok";
      } else {
        *verdict = "disagrees with actfn: at x = " + std::to_string(static_cast<double>(x[at])) +
                   " got " + std::to_string(static_cast<double>(out[at])) + ", actfn " +
                   std::to_string(static_cast<double>(ref[at]));
      }
    }
    return *verdict == "ok" ? nullptr : verdict->c_str();
  }
};

template <class T, class Kernel>
void add_peer(dir d, int f, const char* impl, std::size_t n, Kernel kernel,
              const char* (*prepare)(void*, const T*, const T*, T*, std::size_t) = nullptr,
              void* ctx = nullptr) {
  add<T>(d, fn_names[f], impl, n, kernel,
         peer_check<T, Kernel>{d, f, kernel, prepare, ctx, std::make_shared<std::string>()});
}

template <class T> void register_table(const char* impl, const peer_kernels<T>& k) {
  for (std::size_t bytes : bytes_per_array) {
    const std::size_t n = bytes / sizeof(T);
    for (int i = 0; i < fn_count; ++i) {
      if (auto fwd = k.fwd[i]) {
        add_peer<T>(dir::fwd, i, impl, n,
                    [fwd](const T* x, const T*, T* y, std::size_t m) { fwd(x, y, m); });
      }
      if (auto bwd = k.bwd[i]) {
        add_peer<T>(dir::bwd, i, impl, n,
                    [bwd](const T* x, const T* dy, T* dx, std::size_t m) { bwd(x, dy, dx, m); });
      }
    }
  }
}

template <class T>
void register_row(dir d, fn f, const char* impl, std::size_t n, const peer_row<T>& row) {
  add_peer<T>(
      d, static_cast<int>(f), impl, n,
      [row](const T* x, const T* dy, T* out, std::size_t m) { row.run(row.ctx, x, dy, out, m); },
      row.prepare, row.ctx);
}

}  // namespace

void register_peer(const char* impl, const peer_kernels<float>& k) { register_table(impl, k); }
void register_peer(const char* impl, const peer_kernels<double>& k) { register_table(impl, k); }
void register_peer_row(dir d, fn f, const char* impl, std::size_t n, const peer_row<float>& row) {
  register_row(d, f, impl, n, row);
}
void register_peer_row(dir d, fn f, const char* impl, std::size_t n, const peer_row<double>& row) {
  register_row(d, f, impl, n, row);
}
void add_context(const char* key, const char* value) { benchmark::AddCustomContext(key, value); }

}  // namespace actfn_bench
