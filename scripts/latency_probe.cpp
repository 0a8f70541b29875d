// Latency and throughput of the zmm instructions actfn's AVX-512 kernels are made of, on this
// CPU: the table scripts/loop_instructions.py --critical-path takes its latencies from, and the
// numbers behind bench/NOTES.md item 49. x86-64 with AVX-512F/DQ only; not part of the build.
//
//     g++ -O2 -std=c++17 -march=native scripts/latency_probe.cpp -o /tmp/latency_probe && /tmp/latency_probe
//
// Latency: one chain of the instruction on its own result. Throughput: twelve independent chains.
// Cycles from a chain of dependent integer adds (one a cycle), so a boosted clock is measured,
// not assumed. Run it pinned (taskset -c 0) on an otherwise idle core.
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace {

using steady = std::chrono::steady_clock;
constexpr long iterations = 20000000;

double ghz = 0;

double elapsed_ns(steady::time_point t0) {
  return std::chrono::duration<double, std::nano>(steady::now() - t0).count();
}

// The operand each step feeds back (v); the other operands are loop-invariant registers. Plain
// blocks, no lambdas: a captured variable would live in memory and time a store and a load.
#define PROBE(name, T, init, step)                                                               \
  {                                                                                              \
    double lat_ns = 1e300, thr_ns = 1e300;                                                       \
    for (int rep = 0; rep < 5; ++rep) {                                                          \
      T v = init;                                                                                \
      asm volatile("" : "+v"(v));                                                                \
      auto t0 = steady::now();                                                                   \
      for (long i = 0; i < iterations; ++i) {                                                    \
        v = step;                                                                                \
        asm volatile("" : "+v"(v));                                                              \
      }                                                                                          \
      lat_ns = std::min(lat_ns, elapsed_ns(t0));                                                 \
      T w[12];                                                                                   \
      for (auto& x : w) x = init;                                                                \
      T w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];                        \
      T w6 = w[6], w7 = w[7], w8 = w[8], w9 = w[9], w10 = w[10], w11 = w[11];                    \
      t0 = steady::now();                                                                        \
      for (long i = 0; i < iterations; ++i) {                                                    \
        v = w0; w0 = step; v = w1; w1 = step; v = w2; w2 = step; v = w3; w3 = step;              \
        v = w4; w4 = step; v = w5; w5 = step; v = w6; w6 = step; v = w7; w7 = step;              \
        v = w8; w8 = step; v = w9; w9 = step; v = w10; w10 = step; v = w11; w11 = step;          \
        asm volatile("" : "+v"(w0), "+v"(w1), "+v"(w2), "+v"(w3), "+v"(w4), "+v"(w5));           \
        asm volatile("" : "+v"(w6), "+v"(w7), "+v"(w8), "+v"(w9), "+v"(w10), "+v"(w11));         \
      }                                                                                          \
      thr_ns = std::min(thr_ns, elapsed_ns(t0));                                                 \
      asm volatile("" ::"v"(v), "v"(w0), "v"(w5), "v"(w11));                                     \
    }                                                                                            \
    std::printf("| %-24s | %5.1f | %5.2f |\n", name, lat_ns * ghz / iterations,                  \
                iterations * 12.0 / (thr_ns * ghz));                                             \
  }

}  // namespace

int main() {
  double ns = 1e300;
  for (int rep = 0; rep < 5; ++rep) {
    long a = 1;
    auto t0 = steady::now();
    for (long i = 0; i < iterations; ++i) asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(a));
    ns = std::min(ns, elapsed_ns(t0));
  }
  ghz = iterations * 4.0 / ns;
  std::printf("clock ~ %.2f GHz (dependent integer adds)\n\n", ghz);
  std::printf("| instruction | latency (cycles) | per cycle (12 chains) |\n|---|--:|--:|\n");
  __m512 one = _mm512_set1_ps(1.0001f), half = _mm512_set1_ps(0.5f);
  __m512d oned = _mm512_set1_pd(1.0001);
  __m512i table = _mm512_set1_epi32(0x11), idx = _mm512_set1_epi32(3);
  asm volatile("" : "+v"(one), "+v"(half), "+v"(oned), "+v"(table), "+v"(idx));
  const __m512 x0 = _mm512_set1_ps(1.5f);
  const __m512d d0 = _mm512_set1_pd(1.5);
  const __m512i i0 = _mm512_set1_epi32(0x3fc00000);
  PROBE("vfmadd231ps", __m512, x0, _mm512_fmadd_ps(v, one, half))
  PROBE("vaddps", __m512, x0, _mm512_add_ps(v, one))
  PROBE("vmulps", __m512, x0, _mm512_mul_ps(v, one))
  PROBE("vminps", __m512, x0, _mm512_min_ps(v, one))
  PROBE("vrangeps", __m512, x0, _mm512_range_ps(v, one, 6))
  PROBE("vfixupimmps", __m512, x0, _mm512_fixupimm_ps(v, one, table, 0))
  PROBE("vscalefps", __m512, x0, _mm512_scalef_ps(v, one))
  PROBE("vdivps", __m512, x0, _mm512_div_ps(one, v))
  PROBE("vdivpd", __m512d, d0, _mm512_div_pd(oned, v))
  PROBE("vrcp14ps", __m512, x0, _mm512_rcp14_ps(v))
  PROBE("vpermps", __m512, x0, _mm512_permutexvar_ps(idx, v))
  PROBE("vpermt2ps", __m512, x0, _mm512_permutex2var_ps(v, idx, one))
  PROBE("vcmpps + vblendmps", __m512, x0, _mm512_mask_blend_ps(_mm512_cmp_ps_mask(v, one, 1), v, one))
  PROBE("vcvtpd2ps + vcvtps2pd", __m512d, d0, _mm512_cvtps_pd(_mm512_cvtpd_ps(v)))
  PROBE("vpaddd", __m512i, i0, _mm512_add_epi32(v, table))
  PROBE("vpslld + vpsrld", __m512i, i0, _mm512_srli_epi32(_mm512_slli_epi32(v, 1), 1))
  PROBE("vpandd", __m512i, i0, _mm512_and_si512(v, i0))
  return 0;
}
