#ifndef ACTFN_DETAIL_CONFIG_HPP
#define ACTFN_DETAIL_CONFIG_HPP

// Every kernel relies on IEEE-754 semantics: a*b+c must not be fused behind our back (the
// error-free transformations below depend on it, and the scalar and SIMD paths must round
// identically), sums must not be reassociated, and NaN/inf must survive. The caller's flags
// (-ffast-math, -ffp-contract=fast, GCC's default in gnu++ modes) must not reach our code, so
// every header wraps its definitions in ACTFN_PRECISE_BEGIN / ACTFN_PRECISE_END.
//
// clang before 17 ignores float_control on targets without strict-FP support (AArch64 among them,
// with a -Wignored-pragmas warning): the warning is silenced there, and `clang fp reassociate(off)`
// and `contract(off)`, which every target supports, keep the error-free transformations intact.
// NaN tests are on the bits (kernels.inc), so -ffinite-math-only cannot fold them either.
#if defined(__clang__)
#  define ACTFN_PRECISE_BEGIN                                   \
    _Pragma("clang diagnostic push")                            \
    _Pragma("clang diagnostic ignored \"-Wignored-pragmas\"")   \
    _Pragma("float_control(precise, on, push)")                 \
    _Pragma("clang diagnostic pop")                             \
    _Pragma("clang fp contract(off)")                           \
    _Pragma("clang fp reassociate(off)")
#  define ACTFN_PRECISE_END                                     \
    _Pragma("clang diagnostic push")                            \
    _Pragma("clang diagnostic ignored \"-Wignored-pragmas\"")   \
    _Pragma("float_control(pop)")                               \
    _Pragma("clang diagnostic pop")
#elif defined(__GNUC__)
#  define ACTFN_PRECISE_BEGIN                                                           \
    _Pragma("GCC push_options")                                                         \
    _Pragma("GCC optimize(\"no-fast-math\", \"fp-contract=off\", \"no-unsafe-math-optimizations\")")
#  define ACTFN_PRECISE_END _Pragma("GCC pop_options")
#else
#  define ACTFN_PRECISE_BEGIN
#  define ACTFN_PRECISE_END
#endif

#if defined(__GNUC__) || defined(__clang__)
#  define ACTFN_INLINE inline __attribute__((always_inline))
// Off the hot path: a call keeps a rarely taken branch's constants and temporaries out of the
// registers of the loop around it.
#  define ACTFN_COLD inline __attribute__((noinline, cold))
// The common case of a branch, laid out as the fall-through.
#  define ACTFN_LIKELY(condition) __builtin_expect(static_cast<bool>(condition), 1)
#elif defined(_MSC_VER)
#  define ACTFN_INLINE inline
#  define ACTFN_COLD __declspec(noinline) inline
#  define ACTFN_LIKELY(condition) (condition)
#else
#  define ACTFN_INLINE inline
#  define ACTFN_COLD inline
#  define ACTFN_LIKELY(condition) (condition)
#endif

// Registers per group in the SIMD array loops (detail/batch_group.inc): 4 (default), 2 or 1.
// Results do not depend on it, since every lane sees the same operations whatever the group; only
// speed and build time do. Sanitizer builds use 1 or 2: instrumented, a loop of four grouped
// kernels takes GCC 12 over ten minutes to compile.
#ifndef ACTFN_GROUP_REGISTERS
#  define ACTFN_GROUP_REGISTERS 4
#endif
static_assert(ACTFN_GROUP_REGISTERS == 1 || ACTFN_GROUP_REGISTERS == 2 || ACTFN_GROUP_REGISTERS == 4,
              "ACTFN_GROUP_REGISTERS: 1, 2 or 4");

#if defined(__x86_64__) || defined(_M_X64)
#  define ACTFN_ARCH_X86_64 1
#endif
#if defined(__aarch64__)
#  define ACTFN_ARCH_AARCH64 1
#endif

#endif
