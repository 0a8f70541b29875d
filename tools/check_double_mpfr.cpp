// Double-precision accuracy check against MPFR, and a check of sweep_float's reference.
//
// Part 1, double: for each of the 14 functions (forward and derivative of sigmoid, relu,
// leaky_relu (alpha 0.01), tanh, swish (beta 1), gelu, gelu_tanh), a fixed-seed input set
//   - special values (+-0, +-inf, NaNs, +-denorm_min, +-DBL_MIN, +-DBL_MAX, ...),
//   - N/2 log-uniform over the whole double range (sign random, binade uniform over
//     [2^-1074, 2^1024), significand random),
//   - N/4 uniform in [-40, 40], N/4 log-uniform magnitudes in [2^-30, 40] (sign random),
//   - 32768 uniform in [-1.5, -0.5] (the derivative-root windows),
// (N = --samples, default 2^20) is computed by the library through the array API and compared
// with MPFR (192 bits, formulas without cancellation: e^-|x| forms, sech^2, erfc). Checks the
// contract of docs/SEMANTICS.md: <= 1 ULP (spacing of double at the exact result, 2^-1074 for
// subnormals); in the root windows |x - x0| <= 1/8 of gelu', gelu_tanh', swish' an absolute
// error <= 2^-55 instead; NaN -> NaN, +-inf per the table, +-0 -> the exact value, finite ->
// finite.
//
// --tier fast checks actfn::fast::* against its own contract instead (README "The fast tier"):
// 4 ULP for |x| <= 10, 2^-52 in the root windows, beyond |x| = 10 finite with the exact value's
// sign; the special values as above. (Both tiers: outside the root windows, every result has the
// sign of the exact value.)
//
// Part 2, the float reference: tools/reference_float.hpp (the double reference of the
// exhaustive float sweep) against MPFR on --float-ref-samples float inputs per function
// (default 10^5). Its error must be far below float's half ULP: the check fails above
// 1e-4 float ULP (or 2^-40 absolute in the root windows).
//
//   check_double_mpfr [--tier accurate|fast] [--functions a,b,...] [--threads N] [--samples N]
//                     [--float-ref-samples M] [--markdown FILE]
//
// Exits 1 when a bound is broken, 2 on bad usage. Deterministic: a fixed seed, and results are
// independent of the thread count.
#include "mpfr_reference.hpp"
#include "reference_float.hpp"

#include <mpfr.h>

#include <algorithm>
#include <atomic>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

ACTFN_TOOLS_PRECISE_BEGIN

namespace {

using namespace actfn_tools;

const double kRootBoundDouble = std::ldexp(1.0, -55);
constexpr double kRefMaxFloatUlp = 1e-4;        // part 2: reference error allowed, float ULPs
const double kRefMaxRootAbs = std::ldexp(1.0, -40);  // part 2: in the root windows



// ---------------------------------------------------------------------------------------------
// Per-function statistics; the maximum's position is the smallest input index among ties, so
// the result does not depend on the thread schedule.
struct maxpos {
  double v = -1;
  std::size_t at = 0;
  void update(double e, std::size_t i) {
    if (e > v || (e == v && i < at)) { v = e; at = i; }
  }
  void merge(const maxpos& o) { if (o.v >= 0) update(o.v, o.at); }
};

struct dstats {
  std::size_t tested = 0, over1 = 0, in_window = 0, window_over = 0, specials = 0;
  maxpos ulp, abs;
  std::vector<std::pair<std::size_t, std::string>> examples;  // smallest indices
  void note(std::size_t i, const std::string& what) {
    examples.emplace_back(i, what);
    std::sort(examples.begin(), examples.end());
    if (examples.size() > 8) examples.pop_back();
  }
  void merge(const dstats& o) {
    tested += o.tested; over1 += o.over1; in_window += o.in_window;
    window_over += o.window_over; specials += o.specials;
    ulp.merge(o.ulp); abs.merge(o.abs);
    for (const auto& e : o.examples) note(e.first, e.second);
  }
};

struct rstats {  // part 2
  std::size_t tested = 0, in_window = 0;
  maxpos ulp, rel, abs;
  void merge(const rstats& o) {
    tested += o.tested; in_window += o.in_window;
    ulp.merge(o.ulp); rel.merge(o.rel); abs.merge(o.abs);
  }
};

std::string describe(double x, double y, double want, const char* what) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "x = %a -> %a, expected %a (%s)", x, y, want, what);
  return buf;
}

// Runs body(ctx, i, stats) for i in [0, n) on `threads` threads, in chunks.
template <class Stats, class Body>
Stats parallel(std::size_t n, unsigned threads, Body body) {
  std::vector<Stats> per(threads);
  std::atomic<std::size_t> next{0};
  constexpr std::size_t chunk = 1024;
  auto worker = [&](unsigned t) {
    mp_ctx ctx;
    for (;;) {
      std::size_t b = next.fetch_add(chunk);
      if (b >= n) break;
      std::size_t e = std::min(n, b + chunk);
      for (std::size_t i = b; i < e; ++i) body(ctx, i, per[t]);
    }
    mpfr_free_cache();
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker, t);
  worker(0);
  for (std::thread& th : pool) th.join();
  Stats all;
  for (const Stats& s : per) all.merge(s);
  return all;
}

// ---------------------------------------------------------------------------------------------
std::vector<double> double_inputs(std::size_t n) {
  std::vector<double> v;
  const double specials[] = {0.0, -0.0, HUGE_VAL, -HUGE_VAL,
                             std::numeric_limits<double>::quiet_NaN(),
                             -std::numeric_limits<double>::quiet_NaN(),
                             double_from_bits(0x7ff0000000000001ull),  // signalling NaN
                             double_from_bits(0xfff8000000000123ull),  // NaN with payload
                             DBL_TRUE_MIN, -DBL_TRUE_MIN, DBL_MIN, -DBL_MIN,
                             DBL_MIN - DBL_TRUE_MIN, -(DBL_MIN - DBL_TRUE_MIN), DBL_MAX, -DBL_MAX,
                             1.0, -1.0, 0.5, -0.5, 2.0, -2.0, 1e-300, -1e-300, 1e300, -1e300,
                             40.0, -40.0, 700.0, -700.0, 710.0, -710.0, 745.0, -745.0, 750.0,
                             -750.0, 0x1p-30, -0x1p-30, 0x1p-60, -0x1p-60};
  for (double s : specials) v.push_back(s);
  rng g{0x5eed0f0ac7f00001ull};
  for (std::size_t i = 0; i < n / 2; ++i) {  // log-uniform over the whole range
    const int e = static_cast<int>(g.below(2098)) - 1074;  // [-1074, 1023]
    const double m = 1.0 + static_cast<double>(g.next() >> 12) * 0x1p-52;
    const double x = std::ldexp(m, e);  // rounds (once) into the subnormals below 2^-1022
    v.push_back(g.coin() ? -x : x);
  }
  for (std::size_t i = 0; i < n / 4; ++i) v.push_back(-40.0 + 80.0 * g.unit());
  for (std::size_t i = 0; i < n / 4;) {  // log-uniform magnitudes in [2^-30, 40]
    const int e = static_cast<int>(g.below(36)) - 30;  // [-30, 5]
    const double x = std::ldexp(1.0 + static_cast<double>(g.next() >> 12) * 0x1p-52, e);
    if (x > 40.0) continue;
    v.push_back(g.coin() ? -x : x);
    ++i;
  }
  for (std::size_t i = 0; i < 32768; ++i) v.push_back(-1.5 + g.unit());
  return v;
}

std::vector<float> float_inputs(std::size_t n, int id) {
  std::vector<float> v;
  rng g{0xf10a7ef0000000ull + static_cast<std::uint64_t>(id)};
  while (v.size() < n) {
    const std::uint64_t kind = g.below(20);
    float x;
    if (kind < 5) {  // 25%: any finite float
      x = float_from_bits(static_cast<std::uint32_t>(g.next() >> 32));
      if (!is_finite_bits(x)) continue;
    } else if (kind < 14) {  // 45%: log-uniform magnitudes in [2^-30, 2^7)
      const int e = static_cast<int>(g.below(37)) - 30;
      x = std::ldexp(1.0f + static_cast<float>(g.next() >> 41) * 0x1p-23f, e);
      if (g.coin()) x = -x;
    } else if (kind < 18) {  // 20%: uniform in [-16, 16]
      x = static_cast<float>(-16.0 + 32.0 * g.unit());
    } else {  // 10%: the root windows
      x = static_cast<float>(-1.5 + g.unit());
    }
    v.push_back(x);
  }
  return v;
}

void usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s [--tier accurate|fast] [--functions a,b,...|all] [--threads N] [--samples N] "
               "[--float-ref-samples M] [--markdown FILE]\n",
               argv0);
}

}  // namespace

int main(int argc, char** argv) {
  bool sel[NUM_FN];
  for (bool& b : sel) b = true;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::size_t samples = std::size_t(1) << 20, ref_samples = 100000;
  std::string markdown_file;
  tier which = tier::accurate;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) -> std::string {
      std::string pre = std::string(name) + "=";
      if (a.compare(0, pre.size(), pre) == 0) return a.substr(pre.size());
      if (a == name && i + 1 < argc) return argv[++i];
      usage(argv[0]);
      std::exit(2);
    };
    auto count = [&](const char* name, long long lo, long long hi) {
      long long v = std::strtoll(value(name).c_str(), nullptr, 10);
      if (v < lo || v > hi) { usage(argv[0]); std::exit(2); }
      return static_cast<std::size_t>(v);
    };
    if (a.rfind("--functions", 0) == 0) {
      std::string err;
      if (!parse_functions(value("--functions"), sel, err)) {
        std::fprintf(stderr, "%s\n", err.c_str());
        return 2;
      }
    } else if (a.rfind("--threads", 0) == 0) {
      threads = static_cast<unsigned>(count("--threads", 1, 1024));
    } else if (a.rfind("--samples", 0) == 0) {
      samples = count("--samples", 4, 1ll << 32);
    } else if (a.rfind("--float-ref-samples", 0) == 0) {
      ref_samples = count("--float-ref-samples", 0, 1ll << 32);
    } else if (a.rfind("--tier", 0) == 0) {
      const std::string v = value("--tier");
      if (v != "accurate" && v != "fast") { usage(argv[0]); return 2; }
      which = v == "fast" ? tier::fast : tier::accurate;
    } else if (a.rfind("--markdown", 0) == 0) {
      markdown_file = value("--markdown");
    } else {
      usage(argv[0]);
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }

  // The contract of each tier (docs/SEMANTICS.md; README "The fast tier").
  const bool fast = which == tier::fast;
  const double ulp_bound = tier_ulp_bound(which);
  const double root_bound = fast ? std::ldexp(1.0, -52) : kRootBoundDouble;
  const double core = tier_core(which);  // beyond: finite, with the exact value's sign

  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  double x0[NUM_FN];
  for (int id = 0; id < NUM_FN; ++id) x0[id] = root_x0(id, kBeta);
  auto in_window = [&](int id, double x) {
    return !is_nan_bits(x0[id]) && std::fabs(x - x0[id]) <= kRootHalfWidth;
  };

  // ---- part 1: double against MPFR
  const std::vector<double> xs = double_inputs(samples);
  const std::vector<double> ones(xs.size(), 1.0);
  std::vector<double> ys(xs.size());
  std::vector<table_row> rows;
  bool all_ok = true;
  std::printf("double: %zu inputs per function, MPFR %d bits, %u threads\n", xs.size(),
              static_cast<int>(kPrec), threads);
  for (int id = 0; id < NUM_FN; ++id) {
    if (!sel[id]) continue;
    library_eval<double>(id, xs.data(), ones.data(), ys.data(), xs.size(), which);
    dstats s = parallel<dstats>(xs.size(), threads, [&](mp_ctx& m, std::size_t i, dstats& st) {
      const double x = xs[i], y = ys[i];
      ++st.tested;
      if (is_nan_bits(x)) {
        if (!is_nan_bits(y)) { ++st.specials; st.note(i, describe(x, y, x, "NaN input, non-NaN result")); }
        return;
      }
      if (!is_finite_bits(x)) {
        const double want = expected_at_inf<double>(id, sign_bit(x));
        if (!same_value(y, want)) { ++st.specials; st.note(i, describe(x, y, want, "infinite input: SEMANTICS.md table")); }
        return;
      }
      m.eval(id, x, kAlpha, kBeta);
      const double rd = mpfr_get_d(m.r, MPFR_RNDN);
      if (!is_finite_bits(y)) { ++st.specials; st.note(i, describe(x, y, rd, "finite input, NaN/inf result")); return; }
      if (x == 0) {  // the exact value is exact (0.5, 0.25, 1, alpha, +-0): it must come out
        const double want = expected_at_zero<double>(id, sign_bit(x));
        if (!same_value(y, want)) { ++st.specials; st.note(i, describe(x, y, want, "exact value at x = +-0")); }
      } else if (exact_zero_region(id) && mpfr_zero_p(m.r) && !same_value(y, zero<double>(false))) {
        ++st.specials; st.note(i, describe(x, y, 0.0, "relu: +0 expected"));
      }
      if (in_window(id, x)) {
        const double e = m.abs_error(y);
        ++st.in_window;
        st.abs.update(e, i);
        if (e > root_bound) { ++st.window_over; st.note(i, describe(x, y, rd, "root window: abs error over the bound")); }
        return;
      }
      if (!mpfr_zero_p(m.r) && sign_bit(y) != (mpfr_sgn(m.r) < 0)) {
        ++st.specials;
        st.note(i, describe(x, y, rd, "wrong sign"));
      }
      if (std::fabs(x) > core) return;
      const double e = m.ulp_error(y, 53, -1074);
      st.ulp.update(e, i);
      if (e > ulp_bound) { ++st.over1; st.note(i, describe(x, y, rd, "over the ULP bound")); }
    });
    table_row r;
    r.function = info(id).name;
    r.max_ulp = s.ulp.v < 0 ? "-" : fmt_ulp(s.ulp.v);
    r.at_x = s.ulp.v < 0 ? "-" : fmt_x(xs[s.ulp.at]);
    r.over1 = fmt_count(s.over1);
    if (is_nan_bits(x0[id]))
      r.root_window = "-";
    else
      r.root_window = fmt_abs(s.abs.v) + (s.window_over ? " **" + fmt_count(s.window_over) + " over**" : "");
    r.specials = fmt_count(s.specials);
    r.ok = s.over1 == 0 && s.window_over == 0 && s.specials == 0;
    all_ok = all_ok && r.ok;
    rows.push_back(r);
    for (const auto& e : s.examples) std::printf("  %s: %s\n", info(id).name, e.second.c_str());
    if (!is_nan_bits(x0[id]))
      std::printf("  %s: root window x0 = %.17g +- 1/8, %zu inputs\n", info(id).name, x0[id], s.in_window);
  }
  std::string table = markdown_table(rows, fast ? "2^-52" : "2^-55", fast ? "the bound" : "1 ULP");
  char note[640];
  std::snprintf(note, sizeof note,
                "%sdouble: %zu inputs per function (fixed seed: half log-uniform over the whole "
                "range, half in [-40, 40]) against MPFR at %d bits; ULP = spacing of double at "
                "the exact result (2^-1074 below 2^-1022)%s.\n",
                fast ? "Fast tier (actfn::fast), " : "", xs.size(), static_cast<int>(kPrec),
                fast ? "; bound 4 ULP for |x| <= 10, beyond it finite with the exact value's sign" : "");
  std::printf("\n%s\n%s", table.c_str(), note);

  // ---- part 2: sweep_float's reference against MPFR
  std::string ref_table;
  if (ref_samples > 0) {
    const double alpha_f = double(static_cast<float>(kAlpha)), beta_f = double(static_cast<float>(kBeta));
    ref_table =
        "| function | reference max error (float ULP) | at x | max relative error (|exact| >= 2^-126) "
        "| root-window abs error | ok |\n|---|---|---|---|---|---|\n";
    for (int id = 0; id < NUM_FN; ++id) {
      if (!sel[id]) continue;
      const std::vector<float> fx = float_inputs(ref_samples, id);
      rstats s = parallel<rstats>(fx.size(), threads, [&](mp_ctx& m, std::size_t i, rstats& st) {
        const double x = double(fx[i]);
        const double ref = ref::eval(id, x, alpha_f, beta_f);
        m.eval(id, x, alpha_f, beta_f);
        ++st.tested;
        if (in_window(id, x)) {
          ++st.in_window;
          st.abs.update(m.abs_error(ref), i);
          return;
        }
        st.ulp.update(m.ulp_error(ref, 24, -149), i);
        if (m.r_abs() >= 0x1p-126) st.rel.update(m.rel_error(ref), i);
      });
      const bool ok = s.ulp.v <= kRefMaxFloatUlp && s.abs.v <= kRefMaxRootAbs;
      all_ok = all_ok && ok;
      ref_table += "| " + std::string(info(id).name) + " | " + fmt("%.3g", s.ulp.v) + " | " +
                   fmt_x(fx[s.ulp.at]) + " | " + (s.rel.v < 0 ? "-" : fmt("%.3g", s.rel.v)) +
                   " | " + (is_nan_bits(x0[id]) ? "-" : fmt_abs(s.abs.v)) + " | " +
                   (ok ? "yes" : "**NO**") + " |\n";
    }
    std::printf("\nsweep_float's double reference against MPFR (%zu float inputs per function; must "
                "stay below %g float ULP, %s in the root windows):\n\n%s",
                ref_samples, kRefMaxFloatUlp, "2^-40", ref_table.c_str());
  }

  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("\nelapsed: %.1f s wall, %.1f s CPU (%u threads)\n", elapsed, cpu, threads);
  if (!markdown_file.empty()) {
    std::FILE* f = std::fopen(markdown_file.c_str(), "w");
    if (!f) {
      std::perror(markdown_file.c_str());
      return 2;
    }
    std::fprintf(f, "%s\n%s", table.c_str(), note);
    std::fclose(f);
  }
  std::printf("%s\n", all_ok ? "PASS" : "FAIL: a bound is broken");
  return all_ok ? 0 : 1;
}

ACTFN_TOOLS_PRECISE_END
