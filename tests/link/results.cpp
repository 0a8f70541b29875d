// One translation unit of the mixed-ISA link test (tests/link/CMakeLists.txt): compiled four
// times, with the baseline flags, -march=x86-64-v3, -march=x86-64-v4, and the baseline flags with
// ACTFN_TARGETS=ACTFN_TARGET_SSE2 (no AVX2 or AVX-512 backend), each under its own
// function name (ACTFN_LINK_RESULTS). It calls what a user's TU calls: functors of both tiers as
// f(x) and f.derivative(x), and the array API forward and backward, float and double (and
// bfloat16 and float16), and returns a hash of every output bit. Built with different -m flags,
// the three copies of the library's inline functions must stay apart (detail/config.hpp,
// ACTFN_ISA_NAMESPACE); so must the copy whose array API dispatches to fewer backends.
#include <actfn/actfn.hpp>

#include <cstdint>
#include <cstring>
#include <vector>

namespace {

template <class T>
void mix(std::uint64_t& h, const std::vector<T>& v) {
  for (const T& x : v) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, &x, sizeof(T));
    for (unsigned char c : b) h = (h ^ c) * 1099511628211ull;
  }
}

// Inputs made from integers only (this file may be built with any flags): a spread over [-20, 20]
// and a spread over the bit patterns (NaNs, infinities and subnormals included).
template <class T>
std::vector<T> inputs() {
  std::vector<T> x;
  for (int i = -2000; i <= 2000; ++i) x.push_back(static_cast<T>(i) / T(100));
  std::uint64_t s = 0x9e3779b97f4a7c15ull;
  for (int i = 0; i < 4000; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    T v;
    if constexpr (sizeof(T) == 4) {
      const auto b = static_cast<std::uint32_t>(s >> 32);
      std::memcpy(&v, &b, 4);
    } else {
      std::memcpy(&v, &s, 8);
    }
    x.push_back(v);
  }
  return x;
}

template <class T, class F>
void run(std::uint64_t& h, const F& f) {
  const std::vector<T> x = inputs<T>();
  const std::size_t n = x.size();
  std::vector<T> y(n), d(n), ones(n, T(1));
  for (std::size_t i = 0; i < n; ++i) {
    y[i] = f(x[i]);
    d[i] = f.derivative(x[i]);
  }
  mix(h, y);
  mix(h, d);
  actfn::forward(f, x.data(), y.data(), n);
  actfn::backward(f, x.data(), ones.data(), d.data(), n);
  mix(h, y);
  mix(h, d);
}

// 16-bit data: the types' conversions and the array API on them (and float in, 16 bits out).
template <class H, class F>
void run16(std::uint64_t& h, const F& f) {
  const std::vector<float> x = inputs<float>();
  const std::size_t n = x.size();
  std::vector<H> hx(n), hy(n), hd(n), e(n);
  std::vector<float> back(n);
  for (std::size_t i = 0; i < n; ++i) {
    hx[i] = H(x[i]);
    back[i] = static_cast<float>(hx[i]);
  }
  actfn::forward(f, hx.data(), hy.data(), n);
  actfn::backward(f, hx.data(), hx.data(), hd.data(), n);
  actfn::forward(f, x.data(), e.data(), n);
  mix(h, back);
  mix(h, hy);
  mix(h, hd);
  mix(h, e);
}

// Four functors cover every family of kernels (the logistic, relu's selects, GELU's Mills
// ratio, the fast tier) and so every kind of symbol the library emits; all sixteen would triple
// the test's build time and add no kind of symbol.
template <class T>
void run_all(std::uint64_t& h) {
  run<T>(h, actfn::sigmoid{});
  run<T>(h, actfn::leaky_relu{0.2});
  run<T>(h, actfn::gelu{});
  run<T>(h, actfn::fast::silu{});
  if constexpr (sizeof(T) == 4) {
    run16<actfn::bfloat16>(h, actfn::gelu{});
    run16<actfn::float16>(h, actfn::fast::silu{});
  }
}

}  // namespace

#if !((ACTFN_TARGETS) & ACTFN_TARGET_AVX2) && defined(ACTFN_HAVE_AVX2_BACKEND)
#  error "ACTFN_TARGETS leaves AVX2 out, yet the AVX2 backend was compiled"
#endif

std::uint64_t ACTFN_LINK_RESULTS() {
#if !((ACTFN_TARGETS) & ACTFN_TARGET_AVX2)
  // Left out means unavailable, whatever the CPU (a wrong hash fails the test).
  if (actfn::backend_available(actfn::backend::avx2) || actfn::backend_available(actfn::backend::avx512))
    return 0;
#endif
  std::uint64_t h = 1469598103934665603ull;
  run_all<float>(h);
  run_all<double>(h);
  return h;
}
