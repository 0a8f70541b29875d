#ifndef ACTFN_DETAIL_FP_ENVIRONMENT_HPP
#define ACTFN_DETAIL_FP_ENVIRONMENT_HPP
// The default floating-point environment, entered around work whose result must not depend on
// the caller's: round to nearest, no flush-to-zero or denormals-are-zero, every exception masked.
// The array API runs its loops inside default_fp_environment; the scalar functors run their
// ordinary inputs without it when the caller rounds to nearest, and everything else inside it
// (scalar_kernels.hpp).
//
// The control register is read and written with inline assembly rather than <xmmintrin.h>: the
// scalar functors' headers then pull in no intrinsics header, and the instructions are the same
// (legacy SSE encoding, valid on every x86-64) whatever -m flags the caller's TU has.
#include <cstdint>
#include <cstring>

#include "config.hpp"
#include "scalar_ops.hpp"

ACTFN_PRECISE_BEGIN
namespace actfn {
namespace detail {
ACTFN_ISA_BEGIN

#if defined(ACTFN_ARCH_X86_64) && (defined(__GNUC__) || defined(__clang__))
ACTFN_INLINE unsigned read_mxcsr() noexcept {
  unsigned v;
  __asm__ __volatile__("stmxcsr %0" : "=m"(v));
  return v;
}
ACTFN_INLINE void write_mxcsr(unsigned v) noexcept { __asm__ __volatile__("ldmxcsr %0" : : "m"(v) : "memory"); }
// MXCSR: bits 0-5 the status flags (invalid, denormal, divide-by-zero, overflow, underflow,
// inexact), 6 DAZ, 7-12 the exception masks, 13-14 the rounding mode, 15 FTZ.
constexpr unsigned mxcsr_flag_bits = 0x3fu;
constexpr unsigned mxcsr_kept_flags = 0x30u;  // underflow, inexact
constexpr unsigned mxcsr_control_bits = 0xffc0u;
constexpr unsigned mxcsr_default_control = 0x1f80u;  // every exception masked, nearest

#elif defined(ACTFN_ARCH_AARCH64) && (defined(__GNUC__) || defined(__clang__))
ACTFN_INLINE std::uint64_t read_fpcr() noexcept {
  std::uint64_t v;
  __asm__ __volatile__("mrs %0, fpcr" : "=r"(v));
  return v;
}
#endif

// True when the caller rounds to nearest, found by arithmetic rather than by reading the control
// register: that read (stmxcsr) cost a fast-tier scalar sigmoid a fifth of its speed on an Intel
// Xeon (bench/NOTES.md 57), this test a few instructions that depend on no input. 1 + 3/4 ulp
// rounds up and 1 + 1/4 ulp down only to nearest: upward breaks the second, downward and toward
// zero the first. Both sums in one vector addition, compared as one 64-bit word.
ACTFN_INLINE bool rounding_to_nearest() noexcept {
#if defined(__GNUC__) || defined(__clang__)
  using pair = float __attribute__((vector_size(16)));
  pair ones = {1.0f, 1.0f, 0.0f, 0.0f};
#  if defined(ACTFN_ARCH_X86_64)
  __asm__("" : "+x"(ones));
#  elif defined(ACTFN_ARCH_AARCH64)
  __asm__("" : "+w"(ones));
#  else
  __asm__("" : "+m"(ones));
#  endif
  const pair sums = ones + pair{0x1.8p-24f, 0x1p-25f, 0.0f, 0.0f};
  std::uint64_t low;
  std::memcpy(&low, &sums, sizeof low);
  return low == (std::uint64_t(to_bits(1.0f)) << 32 | to_bits(0x1.000002p0f));
#else
  const float one = opaque(1.0f);
  return to_bits(opaque(one + opaque(0x1.8p-24f))) == to_bits(0x1.000002p0f) &&
         to_bits(opaque(one + opaque(0x1p-25f))) == to_bits(1.0f);
#endif
}

// On entry: reads the control register, and only where the caller's differs from the default
// sets the default. On exit: the caller's control comes back as it was, and of the status flags
// raised inside only underflow and inexact are kept. Invalid, divide-by-zero and overflow (and
// x86's denormal-operand) there come from lanes computed and then discarded (the central formula
// beside the tails, NaN compares, x^3 of a large x), so they are dropped, and so is the overflow
// of a leaky_relu product with |alpha| > 1 in the array API. Results are then the same bits under
// any rounding mode and under FTZ/DAZ (set by every -ffast-math executable), and a caller's traps
// never fire inside. Cost, in the default environment: two reads of the register (a few cycles).
class default_fp_environment {
 public:
  default_fp_environment(const default_fp_environment&) = delete;
  default_fp_environment& operator=(const default_fp_environment&) = delete;
#if defined(ACTFN_ARCH_X86_64) && (defined(__GNUC__) || defined(__clang__))
  ACTFN_INLINE default_fp_environment() noexcept : saved_(read_mxcsr()) {
    if ((saved_ & mxcsr_control_bits) != mxcsr_default_control)
      write_mxcsr(mxcsr_default_control | (saved_ & mxcsr_flag_bits));
    // Nothing of the work moves above this point: every input is loaded after it.
    __asm__ __volatile__("" ::: "memory");
  }
  ACTFN_INLINE ~default_fp_environment() {
    __asm__ __volatile__("" ::: "memory");  // ... and every result is stored before this one
    const unsigned now = read_mxcsr();
    const unsigned restored = saved_ | (now & mxcsr_kept_flags);
    if (now != restored) write_mxcsr(restored);
  }

 private:
  unsigned saved_;
#elif defined(ACTFN_ARCH_AARCH64) && (defined(__GNUC__) || defined(__clang__))
  ACTFN_INLINE default_fp_environment() noexcept : control_(read_fpcr()) {
    __asm__ __volatile__("mrs %0, fpsr" : "=r"(status_));
    if (control_ != 0) __asm__ __volatile__("msr fpcr, %0" : : "r"(std::uint64_t(0)) : "memory");
    __asm__ __volatile__("" ::: "memory");
  }
  ACTFN_INLINE ~default_fp_environment() {
    __asm__ __volatile__("" ::: "memory");
    if (control_ != 0) __asm__ __volatile__("msr fpcr, %0" : : "r"(control_) : "memory");
    std::uint64_t now;
    __asm__ __volatile__("mrs %0, fpsr" : "=r"(now));
    const std::uint64_t restored = status_ | (now & kept_flags);
    if (now != restored) __asm__ __volatile__("msr fpsr, %0" : : "r"(restored) : "memory");
  }

 private:
  // FPSR bits 0-4 and 7: invalid, divide-by-zero, overflow, underflow, inexact, input denormal.
  static constexpr std::uint64_t kept_flags = 0x18u;  // underflow, inexact
  std::uint64_t control_, status_;
#else
  // User-provided, so that the guard is not an unused trivial variable where it does nothing.
  ACTFN_INLINE default_fp_environment() noexcept {}
  ACTFN_INLINE ~default_fp_environment() {}
#endif
};

ACTFN_ISA_END
}  // namespace detail
}  // namespace actfn
ACTFN_PRECISE_END

#endif
