// actfn_compiled: the array API of the accurate double functors (compiled.inc).
#define ACTFN_COMPILED_PART 1
#include "compiled.inc"
