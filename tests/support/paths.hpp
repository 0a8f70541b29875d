// The code paths every test runs a function through. A path evaluates f or f' on n inputs:
//
//   Path::name                      what it is, for messages
//   Path::available()               false when this build or CPU cannot run it (the test then
//                                   WARNs and returns: Catch2 v2 has no SKIP)
//   Path::eval(f, dir, x, y, n)     y[i] = f(x[i]) or f'(x[i]), with every check the path has
//   Path::eval_once(f, dir, x, y, n) the same, one evaluation per element (exhaustive sweeps)
//
// Paths today:
//   scalar_path        the functor itself: f(x), f.derivative(x)
//   array_path         the array API as users call it: actfn::forward(f, x, y, n),
//                      actfn::backward(f, x, dy = 1, dx, n) (dy = 1 makes dx = 1 * f'(x) = f'(x)
//                      exactly), on the backend the library picks at run time
//   backend_path<B>    the same with the backend forced: actfn::forward(B, f, x, y, n), for every
//                      actfn::backend B; skipped (WARN) where this build or CPU lacks B, and for
//                      the backend array_path already runs (no need to run it twice)
//   batch_path         the functors on actfn::simd::native<T> batches (the widest ISA the
//                      compile flags enable), the last n % size elements scalar; skipped when
//                      the flags enable none (native<T> is T)
// The array paths' eval() runs every element in several arrays: the whole input (64-byte
// aligned), and cut into arrays of 3, 17 and 67 elements at element offsets 3, 1, 2 from a 64-byte
// boundary, so an element sits in a vector body and in a tail, at many lane positions. All runs
// must agree bit for bit (NaN = NaN); a disagreement is a test failure naming the element, the
// array length and its position. The results of the first run are returned.
//
// Adding a backend or an entry point = one more path (or one more "api" struct for
// array_path_of: name, available(), forward(), backward()), two `on<...>` aliases, and their
// names in the lists at the bottom: every TEMPLATE_TEST_CASE over those lists then runs on it.
#ifndef ACTFN_TESTS_SUPPORT_PATHS_HPP
#define ACTFN_TESTS_SUPPORT_PATHS_HPP

#include <actfn/actfn.hpp>
#include <actfn/simd.hpp>

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
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

// The loops of scalar_path and batch_path, out of line: tests/instances_paths.cpp compiles them
// once for the functors of support/instances.hpp (each inlines a kernel; see the end of this file).
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

struct scalar_path {
  static constexpr const char* name = "scalar functor f(x) / f.derivative(x)";
  static bool available() { return true; }
  template <class F, class T>
  static void eval(const F& f, direction d, const T* x, T* y, std::size_t n) {
    scalar_eval(f, d, x, y, n);
  }
  template <class F, class T>
  static void eval_once(const F& f, direction d, const T* x, T* y, std::size_t n) {
    eval(f, d, x, y, n);
  }
};

// The library's own entry points, with whatever backend the library picks.
struct default_api {
  static constexpr const char* name = "array API actfn::forward / actfn::backward";
  static bool available() { return true; }
  template <class F, class T> static void forward(const F& f, const T* x, T* y, std::size_t n) {
    actfn::forward(f, x, y, n);
  }
  template <class F, class T>
  static void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {
    actfn::backward(f, x, dy, dx, n);
  }
};

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

// The array API with the backend forced: actfn::forward(B, f, x, y, n).
template <actfn::backend B> struct backend_api {
  static constexpr const char* name = forced_backend_name(B);
  static bool available() {
    return actfn::backend_available(B) && B != actfn::active_backend();
  }
  template <class F, class T> static void forward(const F& f, const T* x, T* y, std::size_t n) {
    actfn::forward(B, f, x, y, n);
  }
  template <class F, class T>
  static void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {
    actfn::backward(B, f, x, dy, dx, n);
  }
};

template <class Api> struct array_path_of {
  static constexpr const char* name = Api::name;
  static bool available() { return Api::available(); }
  template <class F, class T> static void forward(const F& f, const T* x, T* y, std::size_t n) {
    Api::forward(f, x, y, n);
  }
  template <class F, class T>
  static void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) {
    Api::backward(f, x, dy, dx, n);
  }

  struct layout {
    std::size_t length;  // 0: the whole input as one array
    std::size_t phase;   // the first array is `phase` elements long (0: a full one)
    std::size_t offset;  // element offset from a 64-byte boundary
  };
  // The whole input at a 64-byte boundary, then arrays of 3 (shorter than one AVX2/AVX-512
  // vector; the first one holds 1 element), 17 (a body of 16/8/4/2 lanes and a tail) and 67
  // elements, at element offsets 3, 1, 2 from a 64-byte boundary.
  static constexpr layout layouts[] = {{0, 0, 0}, {3, 1, 3}, {17, 5, 1}, {67, 11, 2}};

  // Runs the inputs as consecutive arrays of L.length elements; out[i] receives x[i]'s result.
  template <class F, class T>
  static void run(const F& f, direction d, const T* x, T* out, std::size_t n, const layout& L) {
    const std::size_t len = L.length == 0 ? n : L.length;
    placed_buffer<T> xb(len, L.offset), yb(len, L.offset);
    std::vector<T> ones(len, T(1));
    for (std::size_t start = 0; start < n;) {
      std::size_t m = (start == 0 && L.phase != 0) ? L.phase : len;
      if (m > n - start) m = n - start;
      for (std::size_t i = 0; i < m; ++i) xb[i] = x[start + i];
      if (d == direction::forward)
        Api::forward(f, static_cast<const T*>(xb.data()), yb.data(), m);
      else
        Api::backward(f, static_cast<const T*>(xb.data()), static_cast<const T*>(ones.data()),
                      yb.data(), m);
      for (std::size_t i = 0; i < m; ++i) out[start + i] = yb[i];
      start += m;
    }
  }

  template <class F, class T>
  static void eval(const F& f, direction d, const T* x, T* y, std::size_t n) {
    run(f, d, x, y, n, layouts[0]);
    std::vector<T> other(n);
    for (std::size_t k = 1; k < sizeof layouts / sizeof layouts[0]; ++k) {
      const layout& L = layouts[k];
      run(f, d, x, other.data(), n, L);
      std::size_t mismatches = 0, first = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (!same(y[i], other[i]) && mismatches++ == 0) first = i;
      if (mismatches != 0) {
        const std::size_t len = L.length == 0 ? n : L.length;
        const std::size_t pos = L.length == 0 ? first
                                : L.phase == 0 ? first % len
                                : first < L.phase ? first
                                                  : (first - L.phase) % len;
        FAIL_CHECK(name << ": the result depends on where the element sits: "
                        << mismatches << " of " << n << " elements differ; first: x = "
                        << show(x[first]) << " gives " << show(y[first]) << " at index " << first
                        << " of an array of " << n << ", but " << show(other[first])
                        << " at index " << pos << " of an array of " << len
                        << " (element offset " << L.offset << " from a 64-byte boundary), "
                        << to_string(d));
      }
    }
  }
  template <class F, class T>
  static void eval_once(const F& f, direction d, const T* x, T* y, std::size_t n) {
    run(f, d, x, y, n, layouts[0]);
  }
};

using array_path = array_path_of<default_api>;
template <actfn::backend B> using backend_path = array_path_of<backend_api<B>>;

// The functors on SIMD batches: f(V::load(x + i)).store(y + i) for V = actfn::simd::native<T>,
// the remaining n % V::size elements through the scalar functor.
struct batch_path {
  static constexpr const char* name = "functor on actfn::simd::native<T> batches";
  template <class T> static constexpr bool has_batch() {
    return !std::is_same<actfn::simd::native<T>, T>::value;
  }
  static bool available() { return has_batch<float>() || has_batch<double>(); }
  template <class F, class T>
  static void eval(const F& f, direction d, const T* x, T* y, std::size_t n) {
    batch_eval(f, d, x, y, n);
  }
  template <class F, class T>
  static void eval_once(const F& f, direction d, const T* x, T* y, std::size_t n) {
    eval(f, d, x, y, n);
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

// The lists the tests run over: TEMPLATE_TEST_CASE("...", "[tag]", ACTFN_TEST_ALL_PATHS).
// (Macros rather than a TEMPLATE_LIST_TEST_CASE tuple: Catch2 v2 then names each instance after
// the entry, "... - array_double", instead of "... - 3".) Using them requires
// `using namespace actfn_test;`.
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

template <class On> std::string path_and_type() {
  return std::string(On::path::name) + ", " + fp<typename On::type>::name;
}

// Returns false (after a WARN) when the path cannot run here; the test then returns.
template <class On> bool path_available() {
  if (On::path::available()) return true;
  WARN("skipped: " << On::path::name << " (not in this build or not on this CPU, or the backend "
                   "the default array API already runs)");
  return false;
}

// y = path's f or f' over xs.
template <class P, class F, class T>
std::vector<T> eval(const F& f, direction d, const std::vector<T>& xs) {
  std::vector<T> ys(xs.size());
  P::eval(f, d, xs.data(), ys.data(), xs.size());
  return ys;
}

}  // namespace actfn_test

// scalar_eval and batch_eval are compiled once, in tests/instances_paths.cpp.
#define ACTFN_TEST_PATH_SIGNATURES(prefix, F, T)                                                    \
  prefix void actfn_test::scalar_eval<F, T>(const F&, actfn_test::direction, const T*, T*,         \
                                            std::size_t);                                          \
  prefix void actfn_test::batch_eval<F, T>(const F&, actfn_test::direction, const T*, T*, std::size_t);
#define ACTFN_TEST_PATH_DECLARE(unused, F, T) ACTFN_TEST_PATH_SIGNATURES(extern template, F, T)
#define ACTFN_TEST_PATH_DEFINE(unused, F, T) ACTFN_TEST_PATH_SIGNATURES(template, F, T)
#ifndef ACTFN_TEST_DEFINING_INSTANCES
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_PATH_DECLARE, -)
#endif

#endif
