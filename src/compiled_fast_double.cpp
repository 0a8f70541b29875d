// actfn_compiled: the array API of the fast double functors (compiled.inc).
#define ACTFN_COMPILED_PART 3
#include "compiled.inc"
