#!/usr/bin/env python3
"""Compare two or more builds of the benchmark on a noisy machine: run the actfn_bench binaries
one after the other, alternating their order each round, and print each row's median el/ns per
binary and its ratio to the first (the baseline). What bench/NOTES.md calls "interleaved".

    scripts/ab_compare.py [--rounds N] [--filter REGEX] BASE_BENCH NEW_BENCH [MORE...]

Typical use, a commit against its parent (both Release, no peers needed):
    git worktree add /tmp/base HEAD~1
    cmake -S /tmp/base -B /tmp/base/build -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_BENCH=ON \\
          -DACTFN_BUILD_TESTS=OFF && cmake --build /tmp/base/build --target actfn_bench
    scripts/ab_compare.py --filter 'float/(dispatched|fast)/4096' \\
          /tmp/base/build/bench/actfn_bench build/bench/bench/actfn_bench

Every run is pinned to one CPU (--cpu, default 0; taskset): on the project's 2-vCPU VM the second
vCPU runs 20-30 % slower (relu 17-19 against 25-26 el/ns), and a run that lands on it, or moves
to it, swamps a few-percent change. Rows whose code did not change (relu when a transcendental
kernel changed) show how far the ratios move by themselves: within +-2 % pinned. The state of the
shared host still matters beyond noise: with the core's other hardware thread busy, a kernel
bound by its chains' latency becomes bound by its instruction count, and a change that trades
instructions for a shorter chain can win in one state and lose in the other (bench/NOTES.md 37):
note the relu rate of the run (25-26 el/ns idle, 17-19 busy here).
"""
import argparse
import collections
import csv
import io
import shutil
import statistics
import subprocess


def run_once(binary, regex, min_time, cpu):
    pin = ["taskset", "-c", str(cpu)] if cpu >= 0 and shutil.which("taskset") else []
    out = subprocess.run(pin + [binary, "--benchmark_filter=" + regex, "--benchmark_min_time=%g" % min_time,
                                "--benchmark_format=csv"], check=True, capture_output=True, text=True).stdout
    rows = csv.DictReader(io.StringIO(out[out.index("name,"):]))
    return {row["name"]: float(row["items_per_second"]) / 1e9 for row in rows if row["items_per_second"]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binaries", nargs="+", help="actfn_bench binaries; the first is the baseline")
    parser.add_argument("--filter", default="float/(dispatched|fast)/4096", help="benchmark name regex")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--min-time", type=float, default=0.1, help="seconds per row and run")
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin every run to (-1: no pinning)")
    args = parser.parse_args()
    if len(args.binaries) < 2:
        parser.error("two binaries at least")

    # Keyed by the binary's position, so that a binary given twice (a noise check) counts twice.
    rates = collections.defaultdict(list)
    positions = list(range(len(args.binaries)))
    for r in range(args.rounds):
        for i in (positions if r % 2 == 0 else positions[::-1]):
            for name, rate in run_once(args.binaries[i], args.filter, args.min_time, args.cpu).items():
                rates[(name, i)].append(rate)

    # The ratio is taken per round (the binaries of one round ran seconds apart, in one state of
    # the machine) and its median printed: steadier than a ratio of medians when the machine's
    # state drifts between rounds.
    names = sorted({name for name, _ in rates})
    width = max(len(n) for n in names)
    print("%-*s %s  %s" % (width, "row (median el/ns)", " ".join("%9s" % ("bin%d" % i) for i in range(len(args.binaries))),
                           " ".join("bin%d/bin0" % i for i in range(1, len(args.binaries)))))
    for name in names:
        runs = [rates[(name, i)] for i in positions]
        medians = [statistics.median(r) for r in runs]
        ratios = [statistics.median(x / y for x, y in zip(r, runs[0])) for r in runs[1:]]
        print("%-*s %s  %s" % (width, name, " ".join("%9.3f" % m for m in medians),
                               " ".join("%9.2f" % q for q in ratios)))
    for i, b in enumerate(args.binaries):
        print("bin%d: %s" % (i, b))


if __name__ == "__main__":
    main()
