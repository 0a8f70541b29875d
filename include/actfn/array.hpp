#ifndef ACTFN_ARRAY_HPP
#define ACTFN_ARRAY_HPP
// The array API: y[i] = f(x[i]) and dx[i] = dy[i] * f'(x[i]) over pointers, on the fastest
// backend this CPU has (x86-64: avx512, else avx2, else sse2; AArch64: neon), chosen once at
// first use; ACTFN_ARCH=scalar|sse2|avx2|avx512|neon overrides it when that backend is available.
// Any alignment and any n; n == 0 with null pointers is fine; in-place (y == x, dx == dy or
// dx == x) is fine. Every backend returns the same bits for the same input, wherever it sits in
// the array. T is float or double; bfloat16 and float16 data (and float in, 16 bits out) have
// overloads of their own, correctly rounded (detail/array16.hpp).
//
// Two ways to get it. Header-only (the default): the kernels of every backend are compiled into
// each TU that calls them. Compiled mode (ACTFN_COMPILED defined, which the CMake target
// actfn::actfn_compiled puts on its users' command line): this header only declares the array
// API for the functors of detail/functor_list.hpp, and the library src/ defines it once, with the
// same kernels, the same dispatch and the same bits.
#include <cstddef>
#include <type_traits>

#include "detail/backend.hpp"
#include "detail/config.hpp"
#include "detail/fp_environment.hpp"
#include "functions.hpp"
#if __cplusplus >= 202002L
#  include <span>
#endif

namespace actfn {

// What the array API runs and why (dispatch_report()). Fixed at the first call that dispatches.
struct dispatch_info {
  // ACTFN_ARCH as the process had it then (at most 31 characters), or nullptr when it was unset.
  const char* requested;
  // What forward and backward without a backend argument run (active_backend()).
  backend active;
  // Why, in words: the widest backend available, the one ACTFN_ARCH named, or why ACTFN_ARCH was
  // not followed (a value that names no backend, or one this build or CPU lacks).
  const char* reason;
};
}  // namespace actfn

#if !defined(ACTFN_COMPILED) || defined(ACTFN_COMPILED_DEFINITIONS)
#  include <cstdint>
#  include <cstdlib>
#  include <cstring>
#  include <type_traits>

#  include "simd/avx2.hpp"
#  include "simd/avx512.hpp"
#  include "simd/neon.hpp"
#  include "simd/sse2.hpp"

namespace actfn {

// Functions compiled with the caller's flags: in the ISA namespace (detail/config.hpp).
ACTFN_ISA_BEGIN

inline const char* backend_name(backend b) noexcept {
  switch (b) {
    case backend::scalar: return "scalar";
    case backend::sse2: return "sse2";
    case backend::avx2: return "avx2";
    case backend::avx512: return "avx512";
    case backend::neon: return "neon";
  }
  return "unknown";
}

// Whether this build has the backend and this CPU can run it.
inline bool backend_available(backend b) noexcept {
  switch (b) {
    case backend::scalar: return true;
#if defined(ACTFN_HAVE_SSE2_BACKEND)
    case backend::sse2: return true;  // the x86-64 baseline
#endif
#if defined(ACTFN_HAVE_AVX2_BACKEND)
    case backend::avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
#if defined(ACTFN_HAVE_AVX512_BACKEND)
    case backend::avx512:
      return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
             __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
#endif
#if defined(ACTFN_HAVE_NEON_BACKEND)
    case backend::neon: return true;  // the AArch64 baseline
#endif
    default: return false;
  }
}

ACTFN_ISA_END
namespace detail {
ACTFN_ISA_BEGIN
inline backend widest_available_backend() noexcept {
  // Plain arrays, not braced lists: std::initializer_list<backend>'s members would be weak
  // symbols outside the ISA namespace, emitted out of line at -O0.
  const backend widest_first[] = {backend::avx512, backend::avx2, backend::sse2, backend::neon};
  for (backend b : widest_first)
    if (backend_available(b)) return b;
  return backend::scalar;
}

// The dispatch state: chosen once, with ACTFN_ARCH's value copied (the environment may change).
struct dispatch_state {
  dispatch_info info;
  char requested[32];
};
inline void choose_dispatch(dispatch_state& s) noexcept {
  s.info = {nullptr, widest_available_backend(), "the widest backend this build has and this CPU runs"};
  const char* forced = std::getenv("ACTFN_ARCH");
  if (forced == nullptr) return;
  std::strncpy(s.requested, forced, sizeof s.requested - 1);
  s.requested[sizeof s.requested - 1] = '\0';
  s.info.requested = s.requested;
  const backend every[] = {backend::scalar, backend::sse2, backend::avx2, backend::avx512, backend::neon};
  for (backend b : every) {
    if (std::strcmp(forced, backend_name(b)) != 0) continue;
    if (backend_available(b)) {
      s.info.active = b;
      s.info.reason = "ACTFN_ARCH names it";
    } else {
      s.info.reason = "ACTFN_ARCH names a backend this build left out or this CPU cannot run: the widest available runs";
    }
    return;
  }
  s.info.reason = "ACTFN_ARCH names no backend (scalar, sse2, avx2, avx512, neon; lower case, nothing else): the widest available runs";
}
inline const dispatch_state& dispatch() noexcept {
  static const dispatch_state state = [] {
    dispatch_state s{};
    choose_dispatch(s);
    return s;
  }();
  return state;
}

ACTFN_ISA_END
}  // namespace detail
ACTFN_ISA_BEGIN

// What the array API runs and why: what ACTFN_ARCH asked for, what runs, and why.
inline dispatch_info dispatch_report() noexcept { return detail::dispatch().info; }

// The backend the array API runs (chosen once).
inline backend active_backend() noexcept { return detail::dispatch().info.active; }

ACTFN_ISA_END
namespace detail {
ACTFN_ISA_BEGIN
// The backends' array loops, in the environment the caller entered (default_fp_environment).
template <class F, class T>
inline void forward_on(backend b, const F& f, const T* x, T* y, std::size_t n) noexcept {
  switch (backend_available(b) ? b : active_backend()) {
#if defined(ACTFN_HAVE_AVX512_BACKEND)
    case backend::avx512: return avx512_kernels::forward_array(f, x, y, n);
#endif
#if defined(ACTFN_HAVE_AVX2_BACKEND)
    case backend::avx2: return avx2_kernels::forward_array(f, x, y, n);
#endif
#if defined(ACTFN_HAVE_SSE2_BACKEND)
    case backend::sse2: return sse2_kernels::forward_array(f, x, y, n);
#endif
#if defined(ACTFN_HAVE_NEON_BACKEND)
    case backend::neon: return neon_kernels::forward_array(f, x, y, n);
#endif
    default: return portable::forward_array(f, x, y, n);
  }
}
template <class F, class T>
inline void backward_on(backend b, const F& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept {
  switch (backend_available(b) ? b : active_backend()) {
#if defined(ACTFN_HAVE_AVX512_BACKEND)
    case backend::avx512: return avx512_kernels::backward_array(f, x, dy, dx, n);
#endif
#if defined(ACTFN_HAVE_AVX2_BACKEND)
    case backend::avx2: return avx2_kernels::backward_array(f, x, dy, dx, n);
#endif
#if defined(ACTFN_HAVE_SSE2_BACKEND)
    case backend::sse2: return sse2_kernels::backward_array(f, x, dy, dx, n);
#endif
#if defined(ACTFN_HAVE_NEON_BACKEND)
    case backend::neon: return neon_kernels::backward_array(f, x, dy, dx, n);
#endif
    default: return portable::backward_array(f, x, dy, dx, n);
  }
}
ACTFN_ISA_END
}  // namespace detail
ACTFN_ISA_BEGIN

// y[i] = f(x[i]) on backend b; where b is not available here, on active_backend(), as for an
// ACTFN_ARCH that names an unavailable backend (the same bits either way).
template <class F, class T>
inline void forward(backend b, const F& f, const T* x, T* y, std::size_t n) noexcept {
  static_assert(std::is_same<T, float>::value || std::is_same<T, double>::value,
                "float or double (bfloat16 and float16 have overloads of their own)");
  if (n == 0) return;
  const detail::default_fp_environment environment;
  detail::forward_on(b, f, x, y, n);
}

// dx[i] = dy[i] * f'(x[i]) on backend b (active_backend() if b is not available here).
template <class F, class T>
inline void backward(backend b, const F& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept {
  static_assert(std::is_same<T, float>::value || std::is_same<T, double>::value,
                "float or double (bfloat16 and float16 have overloads of their own)");
  if (n == 0) return;
  const detail::default_fp_environment environment;
  detail::backward_on(b, f, x, dy, dx, n);
}

template <class F, class T>
inline void forward(const F& f, const T* x, T* y, std::size_t n) noexcept {
  forward(active_backend(), f, x, y, n);
}
template <class F, class T>
inline void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept {
  backward(active_backend(), f, x, dy, dx, n);
}

ACTFN_ISA_END
}  // namespace actfn
#endif  // header-only definitions

#if defined(ACTFN_COMPILED)
#  include "detail/functor_list.hpp"
namespace actfn {
// Compiled mode: declarations only, defined in the actfn_compiled library (src/compiled.inc).
// Outside the ISA namespace: one definition, compiled once, whatever the caller's flags.
const char* backend_name(backend b) noexcept;
bool backend_available(backend b) noexcept;
backend active_backend() noexcept;
dispatch_info dispatch_report() noexcept;
// The four entry points of one functor F and value type T; forward_body and backward_body are
// macros given (F, T, the arguments): ";" here, a call in src/compiled.inc.
#  define ACTFN_COMPILED_ARRAY_API(F, T, forward_body, backward_body)                          \
    void forward(backend b, const F& f, const T* x, T* y, std::size_t n) noexcept             \
        forward_body(F, T, b, f, x, y, n)                                                      \
    void backward(backend b, const F& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept \
        backward_body(F, T, b, f, x, dy, dx, n)                                                \
    void forward(const F& f, const T* x, T* y, std::size_t n) noexcept                         \
        forward_body(F, T, f, x, y, n)                                                         \
    void backward(const F& f, const T* x, const T* dy, T* dx, std::size_t n) noexcept          \
        backward_body(F, T, f, x, dy, dx, n)
#  define ACTFN_COMPILED_DECLARATION(...) ;
#  define ACTFN_COMPILED_DECLARE(F)                                                            \
    ACTFN_COMPILED_ARRAY_API(F, float, ACTFN_COMPILED_DECLARATION, ACTFN_COMPILED_DECLARATION) \
    ACTFN_COMPILED_ARRAY_API(F, double, ACTFN_COMPILED_DECLARATION, ACTFN_COMPILED_DECLARATION)
ACTFN_FOR_EACH_FUNCTOR(ACTFN_COMPILED_DECLARE)
#  undef ACTFN_COMPILED_DECLARE
}  // namespace actfn
#endif  // compiled mode

// bfloat16 and float16 data (detail/array16.hpp): the float kernels of the chosen backend a chunk
// at a time, and one rounding to 16 bits; in the accurate tier the correctly rounded result, in
// the fast tier within 1 ULP of the 16-bit type. Header-only in both modes.
#include "bfloat16.hpp"
#include "detail/array16.hpp"
#include "float16.hpp"
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
// The 16-bit loops (detail/loops.inc) of backend b, in the default environment. Header-only: each
// backend's own, compiled for it. Compiled mode: the baseline's loop around the library's float
// entry points (the same bits; the float kernels are the library's).
template <class F, class In, class H>
inline void forward16_on(backend b, const F& f, const In* x, H* y, std::size_t n) noexcept {
  if (n == 0) return;
  const default_fp_environment environment;
#if !defined(ACTFN_COMPILED) || defined(ACTFN_COMPILED_DEFINITIONS)
  // (Qualified: in the library's own compiled-mode TUs the declarations below are visible too.)
  switch (::actfn::ACTFN_ISA_NAMESPACE::backend_available(b) ? b : ::actfn::ACTFN_ISA_NAMESPACE::active_backend()) {
#  if defined(ACTFN_HAVE_AVX512_BACKEND)
    case backend::avx512: return avx512_kernels::forward16_array(f, x, y, n);
#  endif
#  if defined(ACTFN_HAVE_AVX2_BACKEND)
    case backend::avx2: return avx2_kernels::forward16_array(f, x, y, n);
#  endif
#  if defined(ACTFN_HAVE_SSE2_BACKEND)
    case backend::sse2: return sse2_kernels::forward16_array(f, x, y, n);
#  endif
#  if defined(ACTFN_HAVE_NEON_BACKEND)
    case backend::neon: return neon_kernels::forward16_array(f, x, y, n);
#  endif
    default: return portable::forward16_array(f, x, y, n);
  }
#else
  portable::forward16_loop(f, x, y, n, [b, &f](const float* xs, float* rs, std::size_t m) {
    ::actfn::forward(b, f, xs, rs, m);
  });
#endif
}
template <class F, class H>
inline void backward16_on(backend b, const F& f, const H* x, const H* dy, H* dx, std::size_t n) noexcept {
  if (n == 0) return;
  const default_fp_environment environment;
#if !defined(ACTFN_COMPILED) || defined(ACTFN_COMPILED_DEFINITIONS)
  // (Qualified: in the library's own compiled-mode TUs the declarations below are visible too.)
  switch (::actfn::ACTFN_ISA_NAMESPACE::backend_available(b) ? b : ::actfn::ACTFN_ISA_NAMESPACE::active_backend()) {
#  if defined(ACTFN_HAVE_AVX512_BACKEND)
    case backend::avx512: return avx512_kernels::backward16_array(f, x, dy, dx, n);
#  endif
#  if defined(ACTFN_HAVE_AVX2_BACKEND)
    case backend::avx2: return avx2_kernels::backward16_array(f, x, dy, dx, n);
#  endif
#  if defined(ACTFN_HAVE_SSE2_BACKEND)
    case backend::sse2: return sse2_kernels::backward16_array(f, x, dy, dx, n);
#  endif
#  if defined(ACTFN_HAVE_NEON_BACKEND)
    case backend::neon: return neon_kernels::backward16_array(f, x, dy, dx, n);
#  endif
    default: return portable::backward16_array(f, x, dy, dx, n);
  }
#else
  portable::backward16_loop(f, x, dy, dx, n, [b, &f](const float* xs, const float* ones, float* rs, std::size_t m) {
    ::actfn::backward(b, f, xs, ones, rs, m);
  });
#endif
}
ACTFN_ISA_END
}  // namespace detail
ACTFN_ISA_BEGIN

// y[i] = f(x[i]) for 16-bit x and y (y may be x).
template <class F>
inline void forward(backend b, const F& f, const bfloat16* x, bfloat16* y, std::size_t n) noexcept {
  detail::forward16_on(b, f, x, y, n);
}
template <class F>
inline void forward(backend b, const F& f, const float16* x, float16* y, std::size_t n) noexcept {
  detail::forward16_on(b, f, x, y, n);
}
// y[i] = f(x[i]) rounded once to 16 bits from a float x: the epilogue of a matrix product with
// float accumulators. y may share x's bytes (it is written behind the reads).
template <class F>
inline void forward(backend b, const F& f, const float* x, bfloat16* y, std::size_t n) noexcept {
  detail::forward16_on(b, f, x, y, n);
}
template <class F>
inline void forward(backend b, const F& f, const float* x, float16* y, std::size_t n) noexcept {
  detail::forward16_on(b, f, x, y, n);
}
// dx[i] = dy[i] * f'(x[i]), rounded once, for 16-bit data (dx may be x or dy).
template <class F>
inline void backward(backend b, const F& f, const bfloat16* x, const bfloat16* dy, bfloat16* dx,
                     std::size_t n) noexcept {
  detail::backward16_on(b, f, x, dy, dx, n);
}
template <class F>
inline void backward(backend b, const F& f, const float16* x, const float16* dy, float16* dx,
                     std::size_t n) noexcept {
  detail::backward16_on(b, f, x, dy, dx, n);
}
// The same on active_backend().
template <class F>
inline void forward(const F& f, const bfloat16* x, bfloat16* y, std::size_t n) noexcept {
  forward(active_backend(), f, x, y, n);
}
template <class F>
inline void forward(const F& f, const float16* x, float16* y, std::size_t n) noexcept {
  forward(active_backend(), f, x, y, n);
}
template <class F>
inline void forward(const F& f, const float* x, bfloat16* y, std::size_t n) noexcept {
  forward(active_backend(), f, x, y, n);
}
template <class F>
inline void forward(const F& f, const float* x, float16* y, std::size_t n) noexcept {
  forward(active_backend(), f, x, y, n);
}
template <class F>
inline void backward(const F& f, const bfloat16* x, const bfloat16* dy, bfloat16* dx, std::size_t n) noexcept {
  backward(active_backend(), f, x, dy, dx, n);
}
template <class F>
inline void backward(const F& f, const float16* x, const float16* dy, float16* dx, std::size_t n) noexcept {
  backward(active_backend(), f, x, dy, dx, n);
}
ACTFN_ISA_END
}  // namespace actfn

namespace actfn {
ACTFN_ISA_BEGIN
#if __cplusplus >= 202002L
template <class F, class T>
inline void forward(const F& f, std::span<const T> x, std::span<T> y) noexcept {
  forward(f, x.data(), y.data(), x.size() < y.size() ? x.size() : y.size());
}
template <class F, class T>
inline void backward(const F& f, std::span<const T> x, std::span<const T> dy, std::span<T> dx) noexcept {
  std::size_t n = x.size() < dy.size() ? x.size() : dy.size();
  backward(f, x.data(), dy.data(), dx.data(), n < dx.size() ? n : dx.size());
}
#endif

ACTFN_ISA_END
}  // namespace actfn

#endif
