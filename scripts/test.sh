#!/usr/bin/env bash
# Build and run actfn's test suite (unit tests, header checks, install/consumer test, examples).
#
#   scripts/test.sh [COMPILER [BUILD_DIR [EXTRA_CMAKE_ARGS...]]]
#
#   COMPILER    C++ compiler (default: $CXX, else CMake's choice); "" or - keeps the default
#   BUILD_DIR   build directory (default: build/test)
#   EXTRA...    passed to the configure step, e.g. -DCMAKE_CXX_STANDARD=20 -DACTFN_SANITIZE=ON
#               -DACTFN_EXTRA_TEST_FLAGS="-O3;-march=native;-ffast-math"
#
# Environment: JOBS (default: nproc), CTEST_ARGS (extra ctest arguments, e.g. "-L unit"),
#              ACTFN_SKIP_DEPS=1 to skip the apt step.
# Build type: Release with -O2 and asserts on (no -DNDEBUG). Tests, tools and examples are built;
# the benchmarks are not (see `cmake --workflow --preset bench`).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

compiler=${1-}
[[ "$compiler" == "-" ]] && compiler=""
[[ -z "$compiler" ]] && compiler=${CXX-}
build_dir=${2:-build/test}
shift $(( $# < 2 ? $# : 2 ))
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

t_all=$SECONDS
timed() {  # timed NAME CMD...: run CMD, print how long it took
  local name=$1; shift
  local t0=$SECONDS
  echo "--- test.sh: $name"
  "$@"
  echo "--- test.sh: $name took $((SECONDS - t0)) s"
}

if [[ "${ACTFN_SKIP_DEPS:-0}" != 1 ]]; then
  groups=(test)
  case "$(basename "${compiler:-c++}")" in clang*) groups+=(clang) ;; esac
  timed "install deps (${groups[*]})" bash "$root/scripts/install-deps.sh" "${groups[@]}"
fi

cfg=(-S "$root" -B "$build_dir"
     -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2"
     -DACTFN_BUILD_TESTS=ON -DACTFN_BUILD_TOOLS=ON -DACTFN_BUILD_EXAMPLES=ON
     -DACTFN_BUILD_BENCH=OFF)
if [[ -n "$compiler" ]]; then cfg+=("-DCMAKE_CXX_COMPILER=$compiler"); fi
cfg+=("$@")

timed "configure ($build_dir${compiler:+, $compiler}${*:+, $*})" cmake "${cfg[@]}"
timed "build (-j$jobs)" cmake --build "$build_dir" -j "$jobs"
# shellcheck disable=SC2086  # CTEST_ARGS is a word list on purpose
timed "ctest" bash -c 'cd "$1" && shift && ctest --output-on-failure --no-tests=error "$@"' _ \
  "$build_dir" -j "$jobs" ${CTEST_ARGS-}
echo "--- test.sh: all stages took $((SECONDS - t_all)) s"
