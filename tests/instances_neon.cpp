// The neon array loops of every functor the tests use (see support/instances.hpp).
#define ACTFN_TEST_DEFINING_INSTANCES
#include "support/instances.hpp"

#if defined(ACTFN_HAVE_NEON_BACKEND)
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DEFINE, neon_kernels)
#endif
