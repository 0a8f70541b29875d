#!/usr/bin/env bash
# The mixed-ISA link test (tests/link/CMakeLists.txt runs it under ctest):
#
#   run_check.sh MIXED_PROGRAM SINGLE_PROGRAM OBJECT...
#
# 1. Symbols: every weak symbol of actfn (demangled name in namespace actfn) that two or more of the
#    objects define must have the same instructions in each (addresses aside). The linker keeps
#    one copy of a weak symbol for the whole program, so a symbol that is SSE code in the baseline
#    object and VEX or EVEX code in the x86-64-v3/v4 one could send a baseline caller into AVX.
#    Printed for each shared symbol: whether its code uses VEX/EVEX (v-prefixed) instructions.
# 2. Results: the mixed program (the v3 object linked first) prints the same hash for every copy
#    this CPU runs, and the same as the single-TU program.
# 3. A CPU without AVX: the mixed program runs under `qemu-x86_64 -cpu Nehalem` (no AVX, no FMA)
#    and prints the single-TU program's baseline hash. Without qemu-x86_64 (Debian: qemu-user) this
#    part fails: scripts/install-deps.sh installs it with the test dependencies.
set -euo pipefail

mixed=$1 single=$2
shift 2
objects=("$@")
status=0

code_of() {  # code_of OBJECT SYMBOL: its instructions, without addresses, encodings or targets
  objdump -d --no-show-raw-insn --disassemble="$2" "$1" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ { sub(/#.*/, "", $3); sub(/ *<.*>/, "", $3); print $2 }' |
    sed -E 's/0x[0-9a-f]+/ADDR/g; s/ +$//'
}
uses_vex() { grep -qE '^v' <<< "$1" && echo "VEX/EVEX" || echo "no VEX"; }

declare -A defined_in
for o in "${objects[@]}"; do
  while read -r sym; do defined_in[$sym]+="$o "; done < <(nm --defined-only "$o" | awk '$2 == "W" || $2 == "V" || $2 == "u" {print $3}')
done
shared=0
for sym in "${!defined_in[@]}"; do
  read -r -a objs <<< "${defined_in[$sym]}"
  ((${#objs[@]} >= 2)) || continue
  name=$(c++filt "$sym")
  [[ "$name" == *actfn::* ]] || continue
  shared=$((shared + 1))
  ref=$(code_of "${objs[0]}" "$sym")
  for o in "${objs[@]:1}"; do
    other=$(code_of "$o" "$sym")
    if [[ "$ref" != "$other" ]]; then
      echo "DIFFERENT CODE under one name: $name"
      echo "  $(basename "${objs[0]}"): $(uses_vex "$ref"), $(basename "$o"): $(uses_vex "$other")"
      status=1
    fi
  done
done
echo "weak actfn symbols defined by two or more of the ${#objects[@]} objects: $shared"

single_out=$("$single")
mixed_out=$("$mixed") || { echo "$mixed_out"; echo "the mixed program failed"; exit 1; }
echo "$mixed_out"
want=$(awk '/^baseline/ {print $2}' <<< "$single_out")
echo "single-TU program: baseline $want"
if [[ "$(awk '/^baseline/ {print $2}' <<< "$mixed_out")" != "$want" ]]; then
  echo "the mixed program's results differ from the single-TU program's"
  status=1
fi

if ! command -v qemu-x86_64 > /dev/null; then
  echo "qemu-x86_64 not found (Debian: qemu-user): cannot run the program on a CPU without AVX"
  exit 1
fi
nehalem_out=$(qemu-x86_64 -cpu Nehalem "$mixed") || {
  echo "$nehalem_out"
  echo "the mixed program FAILED under qemu-x86_64 -cpu Nehalem (a CPU without AVX)"
  exit 1
}
echo "under qemu-x86_64 -cpu Nehalem:"
echo "$nehalem_out"
if [[ "$(awk '/^baseline/ {print $2}' <<< "$nehalem_out")" != "$want" ]]; then
  echo "under qemu-x86_64 -cpu Nehalem the results differ from the single-TU program's"
  status=1
fi
exit "$status"
