// Throughput of every activation, forward and backward, float and double, at three working-set
// sizes, next to the two references a reader needs to judge it:
//   std    - the obvious libm loop (1/(1+std::exp(-x)), std::tanh, (x/2)*std::erfc(-x/sqrt2), ...),
//   copy   - the memory bound: std::memcpy for forward (read x, write y); for backward a loop
//            dx[i] = dy[i]*x[i], the cheapest kernel that streams the same three arrays.
// The library is measured twice: "array" is actfn::forward/backward, "functor" is the scalar
// functor called in a plain loop (what a user gets without the array API).
//
// Names are <dir>/<function>/<type>/<impl>/<n>, with dir in {fwd, bwd}, impl in {array, functor,
// std} for the seven functions and {memcpy, mul} for function "copy"; n is the element count.
// Sizes are fixed in bytes per array, so float and double sit in the same cache level:
//   L1   16 KiB/array (float 4096, double 2048)
//   L2  256 KiB/array (float 64Ki, double 32Ki)
//   mem  64 MiB/array (float 16Mi, double 8Mi): past the last-level cache of a core.
// Inputs x are uniform in [-8, 8], dy uniform in [-1, 1], fixed seed, allocated once per size.
// scripts/bench.sh runs this with repetitions and turns the JSON into the README table.
#include <actfn/actfn.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <string>

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
  aligned_array<T> x, dy, out;
  explicit buffers(std::size_t count)
      : n(count), x(make_array<T>(count)), dy(make_array<T>(count)), out(make_array<T>(count)) {
    std::mt19937_64 rng(0x5eed + count);
    std::uniform_real_distribution<T> ux(T(-8), T(8)), udy(T(-1), T(1));
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = ux(rng);
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

// ---------------------------------------------------------------------------------------------
// The timed loops. Each takes the buffers and returns nothing; the state loop around it makes the
// pointers escape (DoNotOptimize) and forces the stores to be observed (ClobberMemory), so the
// compiler can neither drop the work nor hoist it out of the iteration loop.
enum class dir { fwd, bwd };

template <class T, class Kernel>
void run(benchmark::State& state, std::size_t n, dir d, Kernel kernel) {
  buffers<T>& b = get_buffers<T>(n);
  const T* x = b.x.get();
  const T* dy = b.dy.get();
  T* out = b.out.get();
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

std::string bench_name(dir d, const char* fn, const char* type, const char* impl, std::size_t n) {
  return std::string(d == dir::fwd ? "fwd" : "bwd") + "/" + fn + "/" + type + "/" + impl + "/" +
         std::to_string(n);
}

template <class T, class Kernel>
void add(dir d, const char* fn, const char* impl, std::size_t n, Kernel kernel) {
  const std::string name = bench_name(d, fn, type_name<T>(), impl, n);
  benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
    run<T>(state, n, d, kernel);
  });
}

template <class T, class F, template <class> class Std>
void add_function(const char* fn, F f, std::size_t n) {
  add<T>(dir::fwd, fn, "array", n, [f](const T* x, const T*, T* y, std::size_t m) {
    actfn::forward(f, x, y, m);
  });
  add<T>(dir::fwd, fn, "functor", n, [f](const T* x, const T*, T* y, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) y[i] = f(x[i]);
  });
  add<T>(dir::fwd, fn, "std", n, [](const T* x, const T*, T* y, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) y[i] = Std<T>::f(x[i]);
  });
  add<T>(dir::bwd, fn, "array", n, [f](const T* x, const T* dy, T* dx, std::size_t m) {
    actfn::backward(f, x, dy, dx, m);
  });
  add<T>(dir::bwd, fn, "functor", n, [f](const T* x, const T* dy, T* dx, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) dx[i] = dy[i] * f.derivative(x[i]);
  });
  add<T>(dir::bwd, fn, "std", n, [](const T* x, const T* dy, T* dx, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) dx[i] = dy[i] * Std<T>::df(x[i]);
  });
}

template <class T> void add_all(std::size_t bytes_per_array) {
  const std::size_t n = bytes_per_array / sizeof(T);
  add<T>(dir::fwd, "copy", "memcpy", n, [](const T* x, const T*, T* y, std::size_t m) {
    std::memcpy(y, x, m * sizeof(T));
  });
  add<T>(dir::bwd, "copy", "mul", n, [](const T* x, const T* dy, T* dx, std::size_t m) {
    for (std::size_t i = 0; i < m; ++i) dx[i] = dy[i] * x[i];
  });
  add_function<T, actfn::sigmoid, std_sigmoid>("sigmoid", actfn::sigmoid{}, n);
  add_function<T, actfn::relu, std_relu>("relu", actfn::relu{}, n);
  add_function<T, actfn::leaky_relu, std_leaky_relu>("leaky_relu", actfn::leaky_relu{0.01}, n);
  add_function<T, actfn::tanh, std_tanh>("tanh", actfn::tanh{}, n);
  add_function<T, actfn::swish, std_swish>("swish", actfn::swish{1.0}, n);
  add_function<T, actfn::gelu, std_gelu>("gelu", actfn::gelu{}, n);
  add_function<T, actfn::gelu_tanh, std_gelu_tanh>("gelu_tanh", actfn::gelu_tanh{}, n);
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
  benchmark::AddCustomContext("sizes", "bytes per array: 16KiB (L1), 256KiB (L2), 64MiB (memory)");
  for (std::size_t bytes : {std::size_t(16) << 10, std::size_t(256) << 10, std::size_t(64) << 20}) {
    add_all<float>(bytes);
    add_all<double>(bytes);
  }
  return 0;
}

const int registered = register_all();

}  // namespace
