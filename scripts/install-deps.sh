#!/usr/bin/env bash
# Install the Debian packages a task needs, and only those that are missing.
#
#   scripts/install-deps.sh [GROUP...]      (default: test)
#
#   test     cmake make g++ catch2 libmpfr-dev pkg-config qemu-user
#            (build + unit tests + tools; qemu-x86_64 runs the mixed-ISA link test on a CPU
#            without AVX)
#   bench    cmake make g++ libbenchmark-dev                (benchmarks)
#   clang    clang                                          (the clang++ build)
#   fuzz     clang libclang-rt-dev                          (scripts/fuzz.sh: libFuzzer and
#            clang's ASan/UBSan runtimes, libclang_rt.*, which Debian 12 ships in
#            libclang-rt-14-dev; the clang packages only recommend it, and
#            recommends are not installed)
#   aarch64  g++-aarch64-linux-gnu qemu-user                (cross build, run under qemu)
#   peers    libeigen3-dev libsleef-dev libdnnl-dev         (other libraries to compare with)
#
# Runs apt-get (through sudo when not root); `apt-get update` only when something is missing.
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

group_packages() {
  case "$1" in
    test)    echo "cmake make g++ catch2 libmpfr-dev pkg-config qemu-user" ;;
    bench)   echo "cmake make g++ libbenchmark-dev" ;;
    clang)   echo "clang" ;;
    fuzz)    echo "clang libclang-rt-dev" ;;
    aarch64) echo "g++-aarch64-linux-gnu qemu-user" ;;
    peers)   echo "libeigen3-dev libsleef-dev libdnnl-dev" ;;
    *)       return 1 ;;
  esac
}

is_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == "installed" ]]
}

groups=("$@")
if [[ ${#groups[@]} -eq 0 ]]; then groups=(test); fi

wanted=()
for g in "${groups[@]}"; do
  case "$g" in -h|--help) usage; exit 0 ;; esac
  if ! pkgs=$(group_packages "$g"); then
    echo "install-deps: unknown group '$g'" >&2
    usage >&2
    exit 2
  fi
  for p in $pkgs; do wanted+=("$p"); done
done

missing=()
for p in "${wanted[@]}"; do
  if ! is_installed "$p"; then
    case " ${missing[*]-} " in *" $p "*) ;; *) missing+=("$p") ;; esac
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: ${groups[*]}: all packages already installed"
  exit 0
fi

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps: not a Debian system; install by hand: ${missing[*]}" >&2
  exit 1
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then SUDO=(sudo); else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
