#!/usr/bin/env python3
"""Turn actfn_bench's Google Benchmark JSON into the README's table and an SVG chart.

    scripts/bench_report.py build/bench/results.json [--markdown FILE] [--svg FILE] [--impl array]

Benchmark names are <dir>/<function>/<type>/<impl>/<n> (see bench/bench_activations.cpp). For each
function x direction x type the table gives, per working-set size, the library's throughput in
elements per nanosecond (median over repetitions), its speed-up over the plain std:: loop, and its
fraction of the copy loop's element rate (the memory bound for the same arrays). Python 3 stdlib only.
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
NAME_RE = re.compile(r"^(fwd|bwd)/([a-z_0-9]+)/(float|double)/([a-z_0-9]+)/(\d+)$")


# ---- reading ----------------------------------------------------------------------------------
def load(path):
    """Return (context, rates, noise): rates[(dir, fn, type, impl, n)] = median items/s;
    noise[key] = run-to-run coefficient of variation of items/s (only with repetitions)."""
    with open(path) as f:
        data = json.load(f)
    samples = defaultdict(list)
    medians, cvs = {}, {}
    reps = max((b.get("repetitions", 1) for b in data.get("benchmarks", [])), default=1)
    for b in data.get("benchmarks", []):
        m = NAME_RE.match(b.get("run_name", b.get("name", "")))
        if not m or b.get("error_occurred"):
            continue
        key = (m.group(1), m.group(2), m.group(3), m.group(4), int(m.group(5)))
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
    return ctx, rates, cvs


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
    cache level (the bench sizes them in bytes per array)."""
    sizes = defaultdict(set)
    for (_, _, t, _, n) in rates:
        sizes[t].add(n)
    return {t: sorted(v) for t, v in sizes.items()}


def tier_label(i, sizes_by_type, ntiers):
    byte_sizes = {n * SIZEOF[t] for t, ns in sizes_by_type.items() if i < len(ns) for n in [ns[i]]}
    label = " / ".join(human_bytes(b) for b in sorted(byte_sizes))
    if ntiers == 3:
        label = ["L1", "L2", "mem"][i] + " " + label
    return label


# ---- the table --------------------------------------------------------------------------------
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
    return "-" if a is None or not b else "%.2fx" % (a / b)


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
    if ctx.get("date"):
        extra.append(ctx["date"][:10])
    extra.append(reps_note)
    if ctx.get("load_avg"):
        extra.append("load average at start %.1f" % ctx["load_avg"][0])
    lines.append(", ".join(extra))
    return lines


def build_table(ctx, rates, cvs, impl):
    sizes = tiers(rates)
    ntiers = max((len(v) for v in sizes.values()), default=0)
    labels = [tier_label(i, sizes, ntiers) for i in range(ntiers)]
    reps = ("median of %d repetitions" % ctx["repetitions"] if ctx.get("repetitions", 1) > 1
            else "single runs (no repetitions)")
    # No heading: scripts/update-readme.py pastes this under the README's own heading.
    out = [l + "  " for l in header_lines(ctx, reps)]
    out.append("")
    head = ["function", "dir", "type"]
    for lab in labels:
        head += ["%s el/ns" % lab, "vs std", "of copy"]
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "|".join(["---"] * 3 + ["--:"] * (3 * ntiers)) + "|")
    noisy = []
    present_fns = [f for f in FUNCTIONS if any(k[1] == f for k in rates)]
    present_fns += sorted({k[1] for k in rates} - set(FUNCTIONS) - {"copy"})
    for fn in present_fns:
        for d in DIRS:
            for t in TYPES:
                if t not in sizes:
                    continue
                row = [fn, d, t]
                any_value = False
                for n in sizes[t]:
                    a = rates.get((d, fn, t, impl, n))
                    s = rates.get((d, fn, t, "std", n))
                    c = copy_rate(rates, d, t, n)
                    any_value |= a is not None
                    row += [fmt_rate(a), fmt_ratio(a, s), fmt_frac(a, c)]
                    cv = cvs.get((d, fn, t, impl, n))
                    if cv is not None and cv > 0.05:
                        noisy.append((cv, "%s/%s/%s/%s/%d" % (d, fn, t, impl, n)))
                if any_value:
                    out.append("| " + " | ".join(row) + " |")
    for d in DIRS:
        for t in TYPES:
            if t not in sizes:
                continue
            row = ["copy", d, t]
            cells = []
            for n in sizes[t]:
                c = copy_rate(rates, d, t, n)
                gbs = "" if c is None else " (%.0f GB/s)" % (c * SIZEOF[t] * (2 if d == "fwd" else 3) / 1e9)
                cells += [fmt_rate(c) + gbs, "", ""]
            if any(x not in ("-", "") for x in cells):
                out.append("| " + " | ".join(row + cells) + " |")
    out.append("")
    what = {"array": "actfn::forward / actfn::backward", "functor": "the scalar functor in a loop"}
    out.append("el/ns: elements per nanosecond of %s (higher is better). vs std: speed-up over the "
               "plain libm loop. of copy: fraction of the copy loop's element rate (forward: "
               "memcpy x to y; backward: dx = dy*x over the same three arrays), the memory bound. "
               "Sizes are bytes per array (float %s / double %s elements)."
               % (what.get(impl, impl), ", ".join(map(str, sizes.get("float", []))),
                  ", ".join(map(str, sizes.get("double", [])))))
    if noisy:
        noisy.sort(reverse=True)
        shown = ", ".join("%s %.0f%%" % (name, 100 * cv) for cv, name in noisy[:8])
        more = " and %d more" % (len(noisy) - 8) if len(noisy) > 8 else ""
        out.append("")
        out.append("Noisy: %d of the %s rows vary by more than 5%% between repetitions (cv): %s%s."
                   % (len(noisy), impl, shown, more))
    return "\n".join(out) + "\n"


# ---- the chart --------------------------------------------------------------------------------
def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_svg(ctx, rates, impl):
    sizes = tiers(rates)
    ntiers = max((len(v) for v in sizes.values()), default=0)
    fns = [f for f in FUNCTIONS if any(k[1] == f for k in rates)]
    if not fns or ntiers == 0:
        return None
    # drawn in this order, so actfn ends up on top where the lines coincide
    series = [("copy", "copy (memory bound)", "#7f7f7f"), ("std", "std:: loop", "#e6550d"),
              (impl, "actfn " + impl, "#1f77b4")]
    styles = {"float": ("", "circle"), "double": ("6 4", "square")}

    vals = [v / 1e9 for k, v in rates.items() if k[3] in (impl, "std") or k[1] == "copy"]
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
                         % (x, y0 + ph + 13, esc(tier_label(i, sizes, ntiers).split(" ")[0])))
            o.append('<text x="%.1f" y="%d" font-size="13" font-weight="bold" text-anchor="middle">'
                     '%s %s</text>' % (x0 + pw / 2, y0 - 7, fn, "forward" if d == "fwd" else "backward"))
            for impl_key, _, color in series:
                for t, (dash, marker) in styles.items():
                    pts = []
                    for i, n in enumerate(sizes.get(t, [])):
                        v = copy_rate(rates, d, t, n) if impl_key == "copy" else \
                            rates.get((d, fn, t, impl_key, n))
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
    note = "sizes: bytes per array (L1 %s, L2 %s, mem %s)" % tuple(
        tier_label(i, sizes, ntiers).split(" ", 1)[1] for i in range(3)) if ntiers == 3 else ""
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
    ap.add_argument("--markdown", metavar="FILE", help="also write the table to FILE")
    ap.add_argument("--svg", metavar="FILE", help="write the throughput chart to FILE")
    ap.add_argument("--impl", default="array", choices=["array", "functor"],
                    help="which actfn variant the table reports (default: array)")
    args = ap.parse_args(argv)

    ctx, rates, cvs = load(args.json)
    if not rates:
        sys.exit("bench_report: no actfn benchmark rows in %s" % args.json)
    table = build_table(ctx, rates, cvs, args.impl)
    sys.stdout.write(table)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(table)
    if args.svg:
        svg = build_svg(ctx, rates, args.impl)
        if svg:
            with open(args.svg, "w") as f:
                f.write(svg)


if __name__ == "__main__":
    main()
