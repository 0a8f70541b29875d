// The scalar and batch paths' loops of every functor the tests use (see support/paths.hpp).
#define ACTFN_TEST_DEFINING_INSTANCES
#include "support/paths.hpp"

ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_PATH_DEFINE, -)
