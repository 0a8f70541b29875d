// fingerprint: one hash per function of actfn's output bits on a fixed input set, so that builds
// with different compiler flags can be compared (CI: -O0, -O2, -O3 -march=native -ffast-math,
// -ffp-contract=fast, g++ and clang++ must print the same lines).
//
//   fingerprint [--stride K] [--double-samples M]
//
// Inputs: every K-th float bit pattern (default 4099) and M fixed-seed double bit patterns plus M
// doubles uniform in [-50, 50] (default 200000), made with integer operations only. Each function,
// forward and derivative, both tiers, is evaluated through the scalar functor and through the
// array API on every available backend; all of them must agree within the build (else exit 1),
// and the line printed per function is the FNV-1a hash of the output bits. The 16-bit column:
// every bfloat16 and float16 input forward and backward, and the first 65,536 float inputs forward
// to 16 bits.
#include <actfn/actfn.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

namespace {

template <class T>
std::uint64_t hash_bits(const std::vector<T>& v) {
  std::uint64_t h = 1469598103934665603ull;
  for (const T& x : v) {
    unsigned char b[sizeof(T)];
    std::memcpy(b, &x, sizeof(T));
    for (unsigned char c : b) h = (h ^ c) * 1099511628211ull;
  }
  return h;
}

bool consistent = true;

template <class T>
bool is_nan_bits(T v) {
  // Bits, not v != v: this file may itself be compiled with -ffast-math.
  if constexpr (sizeof(T) == 4) {
    std::uint32_t b;
    std::memcpy(&b, &v, 4);
    return (b & 0x7fffffffu) > 0x7f800000u;
  } else {
    std::uint64_t b;
    std::memcpy(&b, &v, 8);
    return (b & 0x7fffffffffffffffull) > 0x7ff0000000000000ull;
  }
}

template <class T>
bool same_bits(T a, T b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The functors in a plain loop, which the compiler may vectorise wherever it inlines them, under
// this file's flags (clang inlines them; forcing g++ to, relu once came back -0 for -0 from such a
// loop built with -ffast-math: bench/NOTES.md, "Next").
template <class F, class T>
__attribute__((noinline)) void functor_loop(const F& f, const T* x, T* y, T* d, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) y[i] = f(x[i]);
  for (std::size_t i = 0; i < n; ++i) d[i] = f.derivative(x[i]);
}

// The hash covers the array API's forward and backward (dy = 1) on the scalar backend; every
// other path is compared with it bit for bit. No floating-point arithmetic happens in this file.
template <class F, class T>
std::uint64_t fingerprint(const char* name, const F& f, const std::vector<T>& x) {
  const std::size_t n = x.size();
  std::vector<T> ones(n, T(1)), y(n), d(n), ry(n), rd(n);
  actfn::forward(actfn::backend::scalar, f, x.data(), ry.data(), n);
  actfn::backward(actfn::backend::scalar, f, x.data(), ones.data(), rd.data(), n);
  auto report = [&](const char* path) {
    std::printf("INCONSISTENT %s (%s): %s differs from the scalar backend\n", name, sizeof(T) == 4 ? "float" : "double", path);
    consistent = false;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (!same_bits(f(x[i]), ry[i])) { report("the scalar functor f(x)"); break; }
    // 1 * f'(x) == f'(x) bit for bit unless f'(x) is a signalling NaN, which a product quiets.
    if (!is_nan_bits(x[i]) && !same_bits(f.derivative(x[i]), rd[i])) { report("the scalar functor f.derivative(x)"); break; }
  }
  functor_loop(f, x.data(), y.data(), d.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!same_bits(y[i], ry[i])) { report("the scalar functor f(x) in a loop"); break; }
    if (!is_nan_bits(x[i]) && !same_bits(d[i], rd[i])) { report("the scalar functor f.derivative(x) in a loop"); break; }
  }
  for (actfn::backend b : {actfn::backend::sse2, actfn::backend::avx2, actfn::backend::avx512, actfn::backend::neon}) {
    if (!actfn::backend_available(b)) continue;
    actfn::forward(b, f, x.data(), y.data(), n);
    actfn::backward(b, f, x.data(), ones.data(), d.data(), n);
    if (hash_bits(y) != hash_bits(ry) || hash_bits(d) != hash_bits(rd)) report(actfn::backend_name(b));
  }
  return hash_bits(ry) ^ (hash_bits(rd) * 31u);
}

// The 16-bit array API: every bfloat16 and float16 input forward and backward (dy a fixed
// pattern of bits), and float inputs x forward to each type, on every available backend (which
// must agree with the scalar one).
template <class H, class F>
std::uint64_t fingerprint16_type(const char* name, const F& f, const std::vector<float>& all_x) {
  const std::size_t n = 65536;
  // The first n float inputs (the special values, then the stride): the float part covers the rest.
  const std::vector<float> x(all_x.begin(), all_x.begin() + static_cast<std::ptrdiff_t>(std::min(n, all_x.size())));
  std::vector<H> xs(n), dys(n), y(n), d(n), ry, rd, e(x.size()), re;
  for (std::size_t i = 0; i < n; ++i) {
    xs[i] = H::from_bits(static_cast<std::uint16_t>(i));
    dys[i] = H::from_bits(static_cast<std::uint16_t>((i * 7) ^ 0x3c55u));
  }
  std::uint64_t h = 0;
  for (actfn::backend b : {actfn::backend::scalar, actfn::backend::sse2, actfn::backend::avx2,
                           actfn::backend::avx512, actfn::backend::neon}) {
    if (!actfn::backend_available(b)) continue;
    actfn::forward(b, f, xs.data(), y.data(), n);
    actfn::backward(b, f, xs.data(), dys.data(), d.data(), n);
    actfn::forward(b, f, x.data(), e.data(), x.size());
    if (b == actfn::backend::scalar) {
      ry = y;
      rd = d;
      re = e;
      h = hash_bits(y) ^ (hash_bits(d) * 31u) ^ (hash_bits(e) * 961u);
    } else if (hash_bits(y) != hash_bits(ry) || hash_bits(d) != hash_bits(rd) || hash_bits(e) != hash_bits(re)) {
      std::printf("INCONSISTENT %s (%s): %s differs from the scalar backend\n", name,
                  sizeof(H) == 2 && std::is_same<H, actfn::bfloat16>::value ? "bfloat16" : "float16",
                  actfn::backend_name(b));
      consistent = false;
    }
  }
  return h;
}
template <class F>
std::uint64_t fingerprint16(const char* name, const F& f, const std::vector<float>& x) {
  return fingerprint16_type<actfn::bfloat16>(name, f, x) ^ (fingerprint16_type<actfn::float16>(name, f, x) * 7u);
}

template <class Visit>
void for_each_function(Visit visit) {
  visit("sigmoid", actfn::sigmoid{});
  visit("relu", actfn::relu{});
  visit("leaky_relu(0.2)", actfn::leaky_relu{0.2});
  visit("leaky_relu(0)", actfn::leaky_relu{0.0});  // its own kernel variant (kernels.inc, variant())
  visit("tanh", actfn::tanh{});
  visit("swish(1.702)", actfn::swish{1.702});
  visit("swish(0)", actfn::swish{0.0});  // x / 2, at +-inf too (a select on beta in the kernel)
  visit("gelu", actfn::gelu{});
  visit("gelu_tanh", actfn::gelu_tanh{});
  visit("fast::sigmoid", actfn::fast::sigmoid{});
  visit("fast::tanh", actfn::fast::tanh{});
  visit("fast::swish(1.702)", actfn::fast::swish{1.702});
  visit("fast::silu", actfn::fast::silu{});  // beta = 1: its own kernel variant
  visit("fast::gelu", actfn::fast::gelu{});
  visit("fast::gelu_tanh", actfn::fast::gelu_tanh{});
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t stride = 4099;
  std::size_t samples = 200000;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--stride") stride = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--double-samples") samples = std::strtoull(argv[i + 1], nullptr, 10);
    else {
      std::fprintf(stderr, "usage: %s [--stride K] [--double-samples M]\n", argv[0]);
      return 2;
    }
  }
  if (stride == 0) return 2;
  // The special values first (the stride passes few of them), then the stride.
  std::vector<float> xf;
  for (std::uint32_t b : {0x00000000u, 0x80000000u, 0x00000001u, 0x80000001u, 0x7f800000u, 0xff800000u,
                          0x7fc00000u, 0xffc12345u, 0x7f812345u, 0xff800001u}) {
    float v;
    std::memcpy(&v, &b, 4);
    xf.push_back(v);
  }
  for (std::uint64_t p = 0; p < (std::uint64_t(1) << 32); p += stride) {
    std::uint32_t b = static_cast<std::uint32_t>(p);
    float v;
    std::memcpy(&v, &b, 4);
    xf.push_back(v);
  }
  std::vector<double> xd;
  for (std::uint64_t b : {0x0ull, 0x8000000000000000ull, 0x1ull, 0x8000000000000001ull, 0x7ff0000000000000ull,
                          0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000123ull,
                          0x7ff0000000000123ull, 0xfff0000000000001ull}) {
    double v;
    std::memcpy(&v, &b, 8);
    xd.push_back(v);
  }
  std::mt19937_64 rng(7);
  for (std::size_t i = 0; i < samples; ++i) {
    std::uint64_t b = rng();
    double v;
    std::memcpy(&v, &b, 8);
    xd.push_back(v);
    // k 2^-40 with |k| < 50 2^40: an exact conversion and scaling, the same under any flags.
    const std::int64_t k = static_cast<std::int64_t>(rng() % (100ull << 40)) - (std::int64_t(50) << 40);
    xd.push_back(std::ldexp(static_cast<double>(k), -40));
  }
  for_each_function([&](const char* name, const auto& f) {
    std::printf("%-20s float %016llx double %016llx 16-bit %016llx\n", name,
                static_cast<unsigned long long>(fingerprint(name, f, xf)),
                static_cast<unsigned long long>(fingerprint(name, f, xd)),
                static_cast<unsigned long long>(fingerprint16(name, f, xf)));
  });
  return consistent ? 0 : 1;
}
