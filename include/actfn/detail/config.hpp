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
// NaN tests are on the bits or unordered compares in asm statements (operations.inc), so
// -ffinite-math-only cannot fold them either.
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
#  define ACTFN_NOINLINE inline __attribute__((noinline))
// Off the hot path: a call keeps a rarely taken branch's constants and temporaries out of the
// registers of the loop around it.
#  define ACTFN_COLD inline __attribute__((noinline, cold))
// The common case of a branch, laid out as the fall-through.
#  define ACTFN_LIKELY(condition) __builtin_expect(static_cast<bool>(condition), 1)
#elif defined(_MSC_VER)
#  define ACTFN_INLINE inline
#  define ACTFN_NOINLINE __declspec(noinline) inline
#  define ACTFN_COLD __declspec(noinline) inline
#  define ACTFN_LIKELY(condition) (condition)
#else
#  define ACTFN_INLINE inline
#  define ACTFN_NOINLINE inline
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

// ACTFN_TARGETS: which SIMD backends this build compiles, an OR of the ACTFN_TARGET_* bits below
// (default: all of them; each is compiled only where the target architecture has it, so the
// default means sse2, avx2 and avx512 on x86-64 and neon on AArch64). The scalar backend is always
// there. A backend left out costs no compile time (x86-64 without any of the three does not even
// parse <immintrin.h>), is reported unavailable by actfn::backend_available, and its batch types
// do not exist; the array API runs the widest backend that remains. Results do not change: every
// backend returns the same bits. Example: -DACTFN_TARGETS=ACTFN_TARGET_AVX2 in a build that only
// ships to AVX2 machines (the scalar backend remains for a CPU without it).
#define ACTFN_TARGET_SSE2 0x1
#define ACTFN_TARGET_AVX2 0x2
#define ACTFN_TARGET_AVX512 0x4
#define ACTFN_TARGET_NEON 0x8
#define ACTFN_TARGETS_ALL (ACTFN_TARGET_SSE2 | ACTFN_TARGET_AVX2 | ACTFN_TARGET_AVX512 | ACTFN_TARGET_NEON)
#ifndef ACTFN_TARGETS
#  define ACTFN_TARGETS ACTFN_TARGETS_ALL
#endif
#if (ACTFN_TARGETS) & ~ACTFN_TARGETS_ALL
#  error "ACTFN_TARGETS: an OR of ACTFN_TARGET_SSE2, ACTFN_TARGET_AVX2, ACTFN_TARGET_AVX512, ACTFN_TARGET_NEON"
#endif

// ISA-safe linking. Inline functions and templates are emitted as weak symbols in every
// translation unit that uses them, and the linker keeps one copy for the whole program: if two
// TUs were built with different -m flags, a baseline TU could end up calling a copy that uses
// AVX. So every function whose machine code depends on the compile flags' instruction set is
// declared inside ACTFN_ISA_BEGIN / ACTFN_ISA_END, an inline namespace whose name spells those
// flags (users still write actfn::forward, actfn::detail::... resolves the same): TUs built with
// different flags then share no such symbol. Types (the functors, actfn::backend, the batch
// types) stay outside, so that they remain one type across the program; their member templates
// that run kernels take detail::isa_tag as a defaulted template argument, which puts the same
// name into their symbols. ACTFN_GROUP_REGISTERS changes the loops' bodies, so it is part of the
// name too. tests/link checks that a baseline, an x86-64-v3 and an x86-64-v4 TU linked together
// share no weak symbol whose code is SSE in one object and VEX or EVEX in another.
#define ACTFN_ISA_CAT2(a, b) a##b
#define ACTFN_ISA_CAT(a, b) ACTFN_ISA_CAT2(a, b)
#if defined(ACTFN_ARCH_X86_64)
#  if defined(__AVX512F__)
#    define ACTFN_ISA_LEVEL x86_avx512
#  elif defined(__AVX2__)
#    define ACTFN_ISA_LEVEL x86_avx2
#  elif defined(__AVX__)
#    define ACTFN_ISA_LEVEL x86_avx
#  elif defined(__SSE4_2__)
#    define ACTFN_ISA_LEVEL x86_sse42
#  elif defined(__SSE4_1__)
#    define ACTFN_ISA_LEVEL x86_sse41
#  elif defined(__SSSE3__)
#    define ACTFN_ISA_LEVEL x86_ssse3
#  elif defined(__SSE3__)
#    define ACTFN_ISA_LEVEL x86_sse3
#  else
#    define ACTFN_ISA_LEVEL x86_sse2
#  endif
// Extensions the compiler may use on their own, outside the level above.
#  if defined(__FMA__)
#    define ACTFN_ISA_X1 _fma
#  else
#    define ACTFN_ISA_X1
#  endif
#  if defined(__F16C__)
#    define ACTFN_ISA_X2 _f16c
#  else
#    define ACTFN_ISA_X2
#  endif
#  if defined(__BMI2__)
#    define ACTFN_ISA_X3 _bmi2
#  elif defined(__BMI__)
#    define ACTFN_ISA_X3 _bmi
#  else
#    define ACTFN_ISA_X3
#  endif
#  if defined(__LZCNT__) || defined(__POPCNT__)
#    define ACTFN_ISA_X4 _cnt
#  else
#    define ACTFN_ISA_X4
#  endif
#  if defined(__AVX512DQ__) && defined(__AVX512BW__) && defined(__AVX512VL__)
#    define ACTFN_ISA_X5 _dqbwvl
#  elif defined(__AVX512F__)
#    define ACTFN_ISA_X5 _f
#  else
#    define ACTFN_ISA_X5
#  endif
#  if defined(__AVX512FP16__) || defined(__AVX512BF16__)
#    define ACTFN_ISA_X6 _h
#  else
#    define ACTFN_ISA_X6
#  endif
#elif defined(ACTFN_ARCH_AARCH64)
#  define ACTFN_ISA_LEVEL arm64
#  if defined(__ARM_FEATURE_FP16_VECTOR_ARITHMETIC)
#    define ACTFN_ISA_X1 _fp16
#  else
#    define ACTFN_ISA_X1
#  endif
#  if defined(__ARM_FEATURE_BF16)
#    define ACTFN_ISA_X2 _bf16
#  else
#    define ACTFN_ISA_X2
#  endif
#  if defined(__ARM_FEATURE_SVE)
#    define ACTFN_ISA_X3 _sve
#  else
#    define ACTFN_ISA_X3
#  endif
#  define ACTFN_ISA_X4
#  define ACTFN_ISA_X5
#  define ACTFN_ISA_X6
#else
#  define ACTFN_ISA_LEVEL generic
#  define ACTFN_ISA_X1
#  define ACTFN_ISA_X2
#  define ACTFN_ISA_X3
#  define ACTFN_ISA_X4
#  define ACTFN_ISA_X5
#  define ACTFN_ISA_X6
#endif
// The backends ACTFN_TARGETS leaves out change what the array API dispatches to, so they are part
// of the name too (nothing is added for the default).
#if (ACTFN_TARGETS) & ACTFN_TARGET_SSE2
#  define ACTFN_ISA_T1
#else
#  define ACTFN_ISA_T1 _nosse2
#endif
#if (ACTFN_TARGETS) & ACTFN_TARGET_AVX2
#  define ACTFN_ISA_T2
#else
#  define ACTFN_ISA_T2 _noavx2
#endif
#if (ACTFN_TARGETS) & ACTFN_TARGET_AVX512
#  define ACTFN_ISA_T3
#else
#  define ACTFN_ISA_T3 _noavx512
#endif
#if (ACTFN_TARGETS) & ACTFN_TARGET_NEON
#  define ACTFN_ISA_T4
#else
#  define ACTFN_ISA_T4 _noneon
#endif
#define ACTFN_ISA_TARGETS ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_T1, ACTFN_ISA_T2), ACTFN_ISA_T3), ACTFN_ISA_T4)
#define ACTFN_ISA_NAMESPACE                                                                      \
  ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_CAT(            \
      ACTFN_ISA_CAT(ACTFN_ISA_CAT(ACTFN_ISA_CAT(isa_, ACTFN_ISA_LEVEL), ACTFN_ISA_X1), ACTFN_ISA_X2), \
      ACTFN_ISA_X3), ACTFN_ISA_X4), ACTFN_ISA_X5), ACTFN_ISA_X6), ACTFN_ISA_CAT(_g, ACTFN_GROUP_REGISTERS)), \
      ACTFN_ISA_TARGETS)
#define ACTFN_ISA_BEGIN inline namespace ACTFN_ISA_NAMESPACE {
#define ACTFN_ISA_END }

namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN
// The tag the functors' member templates take as a defaulted argument (see above).
struct isa_tag {};
ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn

#endif
