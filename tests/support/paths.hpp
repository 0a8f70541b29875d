// The code paths every test runs a function through. A path is a value (actfn_test::path) that
// evaluates f or f' on n inputs:
//
//   p.name                        what it is, for messages
//   p.available()                 false when this build or CPU cannot run it (the test is then
//                                 reported as skipped: see run_on below)
//   p.eval(f, dir, x, y, n)       y[i] = f(x[i]) or f'(x[i]), with every check the path has
//   p.eval_once(f, dir, x, y, n)  the same, one evaluation per element (exhaustive sweeps)
//   p.forward / p.backward        the array API calls themselves (array paths only)
//
// Paths today:
//   scalar_path        the functor itself: f(x), f.derivative(x)
//   array_path         the array API as users call it: actfn::forward(f, x, y, n),
//                      actfn::backward(f, x, dy = 1, dx, n) (dy = 1 makes dx = 1 * f'(x) = f'(x)
//                      exactly), on the backend the library picks at run time
//   backend_path<B>    the same with the backend forced: actfn::forward(B, f, x, y, n), for every
//                      actfn::backend B; skipped where this build or CPU lacks B
//   batch_path         the functors on actfn::simd::native<T> batches (the widest ISA the
//                      compile flags enable), the last n % size elements scalar; skipped when
//                      the flags enable none (native<T> is T)
// The array paths' eval() runs every element in several arrays: the whole input (64-byte
// aligned), and cut into arrays of 3, 17 and 67 elements at element offsets 3, 1, 2 from a 64-byte
// boundary, so an element sits in a vector body and in a tail, at many lane positions. All runs
// must agree bit for bit (NaN = NaN); a disagreement is a test failure naming the element, the
// array length and its position. The results of the first run are returned.
//
// Why a value and not a type: a test body is compiled once per value type (float, double) and
// takes the path as an argument, instead of once per (path, type) pair; with sixteen pairs that
// was most of the suite's build time. The path's loops themselves are compiled once, in
// tests/instances_paths.cpp (scalar_eval, batch_eval, array_eval) and tests/instances_*.cpp (the
// backends' array loops).
//
// Adding a backend or an entry point = one more tag struct (name, get()), two `on<...>` aliases,
// and their names in the lists at the bottom: every ACTFN_PATH_TEST_CASE over those lists then
// runs on it.
#ifndef ACTFN_TESTS_SUPPORT_PATHS_HPP
#define ACTFN_TESTS_SUPPORT_PATHS_HPP

#include <actfn/actfn.hpp>
#include <actfn/simd.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <type_traits>
#include <vector>

#include "fp.hpp"
#include "functions.hpp"
#include "instances.hpp"

namespace actfn_test {

// A buffer of n T whose element 0 sits `offset` elements past a 64-byte boundary.
template <class T> class placed_buffer {
 public:
  placed_buffer(std::size_t n, std::size_t offset) : store_(n + offset + 64 / sizeof(T) + 1) {
    const auto addr = reinterpret_cast<std::uintptr_t>(store_.data());
    const std::size_t pad = ((64 - addr % 64) % 64) / sizeof(T);
    data_ = store_.data() + pad + offset;
  }
  T* data() { return data_; }
  T& operator[](std::size_t i) { return data_[i]; }

 private:
  std::vector<T> store_;
  T* data_;
};

struct path;

// The loops of the paths, out of line: tests/instances_paths.cpp compiles them once for the
// functors of support/instances.hpp (scalar_eval and batch_eval each inline a kernel).
template <class F, class T>
void scalar_eval(const F& f, direction d, const T* x, T* y, std::size_t n) {
  if (d == direction::forward)
    for (std::size_t i = 0; i < n; ++i) y[i] = f(x[i]);
  else
    for (std::size_t i = 0; i < n; ++i) y[i] = f.derivative(x[i]);
}

// f(V::load(x + i)).store(y + i) for V = actfn::simd::native<T>, the remaining n % V::size
// elements through the scalar functor (all of them where native<T> is T).
template <class F, class T>
void batch_eval(const F& f, direction d, const T* x, T* y, std::size_t n) {
  using V = actfn::simd::native<T>;
  std::size_t i = 0;
  if constexpr (!std::is_same<V, T>::value) {
    for (; i + V::size <= n; i += V::size) {
      const V v = V::load(x + i);
      (d == direction::forward ? f(v) : f.derivative(v)).store(y + i);
    }
  }
  scalar_eval(f, d, x + i, y + i, n - i);
}

// The array paths' eval (below); once = true: only the first layout.
template <class F, class T>
void array_eval(const path& p, const F& f, direction d, const T* x, T* y, std::size_t n, bool once);

// The scalar functor's f(x) or f'(x), through the out-of-line scalar_eval (a test file that
// called the functor directly would compile its kernel again).
template <class F, class T> T scalar_value(const F& f, direction d, T x) {
  T y;
  scalar_eval(f, d, &x, &y, 1);
  return y;
}

enum class path_kind { scalar, batch, array };

struct path {
  path_kind kind;
  bool forced;             // array: actfn::forward(backend, ...) rather than actfn::forward(...)
  actfn::backend backend;  // array with forced: the backend
  const char* name;

  bool available() const {
    switch (kind) {
      case path_kind::scalar: return true;
      case path_kind::batch:
        return !std::is_same<actfn::simd::native<float>, float>::value ||
               !std::is_same<actfn::simd::native<double>, double>::value;
      case path_kind::array:
        return !forced || actfn::backend_available(backend);
    }
    return false;
  }
  // Why available() is false, for the skip message.
  std::string unavailable_reason() const {
    if (kind == path_kind::batch) return "the compile flags enable no SIMD instruction set";
    return "NOT TESTED on this host: this build or CPU has no " +
           std::string(actfn::backend_name(backend)) + " backend";
  }

  // The array API calls (array paths only).
  template <class F, class T> void forward(const F& f, const T* x, T* y, std::size_t n) const {
    if (forced) actfn::forward(backend, f, x, y, n);
    else actfn::forward(f, x, y, n);
  }
  template <class F, class T>
  void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) const {
    if (forced) actfn::backward(backend, f, x, dy, dx, n);
    else actfn::backward(f, x, dy, dx, n);
  }

  template <class F, class T>
  void eval(const F& f, direction d, const T* x, T* y, std::size_t n) const {
    switch (kind) {
      case path_kind::scalar: return scalar_eval(f, d, x, y, n);
      case path_kind::batch: return batch_eval(f, d, x, y, n);
      case path_kind::array: return array_eval(*this, f, d, x, y, n, false);
    }
  }
  template <class F, class T>
  void eval_once(const F& f, direction d, const T* x, T* y, std::size_t n) const {
    if (kind == path_kind::array) return array_eval(*this, f, d, x, y, n, true);
    eval(f, d, x, y, n);
  }
};

// The array layouts: the whole input at a 64-byte boundary, then arrays of 3 (shorter than one
// AVX2/AVX-512 vector; the first one holds 1 element), 17 (a body of 16/8/4/2 lanes and a tail)
// and 67 elements, at element offsets 3, 1, 2 from a 64-byte boundary.
struct array_layout {
  std::size_t length;  // 0: the whole input as one array
  std::size_t phase;   // the first array is `phase` elements long (0: a full one)
  std::size_t offset;  // element offset from a 64-byte boundary
};
constexpr array_layout array_layouts[] = {{0, 0, 0}, {3, 1, 3}, {17, 5, 1}, {67, 11, 2}};

// Runs the inputs as consecutive arrays of L.length elements; out[i] receives x[i]'s result.
template <class F, class T>
void array_run(const path& p, const F& f, direction d, const T* x, T* out, std::size_t n,
               const array_layout& L) {
  const std::size_t len = L.length == 0 ? n : L.length;
  placed_buffer<T> xb(len, L.offset), yb(len, L.offset);
  std::vector<T> ones(len, T(1));
  for (std::size_t start = 0; start < n;) {
    std::size_t m = (start == 0 && L.phase != 0) ? L.phase : len;
    if (m > n - start) m = n - start;
    for (std::size_t i = 0; i < m; ++i) xb[i] = x[start + i];
    if (d == direction::forward)
      p.forward(f, static_cast<const T*>(xb.data()), yb.data(), m);
    else
      p.backward(f, static_cast<const T*>(xb.data()), static_cast<const T*>(ones.data()),
                 yb.data(), m);
    for (std::size_t i = 0; i < m; ++i) out[start + i] = yb[i];
    start += m;
  }
}

template <class F, class T>
void array_eval(const path& p, const F& f, direction d, const T* x, T* y, std::size_t n, bool once) {
  array_run(p, f, d, x, y, n, array_layouts[0]);
  if (once) return;
  std::vector<T> other(n);
  for (std::size_t k = 1; k < sizeof array_layouts / sizeof array_layouts[0]; ++k) {
    const array_layout& L = array_layouts[k];
    array_run(p, f, d, x, other.data(), n, L);
    std::size_t mismatches = 0, first = 0;
    for (std::size_t i = 0; i < n; ++i)
      if (!same(y[i], other[i]) && mismatches++ == 0) first = i;
    if (mismatches != 0) {
      const std::size_t len = L.length == 0 ? n : L.length;
      const std::size_t pos = L.length == 0 ? first
                              : L.phase == 0 ? first % len
                              : first < L.phase ? first
                                                : (first - L.phase) % len;
      FAIL_CHECK(p.name << ": the result depends on where the element sits: " << mismatches
                        << " of " << n << " elements differ; first: x = " << show(x[first])
                        << " gives " << show(y[first]) << " at index " << first
                        << " of an array of " << n << ", but " << show(other[first])
                        << " at index " << pos << " of an array of " << len
                        << " (element offset " << L.offset << " from a 64-byte boundary), "
                        << to_string(d));
    }
  }
}

constexpr const char* forced_backend_name(actfn::backend b) {
  switch (b) {
    case actfn::backend::scalar: return "array API on the forced scalar backend";
    case actfn::backend::sse2: return "array API on the forced sse2 backend";
    case actfn::backend::avx2: return "array API on the forced avx2 backend";
    case actfn::backend::avx512: return "array API on the forced avx512 backend";
    case actfn::backend::neon: return "array API on the forced neon backend";
  }
  return "array API on an unknown backend";
}

// The paths' tags: the types the test lists are made of (Catch2 names each test instance after
// its tag), each naming its path value.
struct scalar_path {
  static path get() {
    return {path_kind::scalar, false, actfn::backend::scalar, "scalar functor f(x) / f.derivative(x)"};
  }
};
struct array_path {
  static path get() {
    return {path_kind::array, false, actfn::backend::scalar,
            "array API actfn::forward / actfn::backward"};
  }
};
template <actfn::backend B> struct backend_path {
  static path get() { return {path_kind::array, true, B, forced_backend_name(B)}; }
};
struct batch_path {
  static path get() {
    return {path_kind::batch, false, actfn::backend::scalar,
            "functor on actfn::simd::native<T> batches"};
  }
};

// A (path, value type) pair: the unit every test case is instantiated for.
template <class P, class T> struct on {
  using path = P;
  using type = T;
};
using scalar_float = on<scalar_path, float>;
using scalar_double = on<scalar_path, double>;
using array_float = on<array_path, float>;
using array_double = on<array_path, double>;
using backend_scalar_float = on<backend_path<actfn::backend::scalar>, float>;
using backend_scalar_double = on<backend_path<actfn::backend::scalar>, double>;
using backend_sse2_float = on<backend_path<actfn::backend::sse2>, float>;
using backend_sse2_double = on<backend_path<actfn::backend::sse2>, double>;
using backend_avx2_float = on<backend_path<actfn::backend::avx2>, float>;
using backend_avx2_double = on<backend_path<actfn::backend::avx2>, double>;
using backend_avx512_float = on<backend_path<actfn::backend::avx512>, float>;
using backend_avx512_double = on<backend_path<actfn::backend::avx512>, double>;
using backend_neon_float = on<backend_path<actfn::backend::neon>, float>;
using backend_neon_double = on<backend_path<actfn::backend::neon>, double>;
using batch_float = on<batch_path, float>;
using batch_double = on<batch_path, double>;

// The lists the tests run over (macros rather than a TEMPLATE_LIST_TEST_CASE tuple: Catch2 v2
// then names each instance after the entry, "... - array_double", instead of "... - 3"):
//   ALL:    every path, float and double
//   ARRAY:  the paths that implement the pointer API (forward/backward on arrays)
//   EXHAUSTIVE: the 2^32-float sweeps; the default array API only (the fastest backend: ~2
//           minutes per function and direction on one core at ~15 ns per element; every other
//           path gives the same bits, which the array tests check on samples)
#define ACTFN_TEST_ARRAY_PATHS                                                                   \
  array_float, array_double, backend_scalar_float, backend_scalar_double, backend_sse2_float,     \
      backend_sse2_double, backend_avx2_float, backend_avx2_double, backend_avx512_float,         \
      backend_avx512_double, backend_neon_float, backend_neon_double
#define ACTFN_TEST_ALL_PATHS \
  scalar_float, scalar_double, batch_float, batch_double, ACTFN_TEST_ARRAY_PATHS
#define ACTFN_TEST_EXHAUSTIVE_PATHS array_float

// Runs body(path) for On's path. Where the path cannot run here, the case says why and, when
// ctest runs it (one case per process, with ACTFN_TEST_SKIP_EXIT_CODE set: tests/CMakeLists.txt),
// ends the process with that code, which ctest reports as skipped rather than passed (Catch2 v2
// has no skip of its own); run by hand, it WARNs and returns.
template <class On> void run_on(void (*body)(const path&)) {
  const path p = On::path::get();
  if (!p.available()) {
    const std::string why = std::string("skipped: ") + p.name + ", " + fp<typename On::type>::name +
                            ": " + p.unavailable_reason();
    if (const char* code = std::getenv("ACTFN_TEST_SKIP_EXIT_CODE")) {
      std::printf("%s\n", why.c_str());
      std::fflush(stdout);
      std::exit(std::atoi(code));
    }
    WARN(why);
    return;
  }
  body(p);
}

// A test case over a list of (path, type) pairs whose body is `template <class T> void
// body(const path& P)`: compiled once per value type, run once per pair.
#define ACTFN_PATH_TEST_CASE(title, tags, body, ...)                                    \
  TEMPLATE_TEST_CASE(title, tags, __VA_ARGS__) {                                        \
    ::actfn_test::run_on<TestType>(&body<typename TestType::type>);                     \
  }

// "path name, float": for messages.
template <class T> std::string describe(const path& p) {
  return std::string(p.name) + ", " + fp<T>::name;
}

// y = path's f or f' over xs.
template <class F, class T>
std::vector<T> eval(const path& p, const F& f, direction d, const std::vector<T>& xs) {
  std::vector<T> ys(xs.size());
  p.eval(f, d, xs.data(), ys.data(), xs.size());
  return ys;
}

}  // namespace actfn_test

// scalar_eval, batch_eval and array_eval are compiled once, in tests/instances_paths.cpp.
#define ACTFN_TEST_PATH_SIGNATURES(prefix, F, T)                                                    \
  prefix void actfn_test::scalar_eval<F, T>(const F&, actfn_test::direction, const T*, T*,         \
                                            std::size_t);                                          \
  prefix void actfn_test::batch_eval<F, T>(const F&, actfn_test::direction, const T*, T*,          \
                                           std::size_t);                                           \
  prefix void actfn_test::array_eval<F, T>(const actfn_test::path&, const F&,                      \
                                           actfn_test::direction, const T*, T*, std::size_t, bool);
#define ACTFN_TEST_PATH_DECLARE(unused, F, T) ACTFN_TEST_PATH_SIGNATURES(extern template, F, T)
#define ACTFN_TEST_PATH_DEFINE(unused, F, T) ACTFN_TEST_PATH_SIGNATURES(template, F, T)
#ifndef ACTFN_TEST_DEFINING_PATHS
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_PATH_DECLARE, -)
#endif

#endif
