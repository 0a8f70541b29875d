// The portable array loops of every functor the tests use (see support/instances.hpp).
#define ACTFN_TEST_DEFINING_INSTANCES
#include "support/instances.hpp"

#if 1
ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_LOOP_DEFINE, portable)
#endif
