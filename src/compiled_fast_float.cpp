// actfn_compiled: the array API of the fast float functors (compiled.inc).
#define ACTFN_COMPILED_PART 2
#include "compiled.inc"
