// Exhaustive float sweep: every one of the 2^32 float bit patterns, for each of the 14 float
// functions (forward and derivative of sigmoid, relu, leaky_relu (alpha 0.01), tanh,
// swish (beta 1), gelu, gelu_tanh), computed by the library through the array API
// (actfn::forward, and actfn::backward with dy = 1) and compared with the double reference of
// tools/reference_float.hpp. Checks the contract of docs/SEMANTICS.md:
//   - |error| <= 1 ULP, ULP = spacing of float at the exact result (2^-149 for subnormals),
//   - inside the derivative-root windows |x - x0| <= 1/8: |error| <= 2^-26 instead,
//   - NaN -> NaN, +-inf as in the table, +-0 -> the exact value (sign included), relu/relu'
//     of x <= 0 -> +0, no finite input gives NaN or inf, and outside the root windows every
//     result has the sign of the exact value.
// --tier fast checks actfn::fast::* against its own contract instead (README "The fast tier"):
// 4 ULP for |x| <= 10, 2^-24 in the root windows, beyond |x| = 10 finite with the exact value's
// sign; the special values as above. --tier both checks both tiers in one pass (the reference,
// most of the time, is computed once).
// Prints a markdown table per tier and the elapsed time; exits 1 when a bound is broken, 2 on bad
// usage.
//
//   sweep_float [--tier accurate|fast|both] [--functions a,b,...] [--threads N] [--stride K]
//               [--markdown FILE] [--markdown-fast FILE]
//
// --stride K tests the patterns 0, K, 2K, ... (plus the special values), for quick runs.
#include "reference_float.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#  include <xmmintrin.h>
#  define ACTFN_SWEEP_X86 1
#endif

ACTFN_TOOLS_PRECISE_BEGIN

namespace {

using namespace actfn_tools;

constexpr std::size_t kBlock = 65536;
constexpr int kMaxExamples = 8;

struct example {
  std::uint32_t xbits;
  float y;
  double ref;
  const char* what;
};

struct stats {
  unsigned long long tested = 0;
  double max_ulp = -1;
  std::uint32_t max_ulp_x = 0;
  unsigned long long over1 = 0;
  unsigned long long in_window = 0;
  double max_abs = -1;
  std::uint32_t max_abs_x = 0;
  unsigned long long window_over = 0;
  unsigned long long specials = 0;  // NaN/inf/exact-zero mismatches, finite -> NaN/inf
  std::vector<example> examples;    // the kMaxExamples smallest patterns with a violation

  void note(std::uint32_t xb, float y, double r, const char* what) {
    if (examples.size() == kMaxExamples && xb >= examples.back().xbits) return;
    example e{xb, y, r, what};
    auto it = std::upper_bound(examples.begin(), examples.end(), e,
                               [](const example& a, const example& b) { return a.xbits < b.xbits; });
    examples.insert(it, e);
    if (examples.size() > kMaxExamples) examples.pop_back();
  }
  void merge(const stats& o) {
    tested += o.tested;
    if (o.max_ulp > max_ulp || (o.max_ulp == max_ulp && o.max_ulp_x < max_ulp_x)) {
      max_ulp = o.max_ulp;
      max_ulp_x = o.max_ulp_x;
    }
    over1 += o.over1;
    in_window += o.in_window;
    if (o.max_abs > max_abs || (o.max_abs == max_abs && o.max_abs_x < max_abs_x)) {
      max_abs = o.max_abs;
      max_abs_x = o.max_abs_x;
    }
    window_over += o.window_over;
    specials += o.specials;
    for (const example& e : o.examples) note(e.xbits, e.y, e.ref, e.what);
  }
};

struct params {
  double alpha, beta;         // T(alpha), T(beta) for T = float, as doubles
  double x0[NUM_FN];          // root of the derivative, NaN when none
  double ulp_bound[NUM_FN];   // the ULP bound outside the root windows
  double root_bound;          // the absolute bound inside them
  double core;                // the ULP bound holds for |x| <= core; beyond: finite, exact sign
};

// The contract of each tier (docs/SEMANTICS.md; README "The fast tier").
params tier_params(tier which) {
  params p{};
  p.alpha = double(static_cast<float>(kAlpha));
  p.beta = double(static_cast<float>(kBeta));
  for (int id = 0; id < NUM_FN; ++id) {
    p.x0[id] = root_x0(id, p.beta);
    p.ulp_bound[id] = tier_ulp_bound(which);
  }
  p.root_bound = std::ldexp(1.0, which == tier::fast ? -24 : -26);
  p.core = tier_core(which);
  return p;
}

// 1 / (spacing of float at r): 2^(23 - e) for |r| in [2^e, 2^(e+1)), e >= -126; 2^149 below.
inline double inv_ulp_float(double r) {
  int e = static_cast<int>((bits_of(r) >> 52) & 0x7ff) - 1023;
  if (e < -126) e = -126;
  return double_from_bits(static_cast<std::uint64_t>(23 - e + 1023) << 52);
}

constexpr bool has_root_window(int id) { return id == GELU_D || id == GELU_TANH_D || id == SWISH_D; }

// One element, all checks spelled out. The hot loop of check_block only calls this for the
// elements that need a closer look (NaN/inf/zero input, an error above the bound, NaN/inf
// result, relu's sign of zero), so it holds the complete semantics.
struct outcome {
  double ulp = -1;  // ULP error, -1 when not applicable
  double abs = -1;  // root-window absolute error, -1 when not applicable
  bool over1 = false, window = false;
};

template <int ID>
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
outcome check_element(float xf, float yf, double r, const params& p, stats& st) {
  outcome o;
  const std::uint32_t xb = bits_of(xf);
  if (is_nan_bits(xf)) {
    if (!is_nan_bits(yf)) { ++st.specials; st.note(xb, yf, 0.0, "NaN input, non-NaN result"); }
    return o;
  }
  if (!is_finite_bits(xf)) {
    float want = expected_at_inf<float>(ID, sign_bit(xf));
    if (!same_value(yf, want)) { ++st.specials; st.note(xb, yf, double(want), "infinite input: SEMANTICS.md table"); }
    return o;
  }
  if (!is_finite_bits(yf)) {
    ++st.specials;
    st.note(xb, yf, r, "finite input, NaN/inf result");
    return o;
  }
  if (!is_finite_bits(r)) {  // cannot happen: a bug of the reference, never hidden
    ++st.specials;
    st.note(xb, yf, r, "TOOL BUG: reference not finite");
    return o;
  }
  if (xf == 0) {  // the exact value is exact (0.5, 0.25, 1, alpha, +-0): it must come out exactly
    const float want = expected_at_zero<float>(ID, sign_bit(xf));
    if (!same_value(yf, want)) { ++st.specials; st.note(xb, yf, double(want), "exact value at x = +-0"); }
  } else if (exact_zero_region(ID) && r == 0 && !same_value(yf, zero<float>(false))) {
    ++st.specials;
    st.note(xb, yf, r, "relu: +0 expected");
  }
  const double diff = std::fabs(double(yf) - r);
  if (has_root_window(ID) && std::fabs(double(xf) - p.x0[ID]) <= kRootHalfWidth) {
    o.window = true;
    o.abs = diff;
    if (diff > p.root_bound) { ++st.window_over; st.note(xb, yf, r, "root window: abs error over the bound"); }
    return o;
  }
  if (r != 0 && sign_bit(yf) != (r < 0)) {
    ++st.specials;
    st.note(xb, yf, r, "wrong sign");
  }
  if (std::fabs(double(xf)) > p.core) return o;  // no ULP bound there
  o.ulp = diff * inv_ulp_float(r);
  if (o.ulp > p.ulp_bound[ID]) {
    o.over1 = true;
    st.note(xb, yf, r, "over the ULP bound");
  }
  return o;
}

// One block: the reference first (its own loop: libm calls only; skipped when r already holds it
// for this block and function), then the comparison. The
// comparison loop does the common case inline (finite nonzero x, error within the bound: one
// compare catches a NaN/inf result as well) and hands anything else to check_element. Per-block
// maxima stay in registers, every element's error is stored in eu (ULP error) or ea (root-window
// absolute error; window functions only), -1 where it does not apply, and the position of a new
// maximum is looked up there afterwards (patterns increase within a block: the first index found
// is the smallest pattern, so the reported position does not depend on the thread schedule).
template <int ID>
void check_block(const float* x, const float* y, double* r, double* eu, double* ea,
                 std::size_t n, stats& st, const params& p, bool have_reference) {
  if (!have_reference)
    for (std::size_t i = 0; i < n; ++i) r[i] = ref::eval(ID, double(x[i]), p.alpha, p.beta);

  const double x0 = p.x0[ID];
  double bmax = -1, bmax_abs = -1;
  unsigned long long over1 = 0, in_window = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t xb = bits_of(x[i]);
    const double ri = r[i];
    const double diff = std::fabs(double(y[i]) - ri);
    bool slow = ((xb & 0x7f800000u) == 0x7f800000u) | ((xb << 1) == 0);  // NaN, inf, +-0
    if (exact_zero_region(ID)) slow |= (ri == 0) & (bits_of(y[i]) != 0);   // relu: +0 only
    const bool y_negative = sign_bit(y[i]);
    const bool wrong_sign = (ri != 0) & (y_negative != (ri < 0));
    double err = -1;
    if (has_root_window(ID) && std::fabs(double(x[i]) - x0) <= kRootHalfWidth) {
      if (!slow && diff <= p.root_bound) {
        ea[i] = diff;
        eu[i] = -1;
        bmax_abs = std::max(bmax_abs, diff);
        ++in_window;
        continue;
      }
      slow = true;
    } else if (std::fabs(double(x[i])) > p.core) {  // fast tier beyond |x| = 10: no ULP bound
      const bool finite = is_finite_bits(y[i]);
      slow |= (!finite) | wrong_sign;
      if (!slow) {
        eu[i] = -1;
        if (has_root_window(ID)) ea[i] = -1;
        continue;
      }
    } else {
      err = diff * inv_ulp_float(ri);
      slow |= !(err <= p.ulp_bound[ID]);  // also NaN: a NaN/inf result or reference
      slow |= wrong_sign;
    }
    if (slow) {
      const outcome o = check_element<ID>(x[i], y[i], ri, p, st);
      eu[i] = o.ulp;
      if (has_root_window(ID)) ea[i] = o.abs;
      bmax = std::max(bmax, o.ulp);
      bmax_abs = std::max(bmax_abs, o.abs);
      over1 += o.over1;
      in_window += o.window;
      continue;
    }
    eu[i] = err;
    if (has_root_window(ID)) ea[i] = -1;
    bmax = std::max(bmax, err);
  }
  st.over1 += over1;
  st.in_window += in_window;
  st.tested += n;
  auto locate = [&](const double* e, double m, double& max, std::uint32_t& max_x) {
    if (m < 0 || m < max) return;
    for (std::size_t i = 0; i < n; ++i) {
      if (e[i] != m) continue;
      const std::uint32_t xb = bits_of(x[i]);
      if (m > max || xb < max_x) { max = m; max_x = xb; }
      return;
    }
  };
  locate(eu, bmax, st.max_ulp, st.max_ulp_x);
  if (has_root_window(ID)) locate(ea, bmax_abs, st.max_abs, st.max_abs_x);
}

using check_fn = void (*)(const float*, const float*, double*, double*, double*, std::size_t,
                         stats&, const params&, bool);
template <int... I>
constexpr std::array<check_fn, sizeof...(I)> make_checks(std::integer_sequence<int, I...>) {
  return {{&check_block<I>...}};
}

void usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--tier accurate|fast|both] [--functions a,b,...|all] [--threads N]\n"
               "          [--stride K] [--markdown FILE] [--markdown-fast FILE]\n",
               argv0);
}

}  // namespace

int main(int argc, char** argv) {
  bool sel[NUM_FN];
  for (bool& b : sel) b = true;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  unsigned long long stride = 1;
  std::string markdown_file, markdown_fast_file;
  std::vector<tier> tiers = {tier::accurate};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      std::string pre = std::string(name) + "=";
      if (a.compare(0, pre.size(), pre) == 0) return a.substr(pre.size());
      if (a == name && i + 1 < argc) return argv[++i];
      usage(argv[0]);
      std::exit(2);
    };
    if (a.rfind("--functions", 0) == 0) {
      std::string err;
      if (!parse_functions(value("--functions"), sel, err)) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 2;
      }
    } else if (a.rfind("--threads", 0) == 0) {
      long v = std::strtol(value("--threads").c_str(), nullptr, 10);
      if (v < 1 || v > 1024) { usage(argv[0]); return 2; }
      threads = static_cast<unsigned>(v);
    } else if (a.rfind("--stride", 0) == 0) {
      long long v = std::strtoll(value("--stride").c_str(), nullptr, 10);
      if (v < 1 || v > (1ll << 32)) { usage(argv[0]); return 2; }
      stride = static_cast<unsigned long long>(v);
    } else if (a.rfind("--tier", 0) == 0) {
      const std::string v = value("--tier");
      if (v == "accurate") tiers = {tier::accurate};
      else if (v == "fast") tiers = {tier::fast};
      else if (v == "both") tiers = {tier::accurate, tier::fast};
      else { usage(argv[0]); return 2; }
    } else if (a.rfind("--markdown-fast", 0) == 0) {
      markdown_fast_file = value("--markdown-fast");
    } else if (a.rfind("--markdown", 0) == 0) {
      markdown_file = value("--markdown");
    } else {
      usage(argv[0]);
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }

#ifdef ACTFN_SWEEP_X86
  // FTZ (bit 15) or DAZ (bit 6) would hide subnormal results/inputs: refuse to run.
  if (_mm_getcsr() & 0x8040u) {
    std::fprintf(stderr, "sweep_float: MXCSR has FTZ/DAZ set (built with -ffast-math at link time?)\n");
    return 2;
  }
#endif

  const std::size_t ntiers = tiers.size();
  std::vector<params> tier_p;
  for (tier which : tiers) tier_p.push_back(tier_params(which));

  std::vector<int> ids;
  for (int id = 0; id < NUM_FN; ++id)
    if (sel[id]) ids.push_back(id);

  const unsigned long long patterns = 1ull << 32;
  const unsigned long long count = (patterns + stride - 1) / stride;  // j -> pattern j * stride
  const unsigned long long nblocks = (count + kBlock - 1) / kBlock;
  // With a stride, the special values are added (when not already on the grid).
  std::vector<std::uint32_t> extra;
  if (stride > 1) {
    const std::uint32_t specials[] = {0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u,
                                      0x7fc00000u, 0xffc00000u, 0x7f800001u, 0xffffffffu,
                                      0x00000001u, 0x80000001u, 0x007fffffu, 0x807fffffu,
                                      0x00800000u, 0x80800000u, 0x7f7fffffu, 0xff7fffffu,
                                      0x3f800000u, 0xbf800000u};
    for (std::uint32_t b : specials)
      if (b % stride != 0) extra.push_back(b);
    std::sort(extra.begin(), extra.end());  // patterns increase within a block
  }

  static constexpr auto checks = make_checks(std::make_integer_sequence<int, NUM_FN>{});
  // per_thread[t][k][id]: thread t, tier tiers[k]
  std::vector<std::vector<std::vector<stats>>> per_thread(
      threads, std::vector<std::vector<stats>>(ntiers, std::vector<stats>(NUM_FN)));
  std::atomic<unsigned long long> next{0};
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();

  auto worker = [&](unsigned t) {
    std::vector<float> x(kBlock), y(kBlock), ones(kBlock, 1.0f);
    std::vector<double> r(kBlock), eu(kBlock), ea(kBlock);
    std::vector<std::vector<stats>>& st = per_thread[t];
    for (;;) {
      const unsigned long long b = next.fetch_add(1);
      std::size_t n = 0;
      if (b < nblocks) {
        const unsigned long long j0 = b * kBlock;
        n = static_cast<std::size_t>(std::min<unsigned long long>(kBlock, count - j0));
        for (std::size_t i = 0; i < n; ++i)
          x[i] = float_from_bits(static_cast<std::uint32_t>((j0 + i) * stride));
      } else if (b == nblocks && !extra.empty()) {
        n = extra.size();
        for (std::size_t i = 0; i < n; ++i) x[i] = float_from_bits(extra[i]);
      } else {
        break;
      }
      for (int id : ids) {
        const auto fn = static_cast<std::size_t>(id);
        for (std::size_t k = 0; k < ntiers; ++k) {  // the tiers share the block's reference
          library_eval<float>(id, x.data(), ones.data(), y.data(), n, tiers[k]);
          checks[fn](x.data(), y.data(), r.data(), eu.data(), ea.data(), n, st[k][fn], tier_p[k], k > 0);
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (std::thread& th : pool) th.join();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;

  char scope[256];
  if (stride == 1)
    std::snprintf(scope, sizeof scope, "float: all 2^32 inputs per function");
  else
    std::snprintf(scope, sizeof scope,
                  "float: every %llu-th input pattern (%llu per function) + %zu special values "
                  "(PARTIAL RUN)", stride, count, extra.size());
  bool all_ok = true;
  std::vector<std::string> failed;
  for (std::size_t k = 0; k < ntiers; ++k) {
    const params& p = tier_p[k];
    const bool fast = tiers[k] == tier::fast;
    std::vector<table_row> rows;
    bool tier_ok = true;
    for (int id : ids) {
      stats s;
      for (unsigned t = 0; t < threads; ++t) s.merge(per_thread[t][k][static_cast<std::size_t>(id)]);
      table_row r;
      r.function = info(id).name;
      r.max_ulp = s.max_ulp < 0 ? "-" : fmt_ulp(s.max_ulp);
      r.at_x = s.max_ulp < 0 ? "-" : fmt_x(float_from_bits(s.max_ulp_x));
      r.over1 = fmt_count(s.over1);
      if (is_nan_bits(p.x0[id]))
        r.root_window = "-";
      else if (s.in_window == 0)
        r.root_window = "(no input)";
      else
        r.root_window = fmt_abs(s.max_abs) + (s.window_over ? " **" + fmt_count(s.window_over) + " over**" : "");
      r.specials = fmt_count(s.specials);
      r.ok = s.over1 == 0 && s.window_over == 0 && s.specials == 0;
      tier_ok = tier_ok && r.ok;
      rows.push_back(r);
      for (const example& e : s.examples)
        std::printf("  %s%s: x = %s -> %a, reference %a (%s)\n", fast ? "fast " : "", info(id).name,
                    fmt_x(float_from_bits(e.xbits)).c_str(), double(e.y), e.ref, e.what);
      if (!is_nan_bits(p.x0[id]))
        std::printf("  %s%s: root window x0 = %.17g +- 1/8, %llu inputs, max abs error at x = %s\n",
                    fast ? "fast " : "", info(id).name, p.x0[id], s.in_window,
                    s.in_window ? fmt_x(float_from_bits(s.max_abs_x)).c_str() : "-");
    }
    std::string table = markdown_table(rows, fast ? "2^-24" : "2^-26", fast ? "the bound" : "1 ULP");
    std::string note = std::string(fast ? "Fast tier (actfn::fast), " : "") + scope +
                       "; ULP = spacing of float at the exact result (2^-149 below 2^-126); "
                       "root windows |x - x0| <= 1/8 around the roots of gelu', gelu_tanh', swish' "
                       "are held to the absolute bound instead" +
                       (fast ? "; ULP bound 4 for |x| <= 10, beyond it finite "
                               "with the exact value's sign.\n"
                             : ".\n");
    std::printf("\n%s\n%s", table.c_str(), note.c_str());
    const std::string& file = fast ? markdown_fast_file : markdown_file;
    if (!file.empty()) {
      std::FILE* f = std::fopen(file.c_str(), "w");
      if (!f) {
        std::perror(file.c_str());
        return 2;
      }
      std::fprintf(f, "%s\n%s", table.c_str(), note.c_str());
      std::fclose(f);
    }
    if (!tier_ok) failed.push_back(fast ? "the fast tier's (README \"The fast tier\")" : "docs/SEMANTICS.md's");
    all_ok = all_ok && tier_ok;
  }
  std::printf("elapsed: %.1f s wall, %.1f s CPU (%u threads, %zu functions, %zu tier%s)\n", elapsed,
              cpu, threads, ids.size(), ntiers, ntiers > 1 ? "s" : "");
  std::string why;
  for (const std::string& f : failed) why += (why.empty() ? "" : ", ") + f;
  std::printf("%s\n", all_ok ? "PASS" : ("FAIL: a bound is broken: " + why).c_str());
  return all_ok ? 0 : 1;
}

ACTFN_TOOLS_PRECISE_END
