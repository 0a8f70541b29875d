#ifndef ACTFN_TOOLS_BACKEND_BUILT_HPP
#define ACTFN_TOOLS_BACKEND_BUILT_HPP
// Whether this build compiled a backend at all: each is compiled for its own architecture only,
// and ACTFN_TARGETS (include/actfn/detail/config.hpp) may leave it out. actfn::backend_available
// says more (built, and this CPU runs it); the tools use this to say why one is missing.
#include <actfn/array.hpp>

inline bool backend_built(actfn::backend b) {
  switch (b) {
    case actfn::backend::scalar: return true;
#if defined(ACTFN_HAVE_SSE2_BACKEND)
    case actfn::backend::sse2: return true;
#endif
#if defined(ACTFN_HAVE_AVX2_BACKEND)
    case actfn::backend::avx2: return true;
#endif
#if defined(ACTFN_HAVE_AVX512_BACKEND)
    case actfn::backend::avx512: return true;
#endif
#if defined(ACTFN_HAVE_NEON_BACKEND)
    case actfn::backend::neon: return true;
#endif
    default: return false;
  }
}

#endif
