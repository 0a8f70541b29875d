// How fast a chain of dependent zmm multiply-adds runs when G chains are interleaved, as actfn's
// array loops interleave a batch_group's registers: the measurement behind bench/NOTES.md item 33
// (the kernels are bound by the length of their dependency chains, not by their instruction
// count). x86-64 with AVX-512F only; not part of the build.
//
//     g++ -O2 -std=c++17 scripts/chain_probe.cpp -o /tmp/chain_probe && /tmp/chain_probe
//
// Prints, per (D dependent vfmadd per register, G registers per iteration), cycles per register
// and multiply-adds per cycle; the clock comes from a chain of dependent integer adds (one per
// cycle). Two FMA pipes would give 2 per cycle at best.
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <vector>

using steady = std::chrono::steady_clock;

template <int D, int G>
__attribute__((noinline, target("avx512f"))) void chains(const float* x, float* y, std::size_t n) {
  const __m512 c = _mm512_set1_ps(0.999f), d = _mm512_set1_ps(0.001f);
  for (std::size_t i = 0; i < n; i += 16 * G) {
    __m512 v[G];
#pragma GCC unroll 8
    for (int g = 0; g < G; ++g) v[g] = _mm512_loadu_ps(x + i + 16 * g);
#pragma GCC unroll 64
    for (int j = 0; j < D; ++j) {
#pragma GCC unroll 8
      for (int g = 0; g < G; ++g) v[g] = _mm512_fmadd_ps(v[g], c, d);
    }
#pragma GCC unroll 8
    for (int g = 0; g < G; ++g) _mm512_storeu_ps(y + i + 16 * g, v[g]);
  }
}

// n dependent adds, ten a loop iteration so that the loop's own work stays off the count.
__attribute__((noinline)) long dependent_adds(long n) {
  long a = 0;
  for (long i = 0; i < n; i += 10)
    asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                 "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0"
                 : "+r"(a));
  return a;
}

int main() {
  const std::size_t n = 4096;  // in L1, as the bench's L1 rows
  std::vector<float> x(n, 0.5f), y(n);
  auto t0 = steady::now();
  dependent_adds(1000000000);
  const double ghz = 1e9 / std::chrono::duration<double, std::nano>(steady::now() - t0).count();
  std::printf("clock ~ %.2f GHz (dependent integer adds)\n", ghz);

  struct probe {
    int depth, group;
    void (*run)(const float*, float*, std::size_t);
  };
  const probe probes[] = {{10, 1, chains<10, 1>}, {20, 1, chains<20, 1>}, {10, 4, chains<10, 4>},
                          {20, 4, chains<20, 4>}, {40, 4, chains<40, 4>}, {40, 8, chains<40, 8>}};
  for (const probe& p : probes) {
    std::vector<double> ns_per_register;
    for (int rep = 0; rep < 9; ++rep) {
      auto start = steady::now();
      for (int it = 0; it < 2000; ++it) {
        p.run(x.data(), y.data(), n);
        asm volatile("" ::: "memory");
      }
      ns_per_register.push_back(std::chrono::duration<double, std::nano>(steady::now() - start).count() /
                                (2000.0 * n / 16));
    }
    std::sort(ns_per_register.begin(), ns_per_register.end());
    const double cycles = ns_per_register[4] * ghz;  // median of 9
    std::printf("D = %2d, G = %d: %5.2f cycles per register, %.2f fma per cycle\n", p.depth, p.group, cycles,
                p.depth / cycles);
  }
}
