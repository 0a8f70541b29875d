#!/usr/bin/env bash
# Build and run the benchmarks, then print the README's throughput tables.
#
#   scripts/bench.sh [--peers] [GOOGLE_BENCHMARK_FLAGS...]
#
#   scripts/bench.sh                                   actfn, std, copy: 5 repetitions (see bench/README.md for the time)
#   scripts/bench.sh --peers                           also Eigen, SLEEF, oneDNN (installs libeigen3-dev libsleef-dev libdnnl-dev)
#   scripts/bench.sh --benchmark_filter='/float/'      only float rows
#   BENCH_REPS=1 BENCH_MIN_TIME=0.05 scripts/bench.sh  a quick look
#   BENCH_CPU=-1 scripts/bench.sh                      do not pin (default: the first CPU this process may use)
#
# Release build in build/bench (override: BENCH_BUILD_DIR). Writes results.json (Google Benchmark
# JSON, medians of the repetitions), results.md (the tables) and results.svg (the chart) there.
# Extra arguments go to actfn_bench after ours, so they win (e.g. --benchmark_repetitions=10).
set -euo pipefail
cd "$(dirname "$0")/.."

peers=OFF
args=()
for a in "$@"; do
  if [[ "$a" == "--peers" ]]; then peers=ON; else args+=("$a"); fi
done

build=${BENCH_BUILD_DIR:-build/bench}
reps=${BENCH_REPS:-5}
min_time=${BENCH_MIN_TIME:-0.1}   # seconds per repetition (1.7.1 takes a plain number)
start=$SECONDS

# ---- dependencies: cmake, a C++ compiler, Google Benchmark -----------------------------------
have_deps() {
  command -v cmake >/dev/null && command -v c++ >/dev/null &&
    echo '#include <benchmark/benchmark.h>' | c++ -x c++ -E - >/dev/null 2>&1
}
if ! have_deps; then
  if [[ -x scripts/install-deps.sh ]]; then
    scripts/install-deps.sh bench
  else
    sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends cmake make g++ libbenchmark-dev
  fi
  have_deps || { echo "bench.sh: cmake, c++ or Google Benchmark still missing" >&2; exit 1; }
fi
if [[ $peers == ON ]]; then
  if [[ -x scripts/install-deps.sh ]]; then
    scripts/install-deps.sh peers
  else
    echo "bench.sh: scripts/install-deps.sh missing; peers are used only if already installed" >&2
  fi
fi

# ---- build ---------------------------------------------------------------------------------------
if ! cfg=$(cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DACTFN_BUILD_BENCH=ON \
    -DACTFN_BUILD_TESTS=OFF -DACTFN_BUILD_TOOLS=OFF -DACTFN_BUILD_EXAMPLES=OFF \
    -DACTFN_BENCH_PEERS="$peers" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON 2>&1); then
  echo "$cfg" >&2
  exit 1
fi
grep -E "^-- actfn bench|Warning" <<<"$cfg" || true
cmake --build "$build" --target actfn_bench -j "$(nproc 2>/dev/null || echo 2)"
built=$SECONDS
bin="$build/bench/actfn_bench"
[[ -x "$bin" ]] || { echo "bench.sh: $bin was not built" >&2; exit 1; }

# The compile line of the bench TU, minus paths, recorded in the results' context.
flags=$(python3 - "$build/compile_commands.json" <<'EOF'
import json, os, shlex, sys
try:
    entries = json.load(open(sys.argv[1]))
except OSError:
    sys.exit(0)
for e in entries:
    if os.path.basename(e["file"]).startswith("bench_"):
        args = e.get("arguments") or shlex.split(e["command"])
        out, skip = [], False
        for a in args[1:]:
            if skip:
                skip = False
            elif a in ("-o", "-MF", "-MT", "-MQ", "-I", "-isystem"):
                skip = True
            elif a in ("-c", "-MD", "-MMD") or a == e["file"] or a.startswith(("-I", "-isystem")):
                pass
            else:
                out.append(a)
        print(" ".join(out))
        break
EOF
)

# ---- run -------------------------------------------------------------------------------------------
# Pinned to one CPU (taskset), so that the run does not move between cores mid-way: the suite is
# single-threaded, and on a shared VM the cores can differ (on the project's 2-vCPU VM the second
# ran 20-30 % slower, bench/NOTES.md item 35).
pin=()
cpu=${BENCH_CPU:-$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))' 2>/dev/null || echo -1)}
if [[ "$cpu" != "-1" ]] && command -v taskset >/dev/null; then
  pin=(taskset -c "$cpu")
  echo "bench.sh: pinned to CPU $cpu (BENCH_CPU=-1: not pinned)"
fi
ACTFN_BENCH_CXX_FLAGS="$flags" ${pin[@]+"${pin[@]}"} "$bin" \
  --benchmark_repetitions="$reps" \
  --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_min_time="$min_time" \
  --benchmark_out="$build/results.json" \
  --benchmark_out_format=json \
  ${args[@]+"${args[@]}"}

ran=$SECONDS
echo
python3 scripts/bench_report.py "$build/results.json" \
  --markdown "$build/results.md" --svg "$build/results.svg"
echo
echo "bench.sh: $((SECONDS - start)) s (build $((built - start)) s, run $((ran - built)) s); wrote $build/results.{json,md,svg}"
