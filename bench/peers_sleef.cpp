// Peer: SLEEF. Registers the `sleef` rows with the kernels of the widest ISA this CPU runs
// (AVX-512F, else AVX2+FMA, else SSE2); the kernels themselves are in peers_sleef_simd.cpp,
// compiled once per ISA. Built only with -DACTFN_BENCH_PEERS=ON and SLEEF found (x86-64).
#include <sleef.h>

#include "peers.hpp"

namespace actfn_bench {
// Defined in peers_sleef_simd.cpp, one per ISA object.
void sleef_tables_avx512(peer_kernels<float>& f, peer_kernels<double>& d);
void sleef_tables_avx2(peer_kernels<float>& f, peer_kernels<double>& d);
void sleef_tables_sse2(peer_kernels<float>& f, peer_kernels<double>& d);
}  // namespace actfn_bench

namespace {

#define ACTFN_BENCH_STR2(x) #x
#define ACTFN_BENCH_STR(x) ACTFN_BENCH_STR2(x)

int register_sleef() {
  actfn_bench::peer_kernels<float> f{};
  actfn_bench::peer_kernels<double> d{};
  const char* isa;
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    actfn_bench::sleef_tables_avx512(f, d);
    isa = "avx512f (Sleef_*f16_u10avx512f, *d8_u10avx512f; erfc u15)";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    actfn_bench::sleef_tables_avx2(f, d);
    isa = "avx2 (Sleef_*f8_u10avx2, *d4_u10avx2; erfc u15)";
  } else {
    actfn_bench::sleef_tables_sse2(f, d);
    isa = "sse2 (Sleef_*f4_u10sse2, *d2_u10sse2; erfc u15)";
  }
  actfn_bench::register_peer("sleef", f);
  actfn_bench::register_peer("sleef", d);
  actfn_bench::add_context("sleef",
                           "SLEEF " ACTFN_BENCH_STR(SLEEF_VERSION_MAJOR) "." ACTFN_BENCH_STR(
                               SLEEF_VERSION_MINOR) "." ACTFN_BENCH_STR(SLEEF_VERSION_PATCHLEVEL));
  actfn_bench::add_context("sleef_isa", isa);
  return 0;
}

const int registered = register_sleef();

}  // namespace
