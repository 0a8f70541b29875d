// backends: which of actfn's backends this build has and this CPU runs, one line each.
//
//   backends             every backend: "NAME: runs here" or "NAME: NOT on this host (why)", then
//                        what the array API runs and why (actfn::dispatch_report())
//   backends --missing   only the names of the backends that cannot run here, one per line
//
// CI prints the first at its start and turns the second into its "NOT TESTED on this host" lines.
#include <actfn/array.hpp>

#include "backend_built.hpp"

#include <cstdio>
#include <cstring>
#include <initializer_list>

namespace {

const char* why_missing(actfn::backend b) {
#if defined(ACTFN_ARCH_X86_64)
  if (b != actfn::backend::neon && !backend_built(b)) return "not in this build: ACTFN_TARGETS leaves it out";
  switch (b) {
    case actfn::backend::avx2: return "the CPU lacks AVX2 or FMA";
    case actfn::backend::avx512: return "the CPU lacks AVX-512 F, DQ, BW or VL";
    case actfn::backend::neon: return "not an AArch64 build";
    default: return "not in this build";
  }
#elif defined(ACTFN_ARCH_AARCH64)
  return b == actfn::backend::neon ? "not in this build: ACTFN_TARGETS leaves it out" : "not an x86-64 build";
#else
  return "no SIMD backend for this architecture";
#endif
}

}  // namespace

int main(int argc, char** argv) {
  const bool missing_only = argc > 1 && std::strcmp(argv[1], "--missing") == 0;
  if (argc > 1 && !missing_only) {
    std::fprintf(stderr, "usage: %s [--missing]\n", argv[0]);
    return 2;
  }
  for (actfn::backend b : {actfn::backend::scalar, actfn::backend::sse2, actfn::backend::avx2,
                           actfn::backend::avx512, actfn::backend::neon}) {
    const bool runs = actfn::backend_available(b);
    if (missing_only) {
      if (!runs) std::printf("%s\n", actfn::backend_name(b));
    } else if (runs) {
      std::printf("%s: runs here%s\n", actfn::backend_name(b),
                  b == actfn::active_backend() ? " (the array API's default)" : "");
    } else {
      std::printf("%s: NOT on this host (%s)\n", actfn::backend_name(b), why_missing(b));
    }
  }
  if (!missing_only) {
    const actfn::dispatch_info d = actfn::dispatch_report();
    std::printf("dispatch: %s (%s%s%s%s)\n", actfn::backend_name(d.active), d.reason,
                d.requested ? "; ACTFN_ARCH='" : "", d.requested ? d.requested : "", d.requested ? "'" : "");
  }
  return 0;
}
