#!/usr/bin/python3
"""Writes the reference tables of actfn's accuracy tests: tests/reference/*.hpp.

Run:   /usr/bin/python3 scripts/gen_reference.py            (needs python3-mpmath; ~1-2 minutes)
       /usr/bin/python3 scripts/gen_reference.py --check    (regenerates in memory, compares with
                                                             the committed files, exit 1 if stale)
The output is deterministic (no clock, no unseeded randomness, no dict-order dependence), so a rerun
reproduces the committed files byte for byte.

What the tables hold
--------------------
For every function and direction (forward f, derivative f'), every parameter the tests use
(leaky_relu alpha in {0, 0.01, 0.2, 1}; swish beta in {0.5, 1, 1.702, 2}) and each value type T
(float, double), a list of points
    {x, hi, lo, scale, what}
- x: an exact value of T (hex float literal);
- the exact f(x) equals (hi + lo) * 2^scale, where (hi, lo) is the double-double rounding of
  f(x) * 2^-scale: hi = RN53(v), lo = RN53(v - hi), v = f(x) * 2^-scale. scale is 0 except where
  |f(x)| < 2^-960: a double-double cannot carry a residual below 2^-1074, and for double results in
  the subnormal range that residual is what decides a 1-ULP verdict, so those values are stored
  scaled by 2^1100 (scale = -1100). When even the scaled value underflows (|f(x)| < ~2^-2100), the
  entry is hi = +-0, lo = 0, scale = 0 (any T result within 1 ULP is then +-0 or +-the smallest
  subnormal, and the measured error is exact to far below 2^-20 ULP).
- a zero result carries its sign in hi: for an exact zero as SEMANTICS.md defines it (relu(x<0) = +0,
  leaky_relu with alpha = 0: 0*x = -0 for x < 0, relu'(x<=0) = +0, leaky_relu' with alpha = 0 = +0),
  and for a nonzero exact value that rounds to zero, the sign of that value.
- what: a label for the points the special-value tests print (+-smallest subnormal, +-largest
  finite, the cut-offs and their neighbours, the derivative roots and their 1/8 windows); nullptr
  for the others.
Parameters are used as T(alpha), T(beta): the value rounded to T, exactly as the library does; the
reference is computed with that rounded value.

The exact values come from mpmath at 60 significant digits, each checked by a second evaluation at
80 digits: where the two double-double roundings differ (values such as 1/4 - x^2/16 for tiny x,
whose residual lies far below 2^-200 relative), both precisions double until two consecutive
evaluations agree (the count is printed). Formulas avoid cancellation where the working precision
would not hide it: 1 - s(y) is written s(-y), tanh' is 4e/(1+e)^2 with e = exp(-2|x|), and
gelu' = Phi + x phi is phi (R + x) below x = -100 (R the Mills ratio), so that the sign of a value
far below every format is right. Beyond |argument| 20000, exp() is replaced by a power of two of
roughly the right size: every such value underflows every format (even scaled) by thousands of
binades, and only its sign matters.

Which points (per table; ~700)
------------------------------
- the core [-8, 8]: every multiple of 1/20, plus 64 pseudo-random values;
- the tails: 48 points per side from 8 out to 1.1x the last cut-off on that side (where the result
  rounds to 0, to 1 or to x; 100 (float) / 1000 (double) when there is none), plus 24 points in the
  band where the result is subnormal;
- large |x|: 24 binades per sign from 2^4 up to the largest finite value, and +-MAX, +-nextbelow(MAX);
- tiny |x|: 32 binades per sign from the smallest subnormal up to 2^-4 (subnormal x included), and
  +-smallest subnormal, +-2*smallest subnormal, +-largest subnormal, +-smallest normal;
- cut-offs: the first x (walking away from 0, or towards 0 for the near-zero ones) where the result
  rounded to T becomes 1 / -1 / x / subnormal / 0, or leaves f(0) (or x, x/2) near 0; each found by
  bisection over the representable values of T with the rounded mpmath value, checked to be a clean
  boundary over 8 values on each side, and written with its neighbours c-2 .. c+2 (c+k: k steps
  towards +inf);
- for gelu, gelu_tanh and swish (both directions): the nearest T values to the root x0 of f' (the
  minimum of f), +-3 steps, 16 points inside the 1/8 window of SEMANTICS.md, and each window edge
  with its neighbours.
The pseudo-random points come from splitmix64 seeded with the CRC-32 of the table's name.

Also written: tests/reference/constants.hpp with the roots of gelu', gelu_tanh' and swish' (beta = 1)
to 20 digits (printed as well), the exact window bounds [lo, hi] in T around each root, and the
minimum of gelu, gelu_tanh and swish (every beta) in T: location, value (double-double), f''.
"""
import argparse
import os
import struct
import sys
import zlib

import mpmath as mp

DPS = 60
CHECK_DPS = 80
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "tests", "reference"))

# ---------------------------------------------------------------------------------------------
# Floating-point formats


class Fmt:
    def __init__(self, name, p, emin, emax, nbits, pack, ipack, suffix):
        self.name, self.p, self.emin, self.emax = name, p, emin, emax
        self.nbits, self.pack, self.ipack, self.suffix = nbits, pack, ipack, suffix
        self.sign_bit = 1 << (nbits - 1)
        self.max = float.fromhex("0x1p%d" % emax) * (2 - 2.0 ** (1 - p))
        self.tiny = 2.0 ** emin            # smallest normal
        self.minsub = 2.0 ** (emin - p + 1)  # smallest subnormal

    # ordered index: consecutive integers <-> consecutive values of T (+0 and -0 share 0)
    def index(self, x):
        b = struct.unpack(self.ipack, struct.pack(self.pack, x))[0]
        return -(b & (self.sign_bit - 1)) if b & self.sign_bit else b

    def value(self, i):
        b = i if i >= 0 else (self.sign_bit | -i)
        return struct.unpack(self.pack, struct.pack(self.ipack, b))[0]

    def step(self, x, k):
        return self.value(self.index(x) + k)

    def round(self, v):
        """RN_T of an mpf or a Python number, as a Python float (exact)."""
        r = round_bin(mp.mpf(v), self.p, self.emin)
        f = float(r)
        assert mp.mpf(f) == r and abs(f) <= self.max
        return f

    def lit(self, x):
        return hexlit(x) + self.suffix


FLOAT = Fmt("float", 24, -126, 127, 32, "<f", "<I", "f")
DOUBLE = Fmt("double", 53, -1022, 1023, 64, "<d", "<Q", "")
FORMATS = [FLOAT, DOUBLE]


def round_bin(r, p, emin):
    """Round the mpf r to p significant bits, exponent >= emin (subnormals), ties to even; exact."""
    if r == 0:
        return mp.mpf(0)
    sign, man, exp, bc = r._mpf_
    e = exp + bc - 1                    # 2^e <= |r| < 2^(e+1)
    if e < emin - p:                    # |r| < half the smallest subnormal
        return mp.mpf(0)
    q = max(e, emin) - (p - 1)          # the quantum of the result
    if exp >= q:
        return r
    shift = q - exp
    n = int(man) >> shift
    rem = int(man) - (n << shift)
    half = 1 << (shift - 1)
    if rem > half or (rem == half and n & 1):
        n += 1
    return mp.ldexp(-n if sign else n, q)


def hexlit(x):
    h = float(x).hex()                  # '-0x1.8000000000000p+1', '0x0.0000000000001p-1022'
    m, e = h.split("p")
    if "." in m:
        m = m.rstrip("0")
        if m.endswith("."):
            m = m[:-1]
    return m + "p" + e


# ---------------------------------------------------------------------------------------------
# The functions (mpf in, mpf out). Each returns (value, negzero): negzero is True when the value is
# an exact zero that SEMANTICS.md defines as -0.

BIG = 20000  # beyond this |argument| exp() only needs the right magnitude (the result underflows
             # every format by thousands of binades) and mpmath's exact exp would be slow.


def exp_(y):
    if -BIG <= y <= BIG:
        return mp.exp(y)
    return mp.ldexp(1, int(mp.floor(y / mp.ln(2))))


def sig(y):   # 1 / (1 + e^-y)
    return 1 / (1 + exp_(-y))


def erfc_(z):
    if z > 1e5:   # mpmath's erfc overflows internally for huge z; the value is < e^-1e10
        return exp_(-z * z) / (z * mp.sqrt(mp.pi))
    if z < -1e5:
        return 2 - erfc_(-z)
    return mp.erfc(z)


def phi(x):
    return exp_(-x * x / 2) / mp.sqrt(2 * mp.pi)


def mills(a):
    """Phi(-a) / phi(a) for a >= 100: the asymptotic series 1/a (1 - 1/a^2 + 3/a^4 - ...), 40
    terms (the next one is below 1e-110 relative)."""
    s, t = mp.mpf(0), 1 / a
    for n in range(40):
        s += t
        t *= -(2 * n + 1) / (a * a)
    return s


def Phi(x):
    # Below -100 Phi is phi times the Mills ratio: gelu' = Phi + x phi then shares phi's factor
    # with x phi, so the sign of a value far below every format survives exp_'s magnitude-only
    # approximation (two separately approximated exponentials could swap places).
    if x < -100:
        return phi(x) * mills(-x)
    return erfc_(-x / mp.sqrt(2)) / 2


def gt_k():   # the decimal 0.044715 of the tanh approximation, at the working precision
    return mp.mpf("0.044715")


def gt_u(x):
    return mp.sqrt(2 / mp.pi) * (x + gt_k() * x ** 3)


def f_sigmoid(x, a, d):
    return (sig(x) * sig(-x) if d else sig(x)), False


def f_relu(x, a, d):
    if d:
        return (mp.mpf(1) if x > 0 else mp.mpf(0)), False
    return (x if x > 0 else mp.mpf(0)), False


def f_leaky(x, a, d):
    if d:
        return (mp.mpf(1) if x > 0 else a), False
    if x > 0:
        return x, False
    return a * x, (a == 0 and x < 0)    # T(alpha) * x: 0 * (negative) = -0


def f_tanh(x, a, d):
    e = exp_(-2 * abs(x))
    if d:
        return 4 * e / (1 + e) ** 2, False   # sech^2 x, no cancellation
    if abs(x) < 1:
        return mp.tanh(x), False
    t = (1 - e) / (1 + e)
    return (t if x > 0 else -t), False


def f_swish(x, b, d):
    y = b * x
    if d:
        return sig(y) * (1 + y * sig(-y)), False
    return x * sig(y), False


def f_gelu(x, a, d):
    if d:
        if x < -100:
            return phi(x) * (mills(-x) + x), False
        return Phi(x) + x * phi(x), False
    return x * Phi(x), False


def f_gelu_tanh(x, a, d):
    t = 2 * gt_u(x)
    if d:
        du = mp.sqrt(2 / mp.pi) * (1 + 3 * gt_k() * x * x)
        return sig(t) * (1 + x * sig(-t) * 2 * du), False   # one exponential factor: see Phi
    return x * sig(t), False


# name, implementation, parameter values (as written in the tests; used as T(value))
FUNCTIONS = [
    ("sigmoid", f_sigmoid, [None]),
    ("relu", f_relu, [None]),
    ("leaky_relu", f_leaky, [0.0, 0.01, 0.2, 1.0]),
    ("tanh", f_tanh, [None]),
    ("swish", f_swish, [0.5, 1.0, 1.702, 2.0]),
    ("gelu", f_gelu, [None]),
    ("gelu_tanh", f_gelu_tanh, [None]),
]


def evaluate(fn, x, a, d, dps=DPS):
    with mp.workdps(dps):
        v, negzero = fn(mp.mpf(x), None if a is None else mp.mpf(a), d)
        return +v, negzero


def to_dd(v, negzero):
    """(hi, lo, scale) with v = (hi + lo) * 2^scale, see the docstring."""
    if v == 0:
        return (-0.0 if negzero else 0.0), 0.0, 0
    scale = 0
    if abs(v) < mp.ldexp(1, -960):
        scale = -1100
    w = mp.ldexp(v, -scale)
    hi = round_bin(w, 53, -1022)
    if hi == 0:
        return (-0.0 if v < 0 else 0.0), 0.0, 0
    lo = round_bin(w - hi, 53, -1022)
    hf, lf = float(hi), float(lo)
    assert mp.mpf(hf) == hi and mp.mpf(lf) == lo and abs(hf) < float("inf")
    return hf, lf, scale


NOTES = []
ESCALATED = [0]


def exact(fn, x, a, d):
    """f(x) as an mpf accurate enough that its double-double rounding is settled: evaluated at
    DPS and CHECK_DPS digits; while the two roundings differ, both precisions double."""
    dps = DPS
    while True:
        v, nz = evaluate(fn, x, a, d, dps)
        w, nz2 = evaluate(fn, x, a, d, dps + CHECK_DPS - DPS)
        if to_dd(v, nz) == to_dd(w, nz2):
            if dps > DPS:
                ESCALATED[0] += 1
            return w, nz2
        if to_dd(v, nz)[2] != to_dd(w, nz2)[2] or dps >= 1000:
            sys.exit("precision check failed at x=%s: %r vs %r" % (hexlit(x), to_dd(v, nz), to_dd(w, nz2)))
        dps *= 2


def reference(fn, x, a, d):
    return to_dd(*exact(fn, x, a, d))


def rounded(fn, x, a, d, fmt):
    """f(x) rounded to T (an mpf; zero results come back as 0)."""
    return round_bin(exact(fn, x, a, d)[0], fmt.p, fmt.emin)


# ---------------------------------------------------------------------------------------------
# Cut-offs: bisection over the ordered representable values of T


def find_cutoff(fmt, pred, a, b):
    """First x walking from a (pred false) to b (pred true) where pred holds; None if none."""
    ia, ib = fmt.index(a), fmt.index(b)
    if pred(fmt.value(ia)) or not pred(fmt.value(ib)):
        return None
    lo, hi = ia, ib
    while abs(hi - lo) > 1:
        mid = lo + (hi - lo) // 2
        if pred(fmt.value(mid)):
            hi = mid
        else:
            lo = mid
    step = 1 if ib > ia else -1
    inside = lambda i: min(ia, ib) <= i <= max(ia, ib)
    clean = all(not pred(fmt.value(hi - k * step)) for k in range(1, 9) if inside(hi - k * step)) \
        and all(pred(fmt.value(hi + k * step)) for k in range(0, 9) if inside(hi + k * step))
    if not clean:
        NOTES.append("cut-off near %s is not a clean boundary (8 values each side)"
                     % hexlit(fmt.value(hi)))
    return fmt.value(hi)


def cutoff_specs(name, fn, a, d, fmt):
    """(label, from, to, predicate on (x, RN_T f(x)))."""
    M, S, N = fmt.max, fmt.minsub, fmt.tiny
    one = lambda x, r: r == 1
    m_one = lambda x, r: r == -1
    ident = lambda x, r: r == x
    subn = lambda x, r: abs(r) < N
    zero = lambda x, r: r == 0
    specs = []

    def tails(lo_from, hi_from, what="f"):   # negative / positive tails that underflow
        for s, start in ((-1, lo_from), (1, hi_from)):
            if start is None:
                continue
            specs.append(("%s(x) becomes subnormal" % what, s * start, s * M, subn))
            specs.append(("%s(x) rounds to 0" % what, s * start, s * M, zero))

    def departs(value, start, label):
        for s in (-1, 1):
            specs.append((label, s * start, s * 1.0, lambda x, r, v=value: r != v(x)))

    fname = name + ("'" if d else "")
    if name == "sigmoid" and not d:
        specs.append(("sigmoid(x) rounds to 1", 1.0, M, one))
        specs.append(("sigmoid(x) becomes subnormal", -1.0, -M, subn))
        specs.append(("sigmoid(x) rounds to 0", -1.0, -M, zero))
        departs(lambda x: 0.5, S, "sigmoid(x) leaves 1/2")
    elif name == "sigmoid":
        tails(1.0, 1.0, "sigmoid'")
        departs(lambda x: 0.25, S, "sigmoid'(x) leaves 1/4")
    elif name == "leaky_relu" and not d:
        specs.append(("alpha*x becomes subnormal", -1.0, -S, subn))
        specs.append(("alpha*x rounds to 0", -1.0, -S, zero))
    elif name == "tanh" and not d:
        specs.append(("tanh(x) rounds to 1", 1.0, M, one))
        specs.append(("tanh(x) rounds to -1", -1.0, -M, m_one))
        departs(lambda x: x, S, "tanh(x) leaves x")
    elif name == "tanh":
        departs(lambda x: 1.0, S, "tanh'(x) leaves 1")
        tails(1.0, 1.0, "tanh'")
    elif name in ("swish", "gelu", "gelu_tanh") and not d:
        specs.append(("%s(x) rounds to x" % name, 1.0, M, ident))
        specs.append(("%s(x) becomes subnormal" % name, -1.0, -M, subn))
        specs.append(("%s(x) rounds to 0" % name, -1.0, -M, zero))
        departs(lambda x: x / 2, 2 * N, "%s(x) leaves x/2" % name)
    elif name in ("swish", "gelu", "gelu_tanh"):
        # f' rises above 1 after x ~ 1.5 (swish: y ~ 2.4) and falls back to 1 from above
        start = 4.0 / a if name == "swish" else 3.0
        start = fmt.round(start)
        specs.append(("%s(x) rounds to 1" % fname, start, M, one))
        specs.append(("%s(x) becomes subnormal" % fname, -start, -M, subn))
        specs.append(("%s(x) rounds to 0" % fname, -start, -M, zero))
        departs(lambda x: 0.5, S, "%s(x) leaves 1/2" % fname)
    return specs


# ---------------------------------------------------------------------------------------------
# Derivative roots, minima, windows

def deriv(name, x, b=None):
    return {"gelu": lambda: f_gelu(x, None, True)[0],
            "gelu_tanh": lambda: f_gelu_tanh(x, None, True)[0],
            "swish": lambda: f_swish(x, b, True)[0]}[name]()


ROOT_GUESS = {"gelu": -0.75, "gelu_tanh": -0.75, "swish": -1.28}


def root(name, b=None):
    """Root of f' (with beta = b for swish), as an mpf at DPS digits."""
    guess = ROOT_GUESS[name] / (1 if b is None else b)
    return mp.findroot(lambda t: deriv(name, t, b), mp.mpf(guess), tol=mp.mpf(10) ** (-DPS + 5))


class Rng:   # splitmix64
    def __init__(self, seed):
        self.s = seed & (2 ** 64 - 1)

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & (2 ** 64 - 1)
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & (2 ** 64 - 1)
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & (2 ** 64 - 1)
        return z ^ (z >> 31)

    def uniform(self):   # exact multiple of 2^-53 in [0, 1)
        return (self.next() >> 11) * 2.0 ** -53


def param_tag(a):
    return "" if a is None else "_" + ("%g" % a).replace(".", "_")


def table_name(name, a, d, fmt):
    pn = {"leaky_relu": "_alpha", "swish": "_beta"}.get(name, "")
    return "%s%s%s_%s_%s" % (name, pn, param_tag(a), "derivative" if d else "forward", fmt.name)


def build_table(name, fn, a_in, d, fmt):
    """Returns (points dict x -> label or None, info) for one table."""
    tname = table_name(name, a_in, d, fmt)
    rng = Rng(zlib.crc32(tname.encode()))
    a = None if a_in is None else fmt.round(a_in)     # T(alpha), T(beta)
    pts = {}

    def add(x, label=None):
        x = fmt.round(x)
        if x == 0:   # +-0 are special values, tested against SEMANTICS.md's table directly
            return
        old = pts.get(x)
        if label is None:
            pts.setdefault(x, None)
        else:
            pts[x] = label if old is None else old + "; " + label

    M, S, N = fmt.max, fmt.minsub, fmt.tiny
    # specials
    for s, sgn in ((1, "+"), (-1, "-")):
        add(s * S, sgn + "smallest subnormal")
        add(s * 2 * S, sgn + "2 * smallest subnormal")
        add(s * (N - S), sgn + "largest subnormal")
        add(s * N, sgn + "smallest normal")
        add(s * M, sgn + "largest finite")
        add(s * fmt.step(M, -1), sgn + "nextbelow(largest finite)")
    # core
    for i in range(-160, 161):
        add(mp.mpf(i) / 20)
    for _ in range(64):
        add(-8 + 16 * rng.uniform())
    # cut-offs
    cuts = []
    for label, lo_x, hi_x, pred in cutoff_specs(name, fn, a, d, fmt):
        c = find_cutoff(fmt, lambda x: pred(x, rounded(fn, x, a, d, fmt)), lo_x, hi_x)
        if c is None:
            continue
        cuts.append((label, c))
        for k in range(-2, 3):
            add(fmt.step(c, k), "%s: c%s" % (label, "" if k == 0 else "%+d" % k))
    # tails
    default_tail = 100.0 if fmt is FLOAT else 1000.0
    ends = {}
    for s in (1, -1):
        far = [abs(c) for _, c in cuts if abs(c) > 8 and (c > 0) == (s > 0)]
        ends[s] = 1.1 * max(far) if far else default_tail
    for s in (1, -1):
        for i in range(48):
            add(s * (8 + (ends[s] - 8) * (i + 0.5) / 48))
    # the band of subnormal results (between "becomes subnormal" and "rounds to 0")
    sub = [c for l, c in cuts if "subnormal" in l]
    zer = [c for l, c in cuts if "rounds to 0" in l]
    for c1 in sub:
        for c2 in zer:
            if (c1 > 0) == (c2 > 0) and abs(c2) > abs(c1):
                for i in range(24):
                    add(c1 + (c2 - c1) * (i + 0.5) / 24)
    # large and tiny |x|
    for s in (1, -1):
        for i in range(24):
            k = 4 + (fmt.emax - 4) * i // 23
            add(s * min(M, (1 + rng.uniform()) * 2.0 ** k))
        for i in range(32):
            k = (fmt.emin - fmt.p + 1) + ((-4) - (fmt.emin - fmt.p + 1)) * i // 31
            add(s * (1 + rng.uniform()) * 2.0 ** k)
    # derivative root: minimum of f, 1/8 window of the accuracy exception
    if name in ("gelu", "gelu_tanh", "swish"):
        x0 = root(name, a)
        c = fmt.round(x0)
        for k in range(-3, 4):
            add(fmt.step(c, k), "nearest x to the root of %s': c%s" % (name, "" if k == 0 else "%+d" % k))
        lo_w, hi_w = window(fmt, x0)
        for k in range(-2, 3):
            add(fmt.step(lo_w, k), "root window, lower edge: e%s" % ("" if k == 0 else "%+d" % k))
            add(fmt.step(hi_w, k), "root window, upper edge: e%s" % ("" if k == 0 else "%+d" % k))
        for _ in range(16):
            add(x0 + (rng.uniform() - 0.5) / 4)
    return tname, a, pts, cuts


def window(fmt, x0):
    """The smallest and the largest x of T with |x - x0| <= 1/8 (x0 exact)."""
    lo = fmt.round(x0 - mp.mpf(1) / 8)
    if lo < x0 - mp.mpf(1) / 8:
        lo = fmt.step(lo, 1)
    hi = fmt.round(x0 + mp.mpf(1) / 8)
    if hi > x0 + mp.mpf(1) / 8:
        hi = fmt.step(hi, -1)
    return lo, hi


# ---------------------------------------------------------------------------------------------
# Output

HEADER = """// Generated by scripts/gen_reference.py -- do not edit; rerun the script instead.
"""


def emit_table(tname, fmt, rows):
    out = ["inline constexpr point<%s> %s[] = {" % (fmt.name, tname)]
    for x, (hi, lo, scale), label in rows:
        out.append("    {%s, %s, %s, %d, %s}," % (
            fmt.lit(x), hexlit(hi), hexlit(lo), scale,
            "nullptr" if label is None else '"%s"' % label.replace('"', "'")))
    out.append("};")
    return "\n".join(out)


def generate():
    files = {}
    index = {f.name: [] for f in FORMATS}
    summary = []
    for name, fn, params in FUNCTIONS:
        body = []
        for fmt in FORMATS:
            for a_in in params:
                for d in (False, True):
                    tname, a, pts, cuts = build_table(name, fn, a_in, d, fmt)
                    rows = []
                    for x in sorted(pts):
                        rows.append((x, reference(fn, x, a, d), pts[x]))
                    body.append(emit_table(tname, fmt, rows))
                    index[fmt.name].append((name, 0.0 if a_in is None else a_in, d, tname))
                    summary.append("%-44s %4d points; cut-offs: %s" % (
                        tname, len(rows), ", ".join("%s at %s" % (l, repr(c)) for l, c in cuts)))
        guard = "ACTFN_TESTS_REFERENCE_%s_HPP" % name.upper()
        files[name + ".hpp"] = "\n".join([
            HEADER + "// Exact values of actfn::%s (forward and derivative), see reference.hpp." % name,
            "#ifndef " + guard, "#define " + guard, "", '#include "types.hpp"', "",
            "namespace actfn_ref {", "", "\n\n".join(body), "", "}  // namespace actfn_ref",
            "#endif", ""])
    # index
    lines = [HEADER + "// All reference tables, indexed by (function, parameter, direction) per type.",
             "#ifndef ACTFN_TESTS_REFERENCE_REFERENCE_HPP", "#define ACTFN_TESTS_REFERENCE_REFERENCE_HPP",
             "", '#include "types.hpp"']
    lines += ['#include "%s.hpp"' % n for n, _, _ in FUNCTIONS]
    lines += ["", "namespace actfn_ref {", "",
              "template <class T> struct tables;  // tables<T>::all: every table of type T", ""]
    for fmt in FORMATS:
        lines.append("template <> struct tables<%s> {" % fmt.name)
        lines.append("  static constexpr table<%s> all[] = {" % fmt.name)
        for name, a, d, tname in index[fmt.name]:
            lines.append('      {"%s", %s, %s, %s, sizeof(%s) / sizeof(%s[0])},' % (
                name, repr(float(a)), "true" if d else "false", tname, tname, tname))
        lines.append("  };")
        lines.append("};")
        lines.append("")
    lines += ["}  // namespace actfn_ref", "#endif", ""]
    files["reference.hpp"] = "\n".join(lines)
    files["types.hpp"] = TYPES_HPP
    files["constants.hpp"], roots_text = constants()
    return files, summary, roots_text


TYPES_HPP = HEADER + """// The element types of the reference tables (format: see the script's docstring).
#ifndef ACTFN_TESTS_REFERENCE_TYPES_HPP
#define ACTFN_TESTS_REFERENCE_TYPES_HPP

#include <cstddef>

namespace actfn_ref {

// One reference point: the exact f(x) is (hi + lo) * 2^scale; (hi, lo) is the double-double
// rounding of f(x) * 2^-scale. scale is 0 unless |f(x)| < 2^-960 (then -1100, so that the residual
// of a double result in the subnormal range is not lost). A zero hi carries the sign of the result.
template <class T>
struct point {
  T x;               // an exact value of T
  double hi;
  double lo;
  int scale;
  const char* what;  // label of a special point (cut-off, neighbour, extreme input), else nullptr
};

template <class T>
struct table {
  const char* function;  // "sigmoid", "relu", "leaky_relu", "tanh", "swish", "gelu", "gelu_tanh"
  double param;          // alpha (leaky_relu) or beta (swish) as written, used as T(param); else 0
  bool derivative;       // false: f(x), true: f'(x)
  const point<T>* points;
  std::size_t size;
};

// Every x of T with lo <= x <= hi lies within 1/8 of the root x0 of f' (SEMANTICS.md's window).
template <class T>
struct root_window {
  const char* function;  // "gelu", "gelu_tanh", "swish"
  double param;          // beta for swish (used as T(beta)), else 0
  double x0;             // the root, rounded to double
  T lo;
  T hi;
};

// The minimum of f (at the root x0 of f'): f(x0) = f_hi + f_lo exactly to ~2^-106 relative,
// f''(x0) to double precision.
struct minimum {
  const char* function;
  double param;
  double x0;
  double f_hi;
  double f_lo;
  double f2;
};

}  // namespace actfn_ref
#endif
"""


def constants():
    out = [HEADER + "// Derivative roots, their 1/8 windows and the minima of gelu, gelu_tanh, swish.",
           "#ifndef ACTFN_TESTS_REFERENCE_CONSTANTS_HPP", "#define ACTFN_TESTS_REFERENCE_CONSTANTS_HPP",
           "", '#include "types.hpp"', "", "namespace actfn_ref {", ""]
    text = []
    for name, label in (("gelu", "gelu'"), ("gelu_tanh", "gelu_tanh'"), ("swish", "swish' (beta = 1)")):
        with mp.workdps(DPS):
            x0 = root(name, None if name != "swish" else mp.mpf(1))
        s = mp.nstr(x0, 20)
        text.append("root of %-18s x0 = %s" % (label, s))
        out.append("// root of %s: x0 = %s" % (label, s))
        out.append("inline constexpr double %s_derivative_root = %s;" % (name, hexlit(float(x0))))
    out.append("")
    for fmt in FORMATS:
        if fmt is FLOAT:
            out.append("template <class T> struct windows;")
        out.append("template <> struct windows<%s> {" % fmt.name)
        out.append("  static constexpr root_window<%s> all[] = {" % fmt.name)
        for name, params in (("gelu", [None]), ("gelu_tanh", [None]), ("swish", [0.5, 1.0, 1.702, 2.0])):
            for a_in in params:
                a = None if a_in is None else fmt.round(a_in)
                with mp.workdps(DPS):
                    x0 = root(name, None if a is None else mp.mpf(a))
                lo, hi = window(fmt, x0)
                out.append('      {"%s", %s, %s, %s, %s},' % (
                    name, repr(float(0.0 if a_in is None else a_in)), hexlit(float(x0)),
                    fmt.lit(lo), fmt.lit(hi)))
        out.append("  };")
        out.append("};")
        out.append("")
    for fmt in FORMATS:
        if fmt is FLOAT:
            out.append("template <class T> struct minima;")
        out.append("template <> struct minima<%s> {" % fmt.name)
        out.append("  static constexpr minimum all[] = {")
        for name, fn, params in (("gelu", f_gelu, [None]), ("gelu_tanh", f_gelu_tanh, [None]),
                                 ("swish", f_swish, [0.5, 1.0, 1.702, 2.0])):
            for a_in in params:
                a = None if a_in is None else fmt.round(a_in)
                with mp.workdps(DPS):
                    am = None if a is None else mp.mpf(a)
                    x0 = root(name, am)
                    fmin = fn(x0, am, False)[0]
                    f2 = mp.diff(lambda t: deriv(name, t, am), x0)
                hi, lo, sc = to_dd(fmin, False)
                assert sc == 0
                out.append('      {"%s", %s, %s, %s, %s, %s},  // f(x0) = %s at x0 = %s' % (
                    name, repr(float(0.0 if a_in is None else a_in)), hexlit(float(x0)),
                    hexlit(hi), hexlit(lo), hexlit(float(f2)), mp.nstr(fmin, 12), mp.nstr(x0, 12)))
        out.append("  };")
        out.append("};")
        out.append("")
    out += ["}  // namespace actfn_ref", "#endif", ""]
    return "\n".join(out), text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="compare with the files on disk instead of writing them")
    ap.add_argument("--out", default=OUT_DIR, help="output folder (default: tests/reference)")
    args = ap.parse_args()
    mp.mp.dps = DPS
    files, summary, roots_text = generate()
    for line in summary:
        print(line)
    for line in roots_text:
        print(line)
    print("%d values needed more than %d digits to settle their double-double rounding"
          % (ESCALATED[0], DPS))
    for n in NOTES:
        print("note:", n)
    stale = []
    if not args.check:
        os.makedirs(args.out, exist_ok=True)
    for fname in sorted(files):
        path = os.path.join(args.out, fname)
        if args.check:
            try:
                with open(path) as f:
                    if f.read() != files[fname]:
                        stale.append(fname)
            except OSError:
                stale.append(fname)
        else:
            with open(path, "w") as f:
                f.write(files[fname])
    if args.check:
        if stale:
            print("stale:", ", ".join(stale))
            return 1
        print("tests/reference is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
