// actfn_compiled: the array API of the accurate float functors (compiled.inc).
#define ACTFN_COMPILED_PART 0
#include "compiled.inc"
