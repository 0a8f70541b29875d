// The sse2 array loops of every functor the tests use (see support/instances.hpp).
#define ACTFN_TEST_DEFINING_INSTANCES
#include "support/instances.hpp"

#if defined(ACTFN_HAVE_SSE2_BACKEND)
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DEFINE, sse2_kernels)
#endif
