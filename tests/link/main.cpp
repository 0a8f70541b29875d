// The mixed-ISA link test's program (tests/link/CMakeLists.txt). Built with the baseline flags;
// linked either with the four copies of results.cpp (baseline, x86-64-v3, x86-64-v4, and baseline
// with the SSE2 backend alone; the v3 object first, so that the linker meets its weak symbols
// first) or with the baseline copy alone. Prints
// the hash of the baseline copy, and of each other copy this CPU can run; every hash printed must
// be the same, and the same as the single-TU program's (run_check.sh compares them).
#include <cstdint>
#include <cstdio>

std::uint64_t results_baseline();
#if defined(ACTFN_LINK_MIXED)
std::uint64_t results_v3();
std::uint64_t results_v4();
#endif
#if defined(ACTFN_LINK_SSE2ONLY)
std::uint64_t results_sse2only();
#endif

#if defined(ACTFN_LINK_MIXED)
// Runs one copy where the CPU can, prints its hash; false when it disagrees with the baseline's.
static bool agrees(const char* name, bool cpu_has_it, std::uint64_t (*results)(),
                   std::uint64_t base) {
  if (!cpu_has_it) {
    std::printf("%s not run (this CPU lacks it)\n", name);
    return true;
  }
  const std::uint64_t h = results();
  std::printf("%s %016llx\n", name, static_cast<unsigned long long>(h));
  return h == base;
}
#endif

int main() {
  const std::uint64_t base = results_baseline();
  std::printf("baseline %016llx\n", static_cast<unsigned long long>(base));
  int status = 0;
#if defined(ACTFN_LINK_MIXED)
  __builtin_cpu_init();
  // x86-64-v3's vector and bit-manipulation parts (clang 14 knows no "f16c" feature name here;
  // every CPU with these has F16C, LZCNT and MOVBE too).
  const bool v3 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
                  __builtin_cpu_supports("bmi2");
  const bool v4 = v3 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                  __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  if (!agrees("x86-64-v3", v3, results_v3, base)) status = 1;
  if (!agrees("x86-64-v4", v4, results_v4, base)) status = 1;
#  if defined(ACTFN_LINK_SSE2ONLY)
  if (!agrees("ACTFN_TARGETS=sse2", true, results_sse2only, base)) status = 1;
#  endif
#endif
  if (status != 0) std::printf("the copies built with different flags disagree\n");
  return status;
}
