#!/usr/bin/env bash
# Cross-build the unit tests for AArch64 and run them under qemu-user: special values, sampled
# sweeps, the array API and the bit-identity checks then run on the NEON backend (and on the
# scalar backend compiled for AArch64).
#
#   scripts/test-aarch64.sh [BUILD_DIR [EXTRA_CMAKE_ARGS...]]      (default: build/aarch64)
#
# Environment: JOBS (default: nproc), CTEST_ARGS (extra ctest arguments),
#              ACTFN_SKIP_DEPS=1 to skip the apt step.
# Toolchain: cmake/toolchain-aarch64.cmake (aarch64-linux-gnu-g++, qemu-aarch64 as the emulator).
# Catch2: Debian's package is used for its header only. Its CMake package is staged into the
# build tree so that the cross compiler sees /usr/include/catch2 and nothing else of the host's
# /usr/include, and without the prebuilt x86-64 Catch2WithMain: tests/main.cpp is compiled.
# Tools (MPFR), benchmarks, examples and the install/consumer test are not built.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

build_dir=${1:-build/aarch64}
case $build_dir in /*) ;; *) build_dir=$root/$build_dir ;; esac  # absolute from here on
shift $(( $# < 1 ? $# : 1 ))
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
sysroot=/usr/aarch64-linux-gnu
catch2_cmake=${CATCH2_CMAKE_DIR:-/usr/lib/cmake/Catch2}
catch2_include=${CATCH2_INCLUDE_DIR:-/usr/include}

t_all=$SECONDS
timed() {  # timed NAME CMD...: run CMD, print how long it took
  local name=$1; shift
  local t0=$SECONDS
  echo "--- test-aarch64.sh: $name"
  "$@"
  echo "--- test-aarch64.sh: $name took $((SECONDS - t0)) s"
}

if [[ "${ACTFN_SKIP_DEPS:-0}" != 1 ]]; then
  timed "install deps (test aarch64)" bash "$root/scripts/install-deps.sh" test aarch64
fi

# Catch2 for the target: its CMake files (Catch2Targets-*.cmake left out: they name the host's
# libCatch2WithMain.a) next to an include directory holding only catch2/.
stage_catch2() {
  local prefix=$1
  rm -rf "$prefix"
  mkdir -p "$prefix/lib/cmake/Catch2" "$prefix/include"
  local f
  for f in "$catch2_cmake"/*.cmake; do
    case "$(basename "$f")" in Catch2Targets-*.cmake) ;; *) cp "$f" "$prefix/lib/cmake/Catch2/" ;; esac
  done
  ln -s "$catch2_include/catch2" "$prefix/include/catch2"
}
timed "stage Catch2 (header only)" stage_catch2 "$build_dir/catch2"

cfg=(-S "$root" -B "$build_dir"
     "-DCMAKE_TOOLCHAIN_FILE=$root/cmake/toolchain-aarch64.cmake"
     -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2"
     "-DCatch2_DIR=$build_dir/catch2/lib/cmake/Catch2"
     -DACTFN_CATCH_PREBUILT_MAIN=OFF
     -DACTFN_BUILD_TESTS=ON -DACTFN_BUILD_TOOLS=OFF -DACTFN_BUILD_EXAMPLES=OFF
     -DACTFN_BUILD_BENCH=OFF -DACTFN_INSTALL=OFF -DACTFN_BUILD_COMPILED=OFF)
cfg+=("$@")

timed "configure ($build_dir, aarch64-linux-gnu-g++${*:+, $*})" cmake "${cfg[@]}"
timed "build (-j$jobs)" cmake --build "$build_dir" -j "$jobs"

# The array API must pick NEON under qemu; otherwise the suite would test the scalar backend only.
check_backend() {
  local src="$build_dir/active_backend.cpp" exe="$build_dir/active_backend"
  printf '%s\n' '#include <actfn/array.hpp>' '#include <cstdio>' \
    'int main() { std::puts(actfn::backend_name(actfn::active_backend())); }' > "$src"
  aarch64-linux-gnu-g++ -std=c++17 -O1 -I"$root/include" "$src" -o "$exe"
  local got
  got=$(env -u ACTFN_ARCH qemu-aarch64 -L "$sysroot" "$exe")
  echo "active backend under qemu-aarch64: $got"
  [[ "$got" == neon ]]
}
timed "check the active backend" check_backend

# shellcheck disable=SC2016,SC2086  # $1 expands in the inner shell; CTEST_ARGS is a word list
timed "ctest (qemu-aarch64)" bash -c 'cd "$1" && shift && env -u ACTFN_ARCH ctest --output-on-failure --no-tests=error "$@"' _ \
  "$build_dir" -j "$jobs" ${CTEST_ARGS-}
echo "--- test-aarch64.sh: all stages took $((SECONDS - t_all)) s"
