// Peer kernels on SLEEF's vector functions, compiled once per ISA (bench/CMakeLists.txt defines
// exactly one of ACTFN_SLEEF_ISA_sse2 / _avx2 / _avx512 and the matching -m flags); peers_sleef.cpp
// picks the widest this CPU runs. The activations are built from SLEEF's exp, tanh and erfc in
// the obvious way (the same formulas as the std:: rows of bench_activations.cpp), with the
// accurate variants (exp, tanh within 1.0 ULP, erfc within 1.5 ULP). relu and leaky_relu need no
// SLEEF call: max and a compare-select.
//
// Everything here has internal linkage except the one exported table function, and nothing from
// the C++ library is included: this file's code must not be shared with, or replace, code of
// the files compiled without these -m flags.
#include <immintrin.h>
#include <sleef.h>

#include <cstddef>

#include "peers.hpp"

namespace {

#if defined(ACTFN_SLEEF_ISA_avx512)
#  define ACTFN_SLEEF_TABLES sleef_tables_avx512
struct ops_f {
  using V = __m512;
  using S = float;
  static constexpr std::size_t w = 16;
  static V load(const S* p) { return _mm512_loadu_ps(p); }
  static void store(S* p, V v) { _mm512_storeu_ps(p, v); }
  static V set1(S s) { return _mm512_set1_ps(s); }
  // max through the zero-masking form: GCC 12's _mm512_max_ps passes _mm512_undefined_ps() and
  // trips -Wmaybe-uninitialized (GCC bug 105593); same instruction.
  static V max0(V x) { return _mm512_maskz_max_ps(__mmask16(0xffff), x, _mm512_setzero_ps()); }
  static V select_pos(V x, V a, V b) {  // x > 0 ? a : b
    return _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_GT_OQ), b, a);
  }
  static V exp(V x) { return Sleef_expf16_u10avx512f(x); }
  static V tanh(V x) { return Sleef_tanhf16_u10avx512f(x); }
  static V erfc(V x) { return Sleef_erfcf16_u15avx512f(x); }
};
struct ops_d {
  using V = __m512d;
  using S = double;
  static constexpr std::size_t w = 8;
  static V load(const S* p) { return _mm512_loadu_pd(p); }
  static void store(S* p, V v) { _mm512_storeu_pd(p, v); }
  static V set1(S s) { return _mm512_set1_pd(s); }
  static V max0(V x) { return _mm512_maskz_max_pd(__mmask8(0xff), x, _mm512_setzero_pd()); }
  static V select_pos(V x, V a, V b) {
    return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(x, _mm512_setzero_pd(), _CMP_GT_OQ), b, a);
  }
  static V exp(V x) { return Sleef_expd8_u10avx512f(x); }
  static V tanh(V x) { return Sleef_tanhd8_u10avx512f(x); }
  static V erfc(V x) { return Sleef_erfcd8_u15avx512f(x); }
};
#elif defined(ACTFN_SLEEF_ISA_avx2)
#  define ACTFN_SLEEF_TABLES sleef_tables_avx2
struct ops_f {
  using V = __m256;
  using S = float;
  static constexpr std::size_t w = 8;
  static V load(const S* p) { return _mm256_loadu_ps(p); }
  static void store(S* p, V v) { _mm256_storeu_ps(p, v); }
  static V set1(S s) { return _mm256_set1_ps(s); }
  static V max0(V x) { return _mm256_max_ps(x, _mm256_setzero_ps()); }
  static V select_pos(V x, V a, V b) {
    return _mm256_blendv_ps(b, a, _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_GT_OQ));
  }
  static V exp(V x) { return Sleef_expf8_u10avx2(x); }
  static V tanh(V x) { return Sleef_tanhf8_u10avx2(x); }
  static V erfc(V x) { return Sleef_erfcf8_u15avx2(x); }
};
struct ops_d {
  using V = __m256d;
  using S = double;
  static constexpr std::size_t w = 4;
  static V load(const S* p) { return _mm256_loadu_pd(p); }
  static void store(S* p, V v) { _mm256_storeu_pd(p, v); }
  static V set1(S s) { return _mm256_set1_pd(s); }
  static V max0(V x) { return _mm256_max_pd(x, _mm256_setzero_pd()); }
  static V select_pos(V x, V a, V b) {
    return _mm256_blendv_pd(b, a, _mm256_cmp_pd(x, _mm256_setzero_pd(), _CMP_GT_OQ));
  }
  static V exp(V x) { return Sleef_expd4_u10avx2(x); }
  static V tanh(V x) { return Sleef_tanhd4_u10avx2(x); }
  static V erfc(V x) { return Sleef_erfcd4_u15avx2(x); }
};
#elif defined(ACTFN_SLEEF_ISA_sse2)
#  define ACTFN_SLEEF_TABLES sleef_tables_sse2
struct ops_f {
  using V = __m128;
  using S = float;
  static constexpr std::size_t w = 4;
  static V load(const S* p) { return _mm_loadu_ps(p); }
  static void store(S* p, V v) { _mm_storeu_ps(p, v); }
  static V set1(S s) { return _mm_set1_ps(s); }
  static V max0(V x) { return _mm_max_ps(x, _mm_setzero_ps()); }
  static V select_pos(V x, V a, V b) {
    const V m = _mm_cmpgt_ps(x, _mm_setzero_ps());
    return _mm_or_ps(_mm_and_ps(m, a), _mm_andnot_ps(m, b));
  }
  static V exp(V x) { return Sleef_expf4_u10sse2(x); }
  static V tanh(V x) { return Sleef_tanhf4_u10sse2(x); }
  static V erfc(V x) { return Sleef_erfcf4_u15sse2(x); }
};
struct ops_d {
  using V = __m128d;
  using S = double;
  static constexpr std::size_t w = 2;
  static V load(const S* p) { return _mm_loadu_pd(p); }
  static void store(S* p, V v) { _mm_storeu_pd(p, v); }
  static V set1(S s) { return _mm_set1_pd(s); }
  static V max0(V x) { return _mm_max_pd(x, _mm_setzero_pd()); }
  static V select_pos(V x, V a, V b) {
    const V m = _mm_cmpgt_pd(x, _mm_setzero_pd());
    return _mm_or_pd(_mm_and_pd(m, a), _mm_andnot_pd(m, b));
  }
  static V exp(V x) { return Sleef_expd2_u10sse2(x); }
  static V tanh(V x) { return Sleef_tanhd2_u10sse2(x); }
  static V erfc(V x) { return Sleef_erfcd2_u15sse2(x); }
};
#else
#  error "define one of ACTFN_SLEEF_ISA_sse2, ACTFN_SLEEF_ISA_avx2, ACTFN_SLEEF_ISA_avx512"
#endif

// The activations on one vector; arithmetic through GCC/Clang vector operators.
template <class O> struct act {
  using V = typename O::V;
  using S = typename O::S;
  static V one() { return O::set1(S(1)); }
  static V sig(V x) { return one() / (one() + O::exp(-x)); }
  static V gt_u(V x) {  // sqrt(2/pi) (x + 0.044715 x^3)
    return O::set1(S(0.79788456080286535588)) * (x + O::set1(S(0.044715)) * x * x * x);
  }

  static V f(actfn_bench::fn g, V x) {
    switch (g) {
      case actfn_bench::fn::sigmoid: return sig(x);
      case actfn_bench::fn::relu: return O::max0(x);
      case actfn_bench::fn::leaky_relu: return O::select_pos(x, x, O::set1(S(0.01)) * x);
      case actfn_bench::fn::tanh: return O::tanh(x);
      case actfn_bench::fn::swish: return x / (one() + O::exp(-x));
      case actfn_bench::fn::gelu:
        return O::set1(S(0.5)) * x * O::erfc(-x * O::set1(S(0.70710678118654752440)));
      case actfn_bench::fn::gelu_tanh: return O::set1(S(0.5)) * x * (one() + O::tanh(gt_u(x)));
    }
    return x;
  }

  static V df(actfn_bench::fn g, V x) {
    switch (g) {
      case actfn_bench::fn::sigmoid: {
        const V s = sig(x);
        return s * (one() - s);
      }
      case actfn_bench::fn::relu: return O::select_pos(x, one(), O::set1(S(0)));
      case actfn_bench::fn::leaky_relu: return O::select_pos(x, one(), O::set1(S(0.01)));
      case actfn_bench::fn::tanh: {
        const V t = O::tanh(x);
        return one() - t * t;
      }
      case actfn_bench::fn::swish: {
        const V s = sig(x);
        return s * (one() + x * (one() - s));
      }
      case actfn_bench::fn::gelu:
        return O::set1(S(0.5)) * O::erfc(-x * O::set1(S(0.70710678118654752440))) +
               x * O::set1(S(0.39894228040143267794)) * O::exp(O::set1(S(-0.5)) * x * x);
      case actfn_bench::fn::gelu_tanh: {
        const V t = O::tanh(gt_u(x));
        const V half = O::set1(S(0.5));
        const V k = O::set1(S(0.79788456080286535588));
        const V c3 = O::set1(S(3 * 0.044715));
        return half * (one() + t) + half * x * (one() - t * t) * k * (one() + c3 * x * x);
      }
    }
    return x;
  }
};

// The array loops: whole vectors, then the tail through a zero-padded copy.
template <class O, actfn_bench::fn G> void fwd(const typename O::S* x, typename O::S* y,
                                               std::size_t n) {
  using S = typename O::S;
  std::size_t i = 0;
  for (; i + O::w <= n; i += O::w) O::store(y + i, act<O>::f(G, O::load(x + i)));
  if (i < n) {
    S in[O::w] = {}, res[O::w];
    for (std::size_t j = 0; i + j < n; ++j) in[j] = x[i + j];
    O::store(res, act<O>::f(G, O::load(in)));
    for (std::size_t j = 0; i + j < n; ++j) y[i + j] = res[j];
  }
}

template <class O, actfn_bench::fn G>
void bwd(const typename O::S* x, const typename O::S* dy, typename O::S* dx, std::size_t n) {
  using S = typename O::S;
  std::size_t i = 0;
  for (; i + O::w <= n; i += O::w) {
    O::store(dx + i, O::load(dy + i) * act<O>::df(G, O::load(x + i)));
  }
  if (i < n) {
    S in[O::w] = {}, d[O::w] = {}, res[O::w];
    for (std::size_t j = 0; i + j < n; ++j) {
      in[j] = x[i + j];
      d[j] = dy[i + j];
    }
    O::store(res, O::load(d) * act<O>::df(G, O::load(in)));
    for (std::size_t j = 0; i + j < n; ++j) dx[i + j] = res[j];
  }
}

template <class O> void fill(actfn_bench::peer_kernels<typename O::S>& k) {
  using actfn_bench::fn;
  k = {{fwd<O, fn::sigmoid>, fwd<O, fn::relu>, fwd<O, fn::leaky_relu>, fwd<O, fn::tanh>,
        fwd<O, fn::swish>, fwd<O, fn::gelu>, fwd<O, fn::gelu_tanh>},
       {bwd<O, fn::sigmoid>, bwd<O, fn::relu>, bwd<O, fn::leaky_relu>, bwd<O, fn::tanh>,
        bwd<O, fn::swish>, bwd<O, fn::gelu>, bwd<O, fn::gelu_tanh>}};
}

}  // namespace

namespace actfn_bench {
void ACTFN_SLEEF_TABLES(peer_kernels<float>& f, peer_kernels<double>& d) {
  fill<ops_f>(f);
  fill<ops_d>(d);
}
}  // namespace actfn_bench
