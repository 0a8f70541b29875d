// libFuzzer target: the array API against the scalar functors, on every backend this host runs.
//
// One input is one call: the bytes choose the function (sigmoid, relu, leaky_relu, tanh, swish,
// silu, gelu, gelu_tanh), the tier (actfn::X or actfn::fast::X), the value type, the direction,
// the parameter (leaky_relu alpha, swish beta), a length n in [0, 300], where each array starts
// (0..15 elements past a 64-byte boundary), whether the output aliases an input (y == x;
// dx == x; dx == dy), and the inputs themselves as bit patterns, so that NaNs of any payload,
// infinities, subnormals and -0 come up as often as ordinary values. Then, for every backend
// with actfn::backend_available(b):
//
//   actfn::forward(b, f, x, y, n)         y[i]  must be f(x[i])                     (the functor)
//   actfn::backward(b, f, x, dy, dx, n)   dx[i] must be dy[i] * f.derivative(x[i])  (SEMANTICS.md:
//                                         the product of the two T values, rounded once)
//
// bit for bit, with NaN results judged by nan_results_agree() below; and nothing outside
// [0, n) of any array may change (the arrays carry guard elements before and after, or end at
// the allocation's end so that ASan sees a read or write past it). A mismatch prints what the
// call was and the bits of the input and both results, and aborts.
//
// Build and run: scripts/fuzz.sh; the committed corpus and how it was grown: tests/fuzz/README.md.
#include <actfn/actfn.hpp>
#include <actfn/fast.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <vector>

#include "../support/fp.hpp"

using actfn_test::bits_t;
using actfn_test::fp;
using actfn_test::from_bits;
using actfn_test::is_nan;
using actfn_test::to_bits;

// Everything but the entry point. In a named namespace, not an unnamed one: scripts/fuzz.sh
// compiles this file as two translation units, one per value type (ACTFN_FUZZ_PART below), and
// the float one calls the double one's dispatch<double>.
namespace actfn_fuzz {

inline constexpr std::size_t max_n = 300;
// Elements before an array (its offset), and guard elements after it: at most this many.
inline constexpr std::size_t max_offset = 15;

// ---- reading the input ---------------------------------------------------------------------

// The input's bytes, then, once they run out, a splitmix64 stream seeded from them: a short
// input still describes a long array (every tail length and group count of the SIMD loops),
// and the same input always describes the same call.
class byte_reader {
 public:
  byte_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {
    std::uint64_t h = 0xcbf29ce484222325ull ^ size;  // FNV-1a
    for (std::size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 0x100000001b3ull;
    state_ = h;
  }
  std::uint8_t byte() {
    if (pos_ < size_) return data_[pos_++];
    if (left_ == 0) {
      std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      pool_ = z ^ (z >> 31);
      left_ = 8;
    }
    --left_;
    const auto b = static_cast<std::uint8_t>(pool_);
    pool_ >>= 8;
    return b;
  }
  template <class U> U bits() {  // an unsigned integer of sizeof(U) bytes, little-endian
    U v = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) v = static_cast<U>(v | (U(byte()) << (8 * i)));
    return v;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
  std::uint64_t state_, pool_ = 0;
  int left_ = 0;
};

// Values where the kernels change behaviour, as magnitudes: central-range limits of the
// logistic's argument (-80 and -120 in float, -700 and -800 in double), of sigmoid' and tanh'
// (80/700, 40/350), of gelu (12, 14.75 in float; 36, 39 in double), exp's overflow and
// subnormal limits, the derivative roots, where tanh saturates, the fast tier's |x| = 10.
constexpr double cut_offs[] = {
    0.125,          0.5,           1.0,           2.0,          3.0,
    5.0,            6.0,           9.010913,      10.0,         12.0,
    14.75,          19.061547,     36.0,          39.0,         40.0,
    80.0,           87.336544,     88.722839,     103.972084,   120.0,
    350.0,          700.0,         708.396418,    709.782712,   745.133219,
    800.0,          0.7517915247,  0.7524614221,  1.2784645428, 1e-4,
    1e-8,           37.5};
constexpr std::size_t cut_off_count = sizeof cut_offs / sizeof cut_offs[0];

// The special values of T: zeros, infinities, quiet and signalling NaNs of both signs with
// several payloads, the subnormal and normal extremes, 1 and epsilon.
constexpr std::size_t special_count = 24;
template <class T> T special(std::size_t k) {
  using B = bits_t<T>;
  using L = std::numeric_limits<T>;
  const B sign = actfn_test::sign_mask<T>(), exponent = actfn_test::exponent_mask<T>();
  const B quiet = B(B(1) << (fp<T>::p - 2));
  const T values[special_count] = {
      T(0),
      from_bits<T>(sign),
      L::infinity(),
      -L::infinity(),
      from_bits<T>(exponent | quiet),                   // the default quiet NaN
      from_bits<T>(sign | exponent | quiet),
      from_bits<T>(exponent | 1),                       // signalling, smallest payload
      from_bits<T>(sign | exponent | B(0x2345)),
      from_bits<T>(exponent | quiet | B(quiet - 1)),    // quiet, every payload bit set
      from_bits<T>(sign | exponent | B(quiet - 1)),     // signalling, every payload bit set
      L::denorm_min(),
      -L::denorm_min(),
      from_bits<T>(B(quiet * 2 - 1)),                   // the largest subnormal
      from_bits<T>(B(sign | B(quiet * 2 - 1))),
      L::min(),
      -L::min(),
      L::max(),
      -L::max(),
      T(1),
      T(-1),
      L::epsilon(),
      -L::epsilon(),
      from_bits<T>(exponent | quiet | B(0x11)),
      from_bits<T>(exponent | B(quiet / 2)),           // signalling, top payload bit only
  };
  return values[k % special_count];
}

// x moved by `delta` representable values away from zero (towards zero for delta < 0), keeping
// its sign; a step that would leave the finite range or cross zero stops at its end.
template <class T> T nudge(T x, int delta) {
  using B = bits_t<T>;
  const B sign = B(to_bits(x) & actfn_test::sign_mask<T>());
  const B mag = B(to_bits(x) & B(actfn_test::sign_mask<T>() - 1));
  const B top = to_bits(std::numeric_limits<T>::max());
  B m = mag;
  if (delta >= 0) m = B(top - mag < B(delta) ? top : mag + B(delta));
  else m = B(mag < B(-delta) ? 0 : mag - B(-delta));
  return from_bits<T>(B(sign | m));
}

// One input value. The first byte chooses how the rest is read:
//   00xxxxxx  a special value of T
//   01sxxxxx  a cut-off (sign s), moved by a signed byte's worth of ULPs
//   10seeeee  sign s, exponent e - 20 (|x| in [2^-20, 2^12)), the significand from the input
//   11xxxxxx  any bit pattern
template <class T> T read_value(byte_reader& in) {
  using B = bits_t<T>;
  const std::uint8_t c = in.byte();
  const B sign = (c & 0x20) ? actfn_test::sign_mask<T>() : B(0);
  switch (c >> 6) {
    case 0: return special<T>(c & 0x3f);
    case 1: {
      const T v = static_cast<T>(cut_offs[(c & 0x1f) % cut_off_count]);
      const auto delta = static_cast<std::int8_t>(in.byte());
      return nudge(from_bits<T>(B(to_bits(v) | sign)), delta);
    }
    case 2: {
      const int bias = std::numeric_limits<T>::max_exponent - 1;
      const B exponent = B(B((c & 0x1f) - 20 + bias) << (fp<T>::p - 1));
      const B significand = B(in.bits<B>() & B((B(1) << (fp<T>::p - 1)) - 1));
      return from_bits<T>(B(sign | exponent | significand));
    }
    default: return from_bits<T>(in.bits<B>());
  }
}

// leaky_relu's alpha: any double whose value in T is finite (its contract: alpha rounded to T),
// or one of the values the unit tests use and a few edges.
template <class T> double read_alpha(byte_reader& in) {
  static constexpr double listed[] = {0.0,   0.01, 0.2,      1.0,       -0.5,   2.0,
                                      100.0, -0.0, 0x1p-140, 0x1p-1070, 3.0e38, -1.0};
  const std::uint8_t s = in.byte();
  const double raw = from_bits<double>(in.bits<std::uint64_t>());
  const double limit = static_cast<double>(std::numeric_limits<T>::max());
  double alpha = listed[(s / 4) % (sizeof listed / sizeof listed[0])];
  if (s % 4 != 0 && actfn_test::is_finite(raw) && raw <= limit && raw >= -limit) alpha = raw;
  return alpha;
}

// swish's beta: 0, or 2^-10 <= |beta| <= 2^10, either sign (the range of swish's accuracy
// bound, functions.hpp): the listed values, or a sign, an exponent in [-10, 9] and any
// significand from the input.
inline double read_beta(byte_reader& in) {
  static constexpr double listed[] = {1.0,     0.5,    1.702,    2.0,     0.0,     -1.0,
                                      0x1p-10, 0x1p10, -0x1p-10, -0x1p10, 1.0 / 3, -1.702};
  const std::uint8_t s = in.byte();
  const std::uint8_t e = in.byte();
  const std::uint64_t significand = in.bits<std::uint64_t>() & ((std::uint64_t(1) << 52) - 1);
  if (s % 4 == 0) return listed[(s / 4) % (sizeof listed / sizeof listed[0])];
  const std::uint64_t exponent = std::uint64_t(1023 + (e % 20) - 10) << 52;
  const std::uint64_t sign = (s & 0x80) ? std::uint64_t(1) << 63 : 0;
  return from_bits<double>(sign | exponent | significand);
}

// ---- the call and the checks -----------------------------------------------------------------

enum class aliasing { none, output_is_x, output_is_dy };

struct call {
  const char* function;
  bool fast;
  bool backward;
  aliasing alias;
  const char* param_name;  // nullptr: no parameter
  double param;
  std::size_t n;
  std::size_t offset_x, offset_dy, offset_out, guard_after;
};

inline const char* alias_name(aliasing a, bool backward) {
  switch (a) {
    case aliasing::none: return "none";
    case aliasing::output_is_x: return backward ? "dx == x" : "y == x";
    case aliasing::output_is_dy: return "dx == dy";
  }
  return "?";
}

// An array of `size` T starting at a 64-byte boundary, allocated with exactly that many
// elements: an access past the end is ASan's to report.
template <class T> class aligned_array {
 public:
  explicit aligned_array(std::size_t size)
      : data_(static_cast<T*>(::operator new(size * sizeof(T), std::align_val_t(64)))),
        size_(size) {}
  ~aligned_array() { ::operator delete(data_, std::align_val_t(64)); }
  aligned_array(const aligned_array&) = delete;
  aligned_array& operator=(const aligned_array&) = delete;
  T* data() { return data_; }
  std::size_t size() const { return size_; }
  void assign(const std::vector<T>& v) {
    if (size_ != 0) std::memcpy(data_, v.data(), size_ * sizeof(T));
  }

 private:
  T* data_;
  std::size_t size_;
};

// A quiet NaN with a payload of its own for each array's guard elements: a guard element that
// changes, or that lands in an output, names its array.
template <class T> T guard(unsigned tag) {
  return from_bits<T>(bits_t<T>(actfn_test::exponent_mask<T>() | (bits_t<T>(1) << (fp<T>::p - 2)) |
                                bits_t<T>(0xa110 + tag)));
}

template <class T>
[[noreturn]] void report(const call& c, actfn::backend b, const char* what, std::size_t i, T x,
                         T dy, T want, T got) {
  std::fprintf(stderr,
               "actfn differential mismatch: %s\n"
               "  %s%s %s (%s%s%.17g), %s, backend %s, n = %zu, offsets x %zu dy %zu out %zu, "
               "%zu guard elements after, aliasing: %s\n"
               "  index %zu: x = %s (%a)",
               what, c.fast ? "fast::" : "", c.function, c.backward ? "backward" : "forward",
               c.param_name ? c.param_name : "no parameter", c.param_name ? " = " : ", ",
               c.param_name ? c.param : 0.0, fp<T>::name, actfn::backend_name(b), c.n, c.offset_x,
               c.offset_dy, c.offset_out, c.guard_after, alias_name(c.alias, c.backward), i,
               actfn_test::bits_hex(x).c_str(), static_cast<double>(x));
  if (c.backward)
    std::fprintf(stderr, ", dy = %s (%a)", actfn_test::bits_hex(dy).c_str(),
                 static_cast<double>(dy));
  std::fprintf(stderr, "\n  expected %s (%a), got %s (%a)\n", actfn_test::bits_hex(want).c_str(),
               static_cast<double>(want), actfn_test::bits_hex(got).c_str(),
               static_cast<double>(got));
  std::abort();
}

// Whether two results of which at least one is a NaN agree. The one place that decides it:
//   forward   README "Semantics": f(x) returns the input NaN itself, bit for bit (sign, payload,
//             quiet or signalling), for every function; and no non-NaN input gives a NaN. So
//             both results are NaN, with x's bits.
//   backward  docs/SEMANTICS.md "NaN bits": x's NaN quieted where x is NaN, else dy's NaN
//             quieted, else (dy = +-inf times f'(x) = 0) the positive quiet NaN with no payload.
template <class T> bool nan_results_agree(bool backward, T x, T dy, T want, T got) {
  if (!is_nan(want) || !is_nan(got)) return false;
  if (!backward) return to_bits(want) == to_bits(x) && to_bits(got) == to_bits(x);
  return to_bits(got) == to_bits(actfn_test::backward_nan(x, dy));
}

template <class T> bool results_agree(bool backward, T x, T dy, T want, T got) {
  if (is_nan(want) || is_nan(got)) return nan_results_agree(backward, x, dy, want, got);
  return to_bits(want) == to_bits(got);
}

template <class F, class T> void run(const F& f, call& c, byte_reader& in) {
  const bool backward = c.backward;
  const std::size_t n = c.n;
  const std::size_t size_x = c.offset_x + n + c.guard_after;
  const std::size_t size_dy = backward ? c.offset_dy + n + c.guard_after : 0;
  // An aliased output is the input's array at the input's offset.
  if (c.alias == aliasing::output_is_x) c.offset_out = c.offset_x;
  if (c.alias == aliasing::output_is_dy) c.offset_out = c.offset_dy;
  const std::size_t size_out = c.alias == aliasing::none ? c.offset_out + n + c.guard_after : 0;

  // The arrays before the call, guard elements included.
  std::vector<T> x0(size_x, guard<T>(1)), dy0(size_dy, guard<T>(2)), out0(size_out, guard<T>(3));
  for (std::size_t i = 0; i < n; ++i) x0[c.offset_x + i] = read_value<T>(in);
  if (backward)
    for (std::size_t i = 0; i < n; ++i) dy0[c.offset_dy + i] = read_value<T>(in);

  // What every backend must return: the functor, element by element.
  std::vector<T> want(n);
  for (std::size_t i = 0; i < n; ++i) {
    const T x = x0[c.offset_x + i];
    want[i] = backward ? dy0[c.offset_dy + i] * f.derivative(x) : f(x);
  }

  aligned_array<T> x(size_x), dy(size_dy), out(size_out);
  aligned_array<T>& result = c.alias == aliasing::output_is_x    ? x
                             : c.alias == aliasing::output_is_dy ? dy
                                                                 : out;
  using actfn::backend;
  const backend every[] = {backend::scalar, backend::sse2, backend::avx2, backend::avx512,
                           backend::neon};
  for (backend b : every) {
    if (!actfn::backend_available(b)) continue;
    x.assign(x0);
    dy.assign(dy0);
    out.assign(out0);
    // n == 0 with null pointers is allowed; every input makes that call too (on its own it
    // would take an input per function, tier, type and direction in the corpus).
    if (backward) actfn::backward<F, T>(b, f, nullptr, nullptr, nullptr, 0);
    else actfn::forward<F, T>(b, f, nullptr, nullptr, 0);
    T* const px = x.data() + c.offset_x;
    T* const pout = result.data() + c.offset_out;
    if (backward) actfn::backward(b, f, px, dy.data() + c.offset_dy, pout, n);
    else actfn::forward(b, f, px, pout, n);

    for (std::size_t i = 0; i < n; ++i) {
      const T got = result.data()[c.offset_out + i];
      const T xi = x0[c.offset_x + i], dyi = backward ? dy0[c.offset_dy + i] : T(0);
      if (!results_agree(backward, xi, dyi, want[i], got))
        report(c, b, "result differs from the scalar functor's", i, xi, dyi, want[i], got);
    }
    // Nothing else changes: the inputs (unless they are the output) and every guard element.
    const auto unchanged = [&](aligned_array<T>& a, const std::vector<T>& before,
                               const char* name) {
      const bool is_result = &a == &result;
      const std::size_t begin = c.offset_out, end = c.offset_out + n;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (is_result && i >= begin && i < end) continue;
        if (to_bits(a.data()[i]) != to_bits(before[i])) {
          std::fprintf(stderr, "actfn differential: element %zu of the %s array (of %zu) changed\n",
                       i, name, a.size());
          report(c, b, "an element outside [0, n) changed", i, before[i], T(0), before[i],
                 a.data()[i]);
        }
      }
    };
    unchanged(x, x0, "x");
    unchanged(dy, dy0, "dy");
    unchanged(out, out0, "output");
  }
}

// run<F, T> with the chosen tier's functor.
template <class T, class Accurate, class Fast>
void run_tier(const Accurate& accurate, const Fast& fast, call& c, byte_reader& in) {
  if (c.fast) run<Fast, T>(fast, c, in);
  else run<Accurate, T>(accurate, c, in);
}

// Function k (0..7) in the chosen tier, with its parameter.
template <class T> void dispatch(std::uint8_t k, call& c, byte_reader& in) {
  static const char* const names[] = {"sigmoid", "relu", "leaky_relu", "tanh",
                                      "swish",   "silu", "gelu",       "gelu_tanh"};
  namespace fast = actfn::fast;
  c.function = names[k];
  switch (k) {
    case 0: return run_tier<T>(actfn::sigmoid{}, fast::sigmoid{}, c, in);
    case 1: return run_tier<T>(actfn::relu{}, fast::relu{}, c, in);
    case 2:
      c.param_name = "alpha";
      c.param = read_alpha<T>(in);
      return run_tier<T>(actfn::leaky_relu{c.param}, fast::leaky_relu{c.param}, c, in);
    case 3: return run_tier<T>(actfn::tanh{}, fast::tanh{}, c, in);
    case 4:
      c.param_name = "beta";
      c.param = read_beta(in);
      return run_tier<T>(actfn::swish{c.param}, fast::swish{c.param}, c, in);
    case 5: return run_tier<T>(actfn::silu{}, fast::silu{}, c, in);
    case 6: return run_tier<T>(actfn::gelu{}, fast::gelu{}, c, in);
    default: return run_tier<T>(actfn::gelu_tanh{}, fast::gelu_tanh{}, c, in);
  }
}

}  // namespace actfn_fuzz

// ACTFN_FUZZ_PART: 0 (or undefined), one translation unit with everything; 1, the entry point
// and float; 2, double alone. A build of the library's kernels for one value type, every
// function, both tiers, both directions and every backend takes most of a minute instrumented:
// two parts build in half the time on two cores.
#ifndef ACTFN_FUZZ_PART
#  define ACTFN_FUZZ_PART 0
#endif
namespace actfn_fuzz {
#if ACTFN_FUZZ_PART == 1
extern template void dispatch<double>(std::uint8_t, call&, byte_reader&);
#elif ACTFN_FUZZ_PART == 2
template void dispatch<double>(std::uint8_t, call&, byte_reader&);
#endif
}  // namespace actfn_fuzz

#if ACTFN_FUZZ_PART != 2
// The input's first bytes, then the parameter (leaky_relu, swish) and the values:
//   0      the function (mod 8)
//   1      bit 0 the fast tier, bit 1 double, bit 2 backward, bits 3-4 the aliasing (2: the
//          output is x; 3: the output is dy, backward only, y == x forward)
//   2, 3   n (mod 301)
//   4      x's offset (low 4 bits), dy's (high 4 bits)
//   5      the output's offset (low 4 bits), guard elements after each array (high 4 bits)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace actfn_fuzz;
  byte_reader in(data, size);
  const std::uint8_t function = in.byte() % 8, flags = in.byte();
  call c{};
  c.fast = flags & 1;
  c.backward = flags & 4;
  const unsigned alias = (flags >> 3) & 3;
  c.alias = alias < 2 ? aliasing::none
            : alias == 2 || !c.backward ? aliasing::output_is_x
                                        : aliasing::output_is_dy;
  c.n = in.bits<std::uint16_t>() % (max_n + 1);
  const std::uint8_t offsets = in.byte(), out_and_guard = in.byte();
  c.offset_x = offsets & max_offset;
  c.offset_dy = (offsets >> 4) & max_offset;
  c.offset_out = out_and_guard & max_offset;
  c.guard_after = (out_and_guard >> 4) & max_offset;
  if (flags & 2) dispatch<double>(function, c, in);
  else dispatch<float>(function, c, in);
  return 0;
}
#endif
