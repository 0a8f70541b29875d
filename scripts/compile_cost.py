#!/usr/bin/env python3
"""What including actfn costs a user's build: compile time (CPU seconds, user + system, best of
--repeat runs) and code size (the object's text, data and bss, as `size` counts them) of a few
translation units, with each compiler, at -O2. Writes the Markdown table README.md's "Compile time
and object size" section holds:

    scripts/compile_cost.py --markdown /tmp/compile-cost.md
    scripts/update-readme.py compile-cost /tmp/compile-cost.md

The translation units:
  empty        <vector> and a vector of floats: the baseline every other row is compared with
  forward      one actfn::forward call on a float array; the row is the costliest of the seven
               functions (each is compiled, the slowest is shown and named)
  fwd+bwd      actfn::forward and actfn::backward of one function (gelu) on float
  every        forward and backward of every function of both tiers, on float and on double
  every, compiled mode
               the same calls with ACTFN_COMPILED defined: the TU sees declarations only (the
               kernels are in the actfn_compiled library, compiled once)
  forward, one target
               the forward row with -DACTFN_TARGETS=ACTFN_TARGET_AVX2 (x86-64; ACTFN_TARGET_NEON
               on AArch64): the SIMD backends a build leaves out cost it nothing

Options: --compilers g++,clang++ (those found on PATH are used), --repeat N (default 2),
--std c++17, --flags "-O2", --markdown FILE (default: standard output).
"""
import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INCLUDE = os.path.normpath(os.path.join(HERE, "..", "include"))

FUNCTIONS = ["sigmoid", "relu", "leaky_relu", "tanh", "swish", "gelu", "gelu_tanh"]

EMPTY = """#include <vector>
int main() { std::vector<float> x(16); return static_cast<int>(x[0]); }
"""

FORWARD = """#include <actfn/actfn.hpp>
#include <vector>
int main() {
  std::vector<float> x(16), y(16);
  actfn::forward(actfn::%s{}, x.data(), y.data(), x.size());
  return static_cast<int>(y[0]);
}
"""

FORWARD_BACKWARD = """#include <actfn/actfn.hpp>
#include <vector>
int main() {
  std::vector<float> x(16), y(16), dx(16);
  actfn::forward(actfn::gelu{}, x.data(), y.data(), x.size());
  actfn::backward(actfn::gelu{}, x.data(), y.data(), dx.data(), x.size());
  return static_cast<int>(y[0] + dx[0]);
}
"""

EVERY = """#include <actfn/actfn.hpp>
#include <vector>
template <class T, class F>
void both(const F& f, std::vector<T>& x, std::vector<T>& y) {
  actfn::forward(f, x.data(), y.data(), x.size());
  actfn::backward(f, x.data(), y.data(), y.data(), x.size());
}
template <class T>
void every(std::vector<T>& x, std::vector<T>& y) {
%s
}
int main() {
  std::vector<float> x(16), y(16);
  std::vector<double> a(16), b(16);
  every(x, y);
  every(a, b);
  return static_cast<int>(y[0] + b[0]);
}
""" % "\n".join("  both<T>(actfn::%s%s{}, x, y);" % (tier, f)
                for tier in ("", "fast::") for f in FUNCTIONS)


def one_target_flag():
    machine = platform.machine().lower()
    if machine in ("aarch64", "arm64"):
        return "-DACTFN_TARGETS=ACTFN_TARGET_NEON", "neon"
    return "-DACTFN_TARGETS=ACTFN_TARGET_AVX2", "avx2"


def compile_once(compiler, flags, source, obj):
    """CPU seconds (user + system) of one compile, from the children's resource usage."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([compiler] + flags + ["-I", INCLUDE, "-c", source, "-o", obj], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def object_size(obj):
    out = subprocess.run(["size", obj], check=True, capture_output=True, text=True).stdout
    return int(out.splitlines()[1].split()[3])  # dec: text + data + bss


def measure(compiler, flags, text, repeat, workdir, name):
    source = os.path.join(workdir, name + ".cpp")
    obj = os.path.join(workdir, name + ".o")
    with open(source, "w") as f:
        f.write(text)
    best = min(compile_once(compiler, flags, source, obj) for _ in range(repeat))
    return best, object_size(obj)


def compiler_version(compiler):
    first = subprocess.run([compiler, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return first.strip()


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compilers", default="g++,clang++")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--std", default="c++17")
    ap.add_argument("--flags", default="-O2")
    ap.add_argument("--markdown")
    args = ap.parse_args()
    compilers = [c for c in args.compilers.split(",") if shutil.which(c)]
    if not compilers:
        sys.exit("compile_cost.py: none of %s found" % args.compilers)
    base = ["-std=" + args.std] + args.flags.split()
    target_flag, target_name = one_target_flag()

    rows = []  # (compiler, label, seconds, size)
    with tempfile.TemporaryDirectory(prefix="actfn-compile-cost-") as work:
        for cc in compilers:
            empty_s, empty_size = measure(cc, base, EMPTY, args.repeat, work, "empty")
            rows.append((cc, "empty TU with `<vector>`", empty_s, empty_size, empty_s))
            worst = None
            for fn in FUNCTIONS:
                s, size = measure(cc, base, FORWARD % fn, args.repeat, work, "forward_" + fn)
                if worst is None or s > worst[1]:
                    worst = (fn, s, size)
                print("%s forward %s: %.2f s" % (cc, fn, s), file=sys.stderr)
            rows.append((cc, "one `actfn::forward` call (%s, the slowest of the seven)" % worst[0],
                         worst[1], worst[2], empty_s))
            s, size = measure(cc, base + [target_flag], FORWARD % worst[0], args.repeat, work,
                              "forward_target")
            rows.append((cc, "the same, `ACTFN_TARGETS` = %s only" % target_name, s, size, empty_s))
            s, size = measure(cc, base, FORWARD_BACKWARD, args.repeat, work, "fwd_bwd")
            rows.append((cc, "one function forward + backward (gelu, float)", s, size, empty_s))
            s, size = measure(cc, base, EVERY, args.repeat, work, "every")
            rows.append((cc, "every function, both tiers, forward + backward, float and double",
                         s, size, empty_s))
            s, size = measure(cc, base + ["-DACTFN_COMPILED"], EVERY, args.repeat, work, "every_compiled")
            rows.append((cc, "the same in compiled mode (`ACTFN_COMPILED`)", s, size, empty_s))
            for r in rows[-6:]:
                print("%s | %s | %.2f s" % (r[0], r[1], r[2]), file=sys.stderr)

    lines = ["Measured by `scripts/compile_cost.py` (CPU time, user + system, best of %d; `%s %s`; "
             "object size as `size` counts text + data + bss) on %s:" % (args.repeat, " ".join(base[1:]),
                                                                       "-std=" + args.std, cpu_model()),
             ""]
    lines.append("| translation unit | compiler | CPU time | above the empty TU | object size |")
    lines.append("|---|---|---:|---:|---:|")
    for cc, label, s, size, empty_s in rows:
        above = "" if label.startswith("empty") else "%+.2f s" % (s - empty_s)
        lines.append("| %s | %s | %.2f s | %s | %s |" % (label, compiler_version(cc), s, above,
                                                        "{:,} B".format(size)))
    text = "\n".join(lines) + "\n"
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
