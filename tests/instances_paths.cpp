// The paths' loops of every functor the tests use (see support/paths.hpp): the scalar and batch
// loops, and the array paths' layouts around the backends' array loops (those are compiled in
// instances_<backend>.cpp and only declared here).
#define ACTFN_TEST_DEFINING_PATHS
#include "support/paths.hpp"

ACTFN_TEST_LOOP_INSTANCES(ACTFN_TEST_PATH_DEFINE, -)
