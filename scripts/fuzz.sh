#!/usr/bin/env bash
# Build and run the libFuzzer differential target (tests/fuzz/differential.cpp: the array API on
# every backend this CPU has against the scalar functors, bit for bit).
#
#   scripts/fuzz.sh [SECONDS [BUILD_DIR]]           run for SECONDS (default 60) over the
#                                                   committed corpus, which stays as it is
#   scripts/fuzz.sh --merge [SECONDS [BUILD_DIR]]   regrow the corpus: run for SECONDS (default
#                                                   600), then replace tests/fuzz/corpus with a
#                                                   small set of the old and new inputs that
#                                                   keeps their coverage (libFuzzer
#                                                   -set_cover_merge=1 -use_counters=0)
#
#   BUILD_DIR   where the binary, the log and any crashing input go (default: build/fuzz)
#
# Environment: FUZZ_CXX (default: clang++; libFuzzer needs clang), FUZZ_FLAGS (extra compile
#              flags, e.g. -DACTFN_GROUP_REGISTERS=1), ACTFN_SKIP_DEPS=1 to skip the apt step.
# Exit status: non-zero when the build fails or the fuzzer reports anything (a mismatch, a
# sanitizer error, a crash, a timeout). The input that did it is BUILD_DIR/artifacts/crash-*;
# `BUILD_DIR/differential FILE` runs it again.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

merge=0
if [[ "${1-}" == "--merge" ]]; then merge=1; shift; fi
if [[ "${1-}" == -h || "${1-}" == --help ]]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
  exit 0
fi
seconds=${1:-$(( merge ? 600 : 60 ))}
build_dir=${2:-build/fuzz}
cxx=${FUZZ_CXX:-clang++}
corpus=tests/fuzz/corpus
# (libFuzzer reads -max_total_time=0 as "no limit".)
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS must be a positive whole number, not '$seconds'" >&2; exit 2; }

if [[ "${ACTFN_SKIP_DEPS:-0}" != 1 ]]; then
  bash "$root/scripts/install-deps.sh" fuzz
fi

# ---- build ---------------------------------------------------------------------------------
# The repository's warning flags (cmake/ActfnInternal.cmake) and the sanitizers, at -O1 as
# sanitizer builds usually are. Two translation units, one per value type, built side by side
# (ACTFN_FUZZ_PART in differential.cpp): half the wall time on two cores.
# shellcheck disable=SC2206,SC2054  # FUZZ_FLAGS is a word list on purpose; commas in -fsanitize=
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
       -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -Iinclude ${FUZZ_FLAGS-})
bin=$build_dir/differential
mkdir -p "$build_dir"
stamp="$cxx ${flags[*]}"
# Rebuilt when the flags changed or a source changed since the last build started (not ended: a
# header edited during a build is read again by the next one).
if [[ ! -x "$bin" || ! -f "$bin.started" || "$(cat "$bin.flags" 2>/dev/null)" != "$stamp" ||
      -n "$(find include tests/fuzz/differential.cpp tests/support/fp.hpp -newer "$bin.started" \
              -type f -print -quit)" ]]; then
  t0=$SECONDS
  echo "fuzz.sh: building $bin ($cxx)"
  rm -f "$bin" "$bin.flags"
  touch "$bin.started"
  "$cxx" "${flags[@]}" -DACTFN_FUZZ_PART=1 -c tests/fuzz/differential.cpp -o "$build_dir/part1.o" &
  pid1=$!
  "$cxx" "${flags[@]}" -DACTFN_FUZZ_PART=2 -c tests/fuzz/differential.cpp -o "$build_dir/part2.o" &
  pid2=$!
  ok=1
  wait "$pid1" || ok=0
  wait "$pid2" || ok=0
  ((ok)) || { echo "fuzz.sh: build failed" >&2; exit 1; }
  "$cxx" "${flags[@]}" "$build_dir/part1.o" "$build_dir/part2.o" -o "$bin"
  echo "$stamp" > "$bin.flags"
  echo "fuzz.sh: build took $((SECONDS - t0)) s"
else
  echo "fuzz.sh: $bin is up to date"
fi

# ---- run -----------------------------------------------------------------------------------
# New inputs go to a fresh directory (the first one libFuzzer is given), so the committed corpus
# is only read. -timeout: one input runs in milliseconds; seconds mean a hang.
new=$(mktemp -d "${TMPDIR:-/tmp}/actfn-fuzz.XXXXXX")
merged=""
cleanup() { rm -rf "$new" ${merged:+"$merged"}; }
trap cleanup EXIT
mkdir -p "$build_dir/artifacts"
log=$build_dir/fuzz.log
if [[ ! -d "$corpus" ]]; then
  ((merge)) || { echo "fuzz.sh: no $corpus (--merge starts one)" >&2; exit 1; }
  mkdir -p "$corpus"
fi
committed=$(find "$corpus" -type f | wc -l)
echo "fuzz.sh: running for ${seconds} s over $corpus ($committed inputs); log: $log"
t0=$SECONDS
rc=0
"$bin" -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
  -artifact_prefix="$build_dir/artifacts/" "$new" "$corpus" > "$log" 2>&1 || rc=$?
took=$((SECONDS - t0))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
added=$(find "$new" -type f | wc -l)
grep -E '^INFO: Seed|^#[0-9]+[[:space:]]+(INITED|DONE)' "$log" || true
if ((rc != 0)); then
  echo "fuzz.sh: FAILED (exit $rc) after ${took} s, ${runs:-?} executions; the report:" >&2
  grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse|RELOAD)' "$log" | tail -n 100 >&2
  # shellcheck disable=SC2012  # the newest file; the names are libFuzzer's (crash-<sha1>)
  echo "fuzz.sh: the input: $(ls -t "$build_dir"/artifacts/* 2>/dev/null | head -n1); rerun: $bin FILE" >&2
  exit "$rc"
fi
echo "fuzz.sh: ok: ${runs:-?} executions in ${took} s (${rate:-?}/s), $added new inputs$( ((merge)) || echo ' (not kept)')"

if ((merge)); then
  merged=$(mktemp -d "${TMPDIR:-/tmp}/actfn-fuzz-merged.XXXXXX")
  # The smallest set that keeps every edge (greedy set cover; without the hit-count buckets,
  # which would keep an input for every loop trip count): a few inputs per function, tier,
  # type and direction.
  "$bin" -set_cover_merge=1 -use_counters=0 -timeout=10 -max_len=4096 "$merged" "$corpus" "$new" >> "$log" 2>&1
  find "$corpus" -type f -delete
  cp "$merged"/* "$corpus"/
  echo "fuzz.sh: $corpus: $(find "$corpus" -type f | wc -l) inputs (was $committed)," \
       "$(find "$corpus" -type f -exec cat {} + | wc -c) bytes"
fi
