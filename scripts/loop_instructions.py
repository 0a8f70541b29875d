#!/usr/bin/env python3
"""Instructions per element of actfn's AVX-512 array loops, accurate and fast tiers. A static
count of the steady state, so it is exact and repeatable on a noisy machine (the project's hosts have no
hardware counters for perf stat, and valgrind does not run AVX-512 code). Peers are left out: their
loops (Eigen's peeled, auto-vectorised prologues and epilogues) cannot be told apart from the main
loop without running them.

    scripts/loop_instructions.py [--markdown FILE] [--cxx g++]

For each kernel it compiles a call of the AVX-512 loop, disassembles it (objdump), takes the
main loop (the most stores; the tail has none) along the path a group in the central range takes
(see hot_path), and divides its instruction count by the elements it stores per iteration
(full-width stores, spills to the stack excluded).
Flags: the bench's, -O3 -std=c++17 (actfn picks its own target per backend).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FUNCTIONS = ["sigmoid", "relu", "leaky_relu", "tanh", "swish", "gelu", "gelu_tanh"]
TYPES = ["float", "double"]


def actfn_source():
    lines = ["#include <actfn/actfn.hpp>", "#include <actfn/fast.hpp>", "#include <cstddef>",
             "namespace k = actfn::detail::avx512_kernels;"]
    for fn in FUNCTIONS:
        for t in TYPES:
            for tier, ns in (("accurate", "actfn"), ("fast", "actfn::fast")):
                f = "%s::%s{}" % (ns, fn)
                # The loop the default parameters run (kernels.inc, variant()): the fast swish's
                # beta = 1 has its own; leaky_relu's alpha = 0.01 takes the general one.
                var = 1 if (fn, tier) == ("swish", "fast") else 0
                lines.append('extern "C" void fwd_%s_%s_%s(const %s* x, %s* y, std::size_t n) '
                             "{ k::forward_loop<%d>(%s, x, y, n); }" % (fn, t, tier, t, t, var, f))
                lines.append('extern "C" void bwd_%s_%s_%s(const %s* x, const %s* dy, %s* dx, '
                             "std::size_t n) { k::backward_loop<%d>(%s, x, dy, dx, n); }"
                             % (fn, t, tier, t, t, t, var, f))
    return "\n".join(lines) + "\n"


def disassemble(obj):
    text = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-M", "att", obj],
                          check=True, capture_output=True, text=True).stdout
    funcs, name = {}, None
    for line in text.splitlines():
        m = re.match(r"^([0-9a-f]+) <(.+)>:$", line)
        if m:
            name = m.group(2)
            funcs[name] = []
            continue
        m = re.match(r"^\s+([0-9a-f]+):\s+(\S+)\s*(.*)$", line)
        if m and name:
            funcs[name].append((int(m.group(1), 16), m.group(2), m.group(3)))
    return funcs


# A full-width store to memory other than the stack (spills) and unmasked (tails are masked).
STORE = re.compile(r"^%zmm\d+,(?!.*%(rsp|rbp)\b)[^{]*\([^{]*$")
STORE_OPS = ("vmovups", "vmovaps", "vmovupd", "vmovapd", "vmovdqu")


def hot_path(body, top, back_edge):
    """The instructions one iteration executes when every group is in the central range: from
    the loop top, through the branch `kortestw` selects when no lane is outside (ZF = 1) or every
    lane is central (CF = 1), to the back edge. Other conditional branches fall through; the kernels' rare paths (a lane outside the
    central range) are skipped even where the compiler lays them out inside the loop. None when
    the walk does not come back to the top."""
    index = {addr: i for i, (addr, _, _) in enumerate(body)}
    i, path, previous = index[top], [], ""
    while 0 <= i < len(body) and len(path) < 100000:
        addr, op, args = body[i]
        path.append(body[i])
        m = re.match(r"^([0-9a-f]+) <", args)
        target = int(m.group(1), 16) if m else None
        if op.startswith("j") and target is not None:
            if addr == back_edge or target == top:
                return path
            if op == "jmp" or (previous.startswith("kortest") and op in ("je", "jz", "jb", "jc", "jnae")):
                if target not in index:
                    return None
                i, previous = index[target], op
                continue
        # The flags a branch tests come from the last scalar instruction that sets them; vector,
        # mask-register (but kortest), move and lea instructions leave them alone.
        if not (op.startswith(("v", "mov", "lea", "nop")) or (op.startswith("k") and not op.startswith("kortest"))):
            previous = op
        i += 1
    return None  # left the function or never came back: not a loop's common path


def loops(funcs, name, seen):
    """Every (instructions, stores, path) loop of `name` and of the functions it jumps to or calls."""
    if name in seen or name not in funcs:
        return []
    seen.add(name)
    body = funcs[name]
    found = []
    for addr, op, args in body:
        if not (op.startswith("j") or op.startswith("call")):
            continue
        m = re.match(r"^([0-9a-f]+) <(.+?)(\+0x[0-9a-f]+)?>$", args)
        if not m:
            continue
        target = int(m.group(1), 16)
        if m.group(2) != name:  # a clone (forward_array.isra.0) reached by a tail call or a call
            found += loops(funcs, m.group(2), seen)
        elif op.startswith("j") and target <= addr:
            loop = hot_path(body, target, addr)
            if loop is None:
                continue
            stores = sum(1 for _, o, a in loop if o.startswith(STORE_OPS) and STORE.match(a))
            # The tail's code stores under a mask and loads with zero-masking.
            masked_memory = any(o.startswith("vmov") and "(" in a and ("{z}" in a or re.match(r"^%zmm\d+,.*\{%k", a))
                                for _, o, a in loop)
            if not masked_memory:
                found.append((len(loop), stores, loop))
    return found


def main_loop(funcs, name):
    """The main loop: of the loops without masked loads or stores, the one with the most stores."""
    found = [l for l in loops(funcs, name, set()) if l[1]]
    return max(found, key=lambda l: (l[1], l[0])) if found else None


# ---- the critical path ---------------------------------------------------------------------------
# Latencies in cycles on the project's VM (AMD Zen 5), from scripts/latency_probe.cpp (bench/NOTES.md
# item 49), by mnemonic prefix, longest prefix first; a load from memory adds LOAD_LATENCY.
LATENCY = [
    ("vfmadd", 4), ("vfmsub", 4), ("vfnmadd", 4), ("vfnmsub", 4),
    ("vdivps", 10), ("vdivpd", 13), ("vsqrt", 14),
    ("vmul", 3), ("vadd", 2), ("vsub", 2), ("vmin", 2), ("vmax", 2), ("vrange", 2),
    ("vfixupimm", 2), ("vscalef", 3), ("vrcp14", 5), ("vrndscale", 3), ("vreduce", 3),
    ("vperm", 5), ("vcvt", 6), ("vcmp", 3), ("vfpclass", 3), ("vblendm", 1), ("vpblendm", 1),
    ("vextract", 3), ("vinsert", 3), ("vbroadcast", 3), ("vpbroadcast", 3), ("vshuf", 3),
    ("k", 1), ("vp", 1), ("vand", 1), ("vor", 1), ("vxor", 1), ("vmov", 0),
]
LOAD_LATENCY = 7
# Instructions whose destination is also a source: fused multiply-adds, the three-source
# permutes, ternary logic and fixups; and any merge-masked ({%k}, no {z}) operation.
READS_DEST = ("vfmadd", "vfmsub", "vfnmadd", "vfnmsub", "vpermt2", "vpermi2", "vpternlog", "vfixupimm")
REG = re.compile(r"%([a-z]+[0-9]*)")


def latency(op):
    for prefix, cycles in LATENCY:
        if op.startswith(prefix):
            return cycles
    return 1


def critical_path(path):
    """The longest chain of dependent instructions through one iteration of the loop's common path,
    in cycles: registers written before the loop count as ready at 0, the input arrays as loaded
    when read, a spilled value as reloaded LOAD_LATENCY after its store; the loop counter's chain
    is not counted (it is one add)."""
    ready, longest = {}, 0
    for _, op, args in path:
        if op.startswith("j") or op.startswith(("cmp", "add", "sub", "inc", "lea", "nop")):
            continue
        operands = [a.strip() for a in re.split(r",(?![^(]*\))", args)] if args else []
        if not operands:
            continue
        if op.startswith(("kortest", "ktest", "vptest", "vucomi", "vcomi")):
            continue  # flags only: the branch after it is not on the data's chain
        dest = operands[-1]
        sources = operands[:-1] + ["%" + k for k in re.findall(r"\{%(k[0-7])\}", dest)]
        dest_reg = dest.split("{")[0]
        is_store = "(" in dest_reg
        if op.startswith(READS_DEST) or ("{%k" in dest and "{z}" not in dest):
            sources.append(dest_reg)
        start = 0
        for src in sources:
            if "(" in src:  # memory: the loop's arrays are ready; a stack slot when stored
                start = max(start, ready.get(src, 0) + LOAD_LATENCY)
                continue
            for r in REG.findall(src):
                start = max(start, ready.get(r, 0))
        if is_store:
            if re.search(r"%(rsp|rbp)\b", dest_reg):  # a spill: its reload waits for it
                ready[dest_reg] = start
            longest = max(longest, start)
            continue
        done = start + latency(op)
        for r in REG.findall(dest_reg):
            ready[r] = done
        longest = max(longest, done)
    return longest


def count(source, flags, cxx, prefix, tmp):
    cpp = os.path.join(tmp, prefix + ".cpp")
    obj = os.path.join(tmp, prefix + ".so")
    open(cpp, "w").write(source)
    # Linked (a shared object bound to itself) so that calls into the out-of-line loops are resolved.
    subprocess.run([cxx, "-std=c++17", "-O3", "-fPIC", "-shared", "-Wl,-Bsymbolic", "-I", os.path.join(ROOT, "include"),
                    *flags, cpp, "-o", obj], check=True)
    funcs = disassemble(obj)
    result = {}
    for name in funcs:
        m = re.match(r"^(fwd|bwd)_(.+)_(float|double)_(accurate|fast)$", name)
        if not m:
            continue
        loop = main_loop(funcs, name)
        if loop and loop[1]:
            lanes = 16 if m.group(3) == "float" else 8
            result[(m.group(1), m.group(2), m.group(3), m.group(4))] = (loop[0] / (loop[1] * lanes),
                                                                        critical_path(loop[2]), loop[1] * lanes)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--cxx", default=os.environ.get("CXX", "g++"))
    ap.add_argument("--critical-path", action="store_true",
                    help="also the longest dependency chain of an iteration, in cycles (Zen 5 latencies)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="actfn-loops-")
    try:
        res = count(actfn_source(), [], args.cxx, "actfn", tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cols = ["accurate", "fast"]
    head = list(cols)
    if args.critical_path:
        head += ["%s: critical path (cycles / elements an iteration)" % c for c in cols]
    out = ["| function | dir | type | " + " | ".join(head) + " |", "|---|---|---|" + "---:|" * len(head)]
    for fn in FUNCTIONS:
        for d in ("fwd", "bwd"):
            for t in TYPES:
                cells = []
                for c in cols:
                    v = res.get((d, fn, t, c))
                    cells.append("%.2f" % v[0] if v is not None else "-")
                if args.critical_path:
                    for c in cols:
                        v = res.get((d, fn, t, c))
                        cells.append("%d / %d" % (v[1], v[2]) if v is not None else "-")
                out.append("| %s | %s | %s | %s |" % (fn, d, t, " | ".join(cells)))
    table = "\n".join(out) + "\n"
    note = ("Instructions per element in the main AVX-512 loop (static count of the steady state: "
            "`scripts/loop_instructions.py`, %s -O3)" % args.cxx)
    if args.critical_path:
        note += ("; critical path: the longest chain of dependent instructions through one "
                 "iteration of that loop, from the latencies of scripts/latency_probe.cpp")
    note += ".\n"
    sys.stdout.write(table + "\n" + note)
    if args.markdown:
        open(args.markdown, "w").write(table + "\n" + note)


if __name__ == "__main__":
    main()
