#!/usr/bin/env python3
"""Turn actfn_bench's Google Benchmark JSON into the README's tables and an SVG chart.

    scripts/bench_report.py build/bench/results.json [--markdown FILE] [--svg FILE] [--impl dispatched]

Benchmark names are <dir>/<function>/<type>/<impl>/<n> (see bench/bench_activations.cpp).

Table 1, per function x direction x type x working-set size: actfn's throughput in elements per
nanosecond (median over repetitions) through the dispatched array API, the same for the fast tier,
actfn's speed-up over the plain std:: loop, its fraction of the copy loop's element rate (the memory
bound for the same arrays), and, when peers were run (scripts/bench.sh --peers), the fastest peer
for that row, its rate, and actfn's and the fast tier's ratio to it.
Above them, when peers were run: actfn's and the fast tier's ratio to the fastest peer at the L1
size, float and double, one row per direction and tier.
Table 2: every implementation at the L1 size: each actfn backend, the dispatched and fast rows,
the scalar functor, the std:: loop and each peer.
With accuracy counters in the JSON (float rows at the L1 size measure their own error, see
bench/bench_activations.cpp): a summary at equal accuracy (actfn against the fastest peer that is
within 1 ULP everywhere, the fast tier against the fastest within 4 ULP for |x| <= 10), and table 3,
every competing implementation's maximum error. Python 3 stdlib only.
"""
import argparse
import json
import math
import re
import statistics
import sys
from collections import defaultdict

FUNCTIONS = ["sigmoid", "relu", "leaky_relu", "tanh", "swish", "gelu", "gelu_tanh"]
DIRS = ["fwd", "bwd"]
TYPES = ["float", "double"]
SIZEOF = {"float": 4, "double": 8}
BACKENDS = ["scalar", "sse2", "avx2", "avx512", "neon"]
PEERS = ["eigen", "sleef", "onednn"]
PEER_NAMES = {"eigen": "Eigen", "sleef": "SLEEF", "onednn": "oneDNN"}
NAME_RE = re.compile(r"^(fwd|bwd)/([a-z_0-9]+)/(float|double)/([a-z_0-9-]+)/(\d+)$")


# ---- reading ----------------------------------------------------------------------------------
def load(path):
    """Return (context, rates, noise, errors): rates[(dir, fn, type, impl, n)] = median items/s;
    noise[key] = run-to-run coefficient of variation of items/s (only with repetitions);
    errors[key] = the error message of a row that was skipped (backend missing, peer mismatch)."""
    with open(path) as f:
        data = json.load(f)
    samples = defaultdict(list)
    medians, cvs, errors = {}, {}, {}
    reps = max((b.get("repetitions", 1) for b in data.get("benchmarks", [])), default=1)
    for b in data.get("benchmarks", []):
        m = NAME_RE.match(b.get("run_name", b.get("name", "")))
        if not m:
            continue
        key = (m.group(1), m.group(2), m.group(3), m.group(4), int(m.group(5)))
        if b.get("error_occurred"):
            errors[key] = b.get("error_message", "error")
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[key] = b["items_per_second"]
            elif b.get("aggregate_name") == "cv":
                cvs[key] = b.get("items_per_second", b.get("cpu_time"))
        elif "items_per_second" in b:
            samples[key].append(b["items_per_second"])
    rates = {k: statistics.median(v) for k, v in samples.items()}
    rates.update(medians)  # the library's own aggregate wins when there is one
    ctx = dict(data.get("context", {}), repetitions=reps)
    for k in rates:
        errors.pop(k, None)
    return ctx, rates, cvs, errors


def load_accuracy(path):
    """acc[(dir, fn, type, impl, n)] = (max ULP for |x| <= 10, max ULP for every finite x, count of
    finite inputs with a NaN or inf result), from the rows' counters (absent in older results)."""
    with open(path) as f:
        data = json.load(f)
    acc = {}
    for b in data.get("benchmarks", []):
        m = NAME_RE.match(b.get("run_name", b.get("name", "")))
        if not m or "max_ulp_10" not in b or b.get("error_occurred"):
            continue
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
            continue  # the counters are the same every repetition: stddev 0, cv NaN
        key = (m.group(1), m.group(2), m.group(3), m.group(4), int(m.group(5)))
        acc[key] = (b["max_ulp_10"], b["max_ulp_all"], b.get("nonfinite", 0))
    return acc


# The accuracy classes of the two tiers (README "Accuracy", "The fast tier"): a peer belongs to a
# class when its measured error is within the tier's bound and no finite input gave NaN or inf.
# The reference is good to ~1e-15 relative, ~1e-8 ULP of float: SLEEF's 1-ULP tanh measures
# 1.00000002, so the bounds get that much slack.
REFERENCE_SLACK = 1e-6


def within_accurate(a):
    return a is not None and a[1] <= 1.0 + REFERENCE_SLACK and a[2] == 0


def within_fast(a):
    return a is not None and a[0] <= 4.0 + REFERENCE_SLACK and a[2] == 0


def cpu_model(ctx):
    if ctx.get("cpu_model"):
        return ctx["cpu_model"]
    try:  # older results without the custom context: assume they came from this machine
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip() + " (read here, not from the results)"
    except OSError:
        pass
    return "unknown CPU"


def human_bytes(b):
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if b >= scale and b % scale == 0:
            return "%d %s" % (b // scale, unit)
    return "%d B" % b


def tiers(rates):
    """Sizes per type in increasing order; tier i of float and tier i of double are the same
    cache level (the bench sizes them in bytes per array). The copy rows exist at every size."""
    sizes = defaultdict(set)
    for (_, fn, t, _, n) in rates:
        sizes[t].add(n)
    return {t: sorted(v) for t, v in sizes.items()}


def tier_name(i, ntiers):
    return ["L1", "L2", "mem"][i] if ntiers == 3 else "size %d" % (i + 1)


def tier_label(i, sizes_by_type, ntiers):
    byte_sizes = {ns[i] * SIZEOF[t] for t, ns in sizes_by_type.items() if i < len(ns)}
    label = " / ".join(human_bytes(b) for b in sorted(byte_sizes))
    return tier_name(i, ntiers) + " " + label


# ---- formatting -------------------------------------------------------------------------------
def fmt_rate(r):
    if r is None:
        return "-"
    el_ns = r / 1e9
    if el_ns >= 100:
        return "%.0f" % el_ns
    if el_ns >= 10:
        return "%.1f" % el_ns
    if el_ns >= 1:
        return "%.2f" % el_ns
    return "%.3f" % el_ns


def fmt_ratio(a, b):
    if a is None or not b:
        return "-"
    r = a / b
    return ("%.1fx" if r >= 10 else "%.2fx") % r


def fmt_frac(a, b):
    if a is None or not b:
        return "-"
    p = 100.0 * a / b
    return ("%.0f%%" if p >= 10 else "%.1f%%") % p


def copy_rate(rates, d, t, n):
    for impl in ("memcpy", "mul", "loop", "copy"):
        if (d, "copy", t, impl, n) in rates:
            return rates[(d, "copy", t, impl, n)]
    return None


def fastest_peer(rates, d, fn, t, n, acc=None, within=None):
    """(peer, rate) of the fastest peer on this row; with `within`, only among the peers whose
    accuracy acc[key] it accepts."""
    best = None
    for p in PEERS:
        key = (d, fn, t, p, n)
        r = rates.get(key)
        if r is None or (within is not None and not within(acc.get(key))):
            continue
        if best is None or r > best[1]:
            best = (p, r)
    return best


def present_functions(rates):
    fns = [f for f in FUNCTIONS if any(k[1] == f for k in rates)]
    return fns + sorted({k[1] for k in rates} - set(FUNCTIONS) - {"copy"})


def header_lines(ctx, reps_note):
    lines = ["CPU: %s, %s cores" % (cpu_model(ctx), ctx.get("num_cpus", "?"))]
    comp = ctx.get("compiler", "unknown compiler")
    flags = ctx.get("cxx_flags")
    if flags:
        lines.append("Compiler: %s, flags: `%s`" % (comp, flags))
    else:
        lines.append("Compiler: %s (predefined: %s)" % (comp, ctx.get("build_macros", "?")))
    extra = []
    if ctx.get("actfn_version"):
        extra.append("actfn %s" % ctx["actfn_version"])
    if ctx.get("actfn_backend"):
        extra.append("dispatched backend: %s" % ctx["actfn_backend"])
    if ctx.get("actfn_fast", "").startswith("no"):
        extra.append("fast tier: not built (%s)" % ctx["actfn_fast"][3:].strip("() "))
    if ctx.get("date"):
        extra.append(ctx["date"][:10])
    extra.append(reps_note)
    if ctx.get("load_avg"):
        extra.append("load average at start %.1f" % ctx["load_avg"][0])
    lines.append(", ".join(extra))
    peers = []
    if ctx.get("eigen"):
        peers.append("%s (%s; SIMD: %s)" % (ctx["eigen"], ctx.get("eigen_flags", "?"),
                                             ctx.get("eigen_simd", "?")))
    if ctx.get("sleef"):
        peers.append("%s (%s)" % (ctx["sleef"], ctx.get("sleef_isa", "?")))
    if ctx.get("onednn"):
        peers.append(ctx["onednn"] + ("; " + ctx["onednn_f64"] if ctx.get("onednn_f64") else ""))
    if peers:
        lines.append("Peers: " + "; ".join(peers))
    return lines


def reps_note(ctx):
    return ("median of %d repetitions" % ctx["repetitions"] if ctx.get("repetitions", 1) > 1
            else "single runs (no repetitions)")


# ---- table 1: actfn against std, copy and the fastest peer -------------------------------------
def build_table(ctx, rates, cvs, errors, impl):
    sizes = tiers(rates)
    ntiers = max((len(v) for v in sizes.values()), default=0)
    have_fast = impl != "fast" and any(k[3] == "fast" for k in rates)
    have_peers = any(k[3] in PEERS for k in rates)
    # No heading: scripts/update-readme.py pastes this under the README's own heading.
    out = [l + "  " for l in header_lines(ctx, reps_note(ctx))]
    out.append("")
    head = ["function", "dir", "type", "size", "actfn el/ns"]
    if have_fast:
        head += ["fast el/ns"]
    head += ["vs std", "of copy"]
    if have_peers:
        head += ["fastest peer", "peer el/ns", "actfn / peer"]
        if have_fast:
            head += ["fast / peer"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "|".join("---" if h in ("function", "dir", "type", "size", "fastest peer")
                              else "--:" for h in head) + "|")
    noisy = []
    for fn in present_functions(rates):
        for d in DIRS:
            for t in TYPES:
                for i, n in enumerate(sizes.get(t, [])):
                    a = rates.get((d, fn, t, impl, n))
                    fa = rates.get((d, fn, t, "fast", n))
                    if a is None and fa is None:
                        continue
                    row = [fn, d, t, tier_name(i, ntiers), fmt_rate(a)]
                    if have_fast:
                        row.append(fmt_rate(fa))
                    row += [fmt_ratio(a, rates.get((d, fn, t, "std", n))),
                            fmt_frac(a, copy_rate(rates, d, t, n))]
                    if have_peers:
                        best = fastest_peer(rates, d, fn, t, n)
                        if best:
                            row += [PEER_NAMES[best[0]], fmt_rate(best[1]), fmt_ratio(a, best[1])]
                            if have_fast:
                                row.append(fmt_ratio(fa, best[1]))
                        else:
                            row += ["-", "-", "-"] + (["-"] if have_fast else [])
                    out.append("| " + " | ".join(row) + " |")
                    for im in (impl, "fast"):
                        cv = cvs.get((d, fn, t, im, n))
                        if cv is not None and cv > 0.05:
                            noisy.append((cv, "%s/%s/%s/%s/%d" % (d, fn, t, im, n)))
    # the memory bound itself
    for d in DIRS:
        for t in TYPES:
            for i, n in enumerate(sizes.get(t, [])):
                c = copy_rate(rates, d, t, n)
                if c is None:
                    continue
                gbs = c * SIZEOF[t] * (2 if d == "fwd" else 3) / 1e9
                row = ["copy", d, t, tier_name(i, ntiers), "%s (%.0f GB/s)" % (fmt_rate(c), gbs)]
                row += [""] * (len(head) - len(row))
                out.append("| " + " | ".join(row) + " |")
    out.append("")
    what = {"dispatched": "actfn::forward / actfn::backward (backend chosen at run time)",
            "array": "actfn::forward / actfn::backward", "functor": "the scalar functor in a loop"}
    notes = ["el/ns: elements per nanosecond, higher is better. actfn: %s." % what.get(impl, impl)]
    if have_fast:
        notes.append("fast: the same call with the actfn::fast functors.")
    notes.append("vs std: actfn's speed-up over the plain libm loop. of copy: actfn's fraction of "
                 "the copy loop's element rate (forward: memcpy x to y; backward: dx = dy*x over "
                 "the same three arrays), the memory bound.")
    if have_peers:
        notes.append("fastest peer: the fastest of Eigen, SLEEF and oneDNN on this row "
                     "(each checked to agree with actfn within 1e-3); actfn / peer above 1x means "
                     "actfn is faster.")
    notes.append("Sizes are bytes per array: %s (float %s / double %s elements)."
                 % (", ".join(tier_label(i, sizes, ntiers) for i in range(ntiers)),
                    ", ".join(map(str, sizes.get("float", []))),
                    ", ".join(map(str, sizes.get("double", []))),))
    out.append(" ".join(notes))
    if noisy:
        noisy.sort(reverse=True)
        shown = ", ".join("%s %.0f%%" % (name, 100 * cv) for cv, name in noisy[:8])
        more = " and %d more" % (len(noisy) - 8) if len(noisy) > 8 else ""
        out.append("")
        out.append("Noisy: %d of these rows vary by more than 5%% between repetitions (cv): %s%s."
                   % (len(noisy), shown, more))
    skipped = skipped_note(errors)
    if skipped:
        out.append("")
        out.append(skipped)
    return "\n".join(out) + "\n"


# ---- summary: actfn / fastest peer, one line per direction and tier ------------------------------
def build_summary(rates, impl, t="float"):
    """At the smallest (in-L1) size: actfn's and the fast tier's rate over the fastest peer's, a
    row per direction and tier, a column per function. Empty without peers."""
    sizes = tiers(rates).get(t, [])
    if not sizes or not any(k[3] in PEERS for k in rates):
        return ""
    n = sizes[0]
    fns = present_functions(rates)
    out = ["**actfn / fastest peer**, %s, %d elements (in L1), same run (above 1x: actfn is faster):"
           % (t, n), "", "| | " + " | ".join(fns) + " |", "|---|" + "--:|" * len(fns)]
    for d, dname in (("fwd", "forward"), ("bwd", "backward")):
        for im, iname in ((impl, "accurate"), ("fast", "fast")):
            cells = []
            for fn in fns:
                best = fastest_peer(rates, d, fn, t, n)
                a = rates.get((d, fn, t, im, n))
                cells.append(fmt_ratio(a, best[1]) if best and a is not None else "-")
            if any(c != "-" for c in cells):
                out.append("| %s, %s | %s |" % (dname, iname, " | ".join(cells)))
    return "\n".join(out) + "\n"


def build_equal_accuracy_summary(rates, acc, impl, t="float"):
    """actfn / the fastest peer of the same accuracy class, at the L1 size; "only actfn" where no
    peer is in the class. Empty without peers or accuracy counters."""
    sizes = tiers(rates).get(t, [])
    if not sizes or not acc or not any(k[3] in PEERS for k in acc):
        return ""
    n = sizes[0]
    fns = present_functions(rates)
    out = ["**actfn / fastest peer at the same accuracy**, %s, %d elements, same run: the accurate "
           "tier against peers within 1 ULP for every finite x, the fast tier against peers within "
           "4 ULP for |x| <= 10 (neither with NaN or inf for a finite input); accuracy measured by "
           "the bench on 2.3 million inputs (table 3):" % (t, n), "",
           "| | " + " | ".join(fns) + " |", "|---|" + "--:|" * len(fns)]
    for d, dname in (("fwd", "forward"), ("bwd", "backward")):
        for im, iname, within in ((impl, "accurate (<= 1 ULP)", within_accurate),
                                  ("fast", "fast (<= 4 ULP)", within_fast)):
            cells = []
            for fn in fns:
                a = rates.get((d, fn, t, im, n))
                best = fastest_peer(rates, d, fn, t, n, acc, within)
                if a is None:
                    cells.append("-")
                elif best:
                    cells.append("%s %s" % (fmt_ratio(a, best[1]), PEER_NAMES[best[0]]))
                else:
                    cells.append("only actfn")
            if any(c != "-" for c in cells):
                out.append("| %s, %s | %s |" % (dname, iname, " | ".join(cells)))
    return "\n".join(out) + "\n"


def fmt_ulp(u):
    if u < 10:
        return "%.3f" % u
    if u < 1e4:
        return "%.0f" % u
    return "%.1e" % u


def build_accuracy_table(rates, acc, impl, t="float"):
    """Table 3: max ULP error of each competing implementation, |x| <= 10 and every finite x."""
    sizes = tiers(rates).get(t, [])
    if not sizes or not acc:
        return ""
    n = sizes[0]
    order = [x for x in (impl, "fast", "std") + tuple(PEERS) if any(k[3] == x for k in acc)]
    names = {impl: "actfn", "fast": "fast", "std": "std"}
    out = ["Accuracy of each implementation, %s: max error in ULP for |x| <= 10 / for every finite "
           "x (measured by the bench, the same inputs for every row):" % t, "",
           "| function | dir | " + " | ".join(names.get(x, PEER_NAMES.get(x, x)) for x in order) + " |",
           "|---|---|" + "--:|" * len(order)]
    for fn in present_functions(rates):
        for d in DIRS:
            cells = []
            for x in order:
                a = acc.get((d, fn, t, x, n))
                if a is None:
                    cells.append("-")
                    continue
                c = "%s / %s" % (fmt_ulp(a[0]), fmt_ulp(a[1]))
                if a[2]:
                    c += " (%d NaN/inf)" % a[2]
                cells.append(c)
            if any(c != "-" for c in cells):
                out.append("| %s | %s | %s |" % (fn, d, " | ".join(cells)))
    out.append("")
    out.append("Inputs: every 1031st float in [-10, 10] by bit pattern (2.1 million) and every "
               "10007th beyond up to FLT_MAX (0.2 million), both signs; backward as dx = 1 * f'(x); "
               "against the double reference of tools/reference_float.hpp (the exhaustive sweep's); "
               "1 ULP = the spacing of float at the exact value; the derivative-root windows "
               "(|x - x0| <= 1/8) left out for every row; NaN/inf: finite inputs whose result was "
               "not finite, counted apart. Rows that lose every digit read 1.7e+07 (= 2^24 ULP: a "
               "result of 0 or of the wrong sign where the exact value is not 0).")
    return "\n".join(out) + "\n"


def skipped_note(errors):
    if not errors:
        return ""
    by = defaultdict(list)
    for (d, fn, t, impl, n), msg in errors.items():
        if msg.startswith("disagrees"):
            by[(impl, "disagrees with actfn")].append("%s/%s/%s/%d: %s" % (d, fn, t, n, msg))
        else:
            by[(impl, msg)].append("%s/%s/%s/%d" % (d, fn, t, n))
    parts = []
    for (impl, msg), rows in sorted(by.items()):
        if msg == "disagrees with actfn":
            parts.append("%s %s (left out): %s" % (impl, msg, "; ".join(sorted(rows))))
        else:
            parts.append("%s: %s (%d rows)" % (impl, msg, len(rows)))
    return "Skipped: " + "; ".join(parts) + "."


# ---- table 2: every implementation at the L1 size ----------------------------------------------
def build_l1_table(ctx, rates):
    sizes = tiers(rates)
    if not sizes:
        return ""
    l1 = {t: ns[0] for t, ns in sizes.items()}
    impls_here = {k[3] for k in rates if k[1] != "copy" and k[4] == l1.get(k[2])}
    order = [b for b in BACKENDS if b in impls_here]
    order += [x for x in ("dispatched", "array", "fast", "masked", "fast-masked", "functor", "std")
              if x in impls_here]
    order += [p for p in PEERS if p in impls_here]
    order += sorted(impls_here - set(order))
    if len(order) < 2:
        return ""
    out = ["Every implementation at the L1 size (%s per array), elements per ns:"
           % human_bytes(l1.get("float", l1.get("double", 0)) * SIZEOF["float" if "float" in l1 else "double"]),
           ""]
    head = ["function", "dir", "type"] + [PEER_NAMES.get(x, x) for x in order]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "|".join(["---"] * 3 + ["--:"] * len(order)) + "|")
    for fn in present_functions(rates):
        for d in DIRS:
            for t in TYPES:
                if t not in l1:
                    continue
                vals = [rates.get((d, fn, t, x, l1[t])) for x in order]
                if all(v is None for v in vals):
                    continue
                best = max(v for v in vals if v is not None)
                cells = []
                for v in vals:
                    s = fmt_rate(v)
                    cells.append("**%s**" % s if v is not None and v == best else s)
                out.append("| " + " | ".join([fn, d, t] + cells) + " |")
    out.append("")
    notes = ["Bold: the fastest in the row."]
    if any(b in order for b in BACKENDS):
        notes.append("scalar ... avx512: actfn::forward(backend, ...) on that backend "
                     "(dispatched = %s here)." % ctx.get("actfn_backend", "?"))
    if "masked" in order or "fast-masked" in order:
        notes.append("masked, fast-masked: dispatched and fast on the same inputs with every 64th "
                     "element -1e9 (masked logits).")
    if "functor" in order:
        notes.append("functor: the scalar functor called in a plain loop.")
    notes.append("std: the plain libm loop.")
    out.append(" ".join(notes))
    return "\n".join(out) + "\n"


# ---- the chart --------------------------------------------------------------------------------
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def series_value(rates, key, d, fn, t, n):
    if key == "copy":
        return copy_rate(rates, d, t, n)
    if key == "peer":
        best = fastest_peer(rates, d, fn, t, n)
        return best[1] if best else None
    return rates.get((d, fn, t, key, n))


def build_svg(ctx, rates, impl):
    sizes = tiers(rates)
    ntiers = max((len(v) for v in sizes.values()), default=0)
    fns = [f for f in FUNCTIONS if any(k[1] == f for k in rates)]
    if not fns or ntiers == 0:
        return None
    # drawn in this order, so actfn ends up on top where the lines coincide
    series = [("copy", "copy (memory bound)", "#7f7f7f"), ("std", "std:: loop", "#e6550d")]
    if any(k[3] in PEERS for k in rates):
        series.append(("peer", "fastest peer", "#2ca02c"))
    if impl != "fast" and any(k[3] == "fast" for k in rates):
        series.append(("fast", "actfn fast", "#9467bd"))
    series.append((impl, "actfn" if impl in ("dispatched", "array") else "actfn " + impl, "#1f77b4"))
    styles = {"float": ("", "circle"), "double": ("6 4", "square")}

    vals = [series_value(rates, key, d, fn, t, n) for key, _, _ in series for d in DIRS
            for fn in fns for t in sizes for n in sizes[t]]
    vals = [v / 1e9 for v in vals if v]
    lo = 10 ** math.floor(math.log10(min(vals)))
    hi = 10 ** math.ceil(math.log10(max(vals)))

    pw, ph = 170, 150                       # plot area of one panel
    ml, mt, gap_x, gap_y = 70, 110, 22, 56  # margins
    width = ml + len(fns) * (pw + gap_x) + 10
    height = mt + len(DIRS) * (ph + gap_y) - 10
    o = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
         'font-family="Helvetica, Arial, sans-serif">' % (width, height, width, height),
         '<rect width="100%" height="100%" fill="white"/>']
    title = "actfn throughput: elements per ns against working-set size (log-log)"
    o.append('<text x="%d" y="26" font-size="17" font-weight="bold">%s</text>' % (ml, esc(title)))
    sub = "%s; %s" % (cpu_model(ctx), ctx.get("compiler", ""))
    if ctx.get("cxx_flags"):
        sub += " " + ctx["cxx_flags"]
    if ctx.get("actfn_backend"):
        sub += "; dispatched: " + ctx["actfn_backend"]
    o.append('<text x="%d" y="46" font-size="11" fill="#555">%s</text>' % (ml, esc(sub)))
    # legend
    lx = ml
    for _, label, color in reversed(series):
        o.append('<line x1="%d" y1="70" x2="%d" y2="70" stroke="%s" stroke-width="2.5"/>'
                 % (lx, lx + 26, color))
        o.append('<text x="%d" y="74" font-size="12">%s</text>' % (lx + 32, esc(label)))
        lx += 60 + 7 * len(label)
    for t, (dash, marker) in styles.items():
        o.append('<line x1="%d" y1="70" x2="%d" y2="70" stroke="#333" stroke-width="1.5"%s/>'
                 % (lx, lx + 26, ' stroke-dasharray="%s"' % dash if dash else ""))
        o.append(marker_svg(marker, lx + 13, 70, "#333"))
        o.append('<text x="%d" y="74" font-size="12">%s</text>' % (lx + 32, t))
        lx += 90

    def ypos(v, y0):
        f = (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
        return y0 + ph - f * ph

    def xpos(i, x0):
        return x0 + 12 + i * (pw - 24) / max(ntiers - 1, 1)

    decades = range(int(round(math.log10(lo))), int(round(math.log10(hi))) + 1)
    for r, d in enumerate(DIRS):
        y0 = mt + r * (ph + gap_y)
        for c, fn in enumerate(fns):
            x0 = ml + c * (pw + gap_x)
            o.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#fafafa" stroke="#bbb"/>'
                     % (x0, y0, pw, ph))
            for e in decades:  # gridlines: decades solid, 2 and 5 faint
                for m_ in (1, 2, 5):
                    v = m_ * 10.0 ** e
                    if v < lo or v > hi:
                        continue
                    y = ypos(v, y0)
                    o.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>'
                             % (x0, y, x0 + pw, y, "#ccc" if m_ == 1 else "#eee"))
                    if c == 0 and m_ == 1:
                        o.append('<text x="%d" y="%.1f" font-size="10" text-anchor="end">%s</text>'
                                 % (x0 - 5, y + 3, "%g" % v))
            for i in range(ntiers):
                x = xpos(i, x0)
                o.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/>'
                         % (x, y0, x, y0 + ph))
                o.append('<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%s</text>'
                         % (x, y0 + ph + 13, esc(tier_name(i, ntiers))))
            o.append('<text x="%.1f" y="%d" font-size="13" font-weight="bold" text-anchor="middle">'
                     '%s %s</text>' % (x0 + pw / 2, y0 - 7, fn, "forward" if d == "fwd" else "backward"))
            for key, _, color in series:
                for t, (dash, marker) in styles.items():
                    pts = []
                    for i, n in enumerate(sizes.get(t, [])):
                        v = series_value(rates, key, d, fn, t, n)
                        if v:
                            pts.append((xpos(i, x0), ypos(v / 1e9, y0)))
                    if len(pts) > 1:
                        o.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>'
                                 % (" ".join("%.1f,%.1f" % p for p in pts), color,
                                    ' stroke-dasharray="%s"' % dash if dash else ""))
                    for p in pts:
                        o.append(marker_svg(marker, p[0], p[1], color))
        o.append('<text x="18" y="%.1f" font-size="12" text-anchor="middle" '
                 'transform="rotate(-90 18 %.1f)">elements / ns</text>'
                 % (y0 + ph / 2, y0 + ph / 2))
    note = "sizes: bytes per array (%s)" % ", ".join(
        tier_label(i, sizes, ntiers) for i in range(ntiers))
    o.append('<text x="%d" y="%d" font-size="11" fill="#555">%s</text>' % (ml, height - 8, esc(note)))
    o.append("</svg>")
    return "\n".join(o) + "\n"


def marker_svg(kind, x, y, color):
    if kind == "square":
        return ('<rect x="%.1f" y="%.1f" width="6" height="6" fill="white" stroke="%s" '
                'stroke-width="1.5"/>' % (x - 3, y - 3, color))
    return '<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (x, y, color)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("json", help="Google Benchmark JSON (--benchmark_out)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the tables to FILE")
    ap.add_argument("--svg", metavar="FILE", help="write the throughput chart to FILE")
    ap.add_argument("--impl", default=None,
                    help="which actfn row the first table reports as 'actfn' (default: dispatched; "
                         "'array' in results from before the per-backend rows; or a backend name, "
                         "functor, fast)")
    args = ap.parse_args(argv)

    ctx, rates, cvs, errors = load(args.json)
    if not rates:
        sys.exit("bench_report: no actfn benchmark rows in %s" % args.json)
    impl = args.impl
    if impl is None:
        impl = "dispatched" if any(k[3] == "dispatched" for k in rates) else "array"
    if not any(k[3] == impl for k in rates):
        sys.exit("bench_report: no '%s' rows in %s" % (impl, args.json))
    acc = load_accuracy(args.json)
    text = build_table(ctx, rates, cvs, errors, impl)
    summary = "\n".join(x for x in (build_summary(rates, impl, t) for t in TYPES) if x)
    equal = build_equal_accuracy_summary(rates, acc, impl)
    if equal:
        summary = (summary + "\n" if summary else "") + equal
    if summary:
        text = summary + "\n" + text
    l1 = build_l1_table(ctx, rates)
    if l1:
        text += "\n" + l1
    accuracy = build_accuracy_table(rates, acc, impl)
    if accuracy:
        text += "\n" + accuracy
    sys.stdout.write(text)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    if args.svg:
        svg = build_svg(ctx, rates, impl)
        if svg:
            with open(args.svg, "w") as f:
                f.write(svg)


if __name__ == "__main__":
    main()
