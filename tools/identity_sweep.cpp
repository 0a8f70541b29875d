// identity_sweep: every backend this CPU has must return the same bits as the scalar backend.
//
//   identity_sweep [--stride K] [--threads N] [--double-samples M] [--tier accurate|fast|both]
//                  [--vector-exhaustive (--hashes FILE | --write-hashes FILE)] [--without B[,B]]
//
// Functions: the 14 of for_each_function (sigmoid, relu, leaky_relu alpha 0.01 and 0.2, tanh,
// swish beta 1 and 1.702, gelu, gelu_tanh; the fast tier's sigmoid, tanh, swish(1), gelu,
// gelu_tanh), each forward (f) and derivative (f' = backward with dy = 1).
//
// Strided, on every host: every K-th of the 2^32 float bit patterns (K = 1, all of them, unless
// --stride; 4093 by default with --vector-exhaustive), every vector backend (sse2, avx2, avx512,
// neon) against the scalar backend. Double: M fixed-seed bit patterns and M values uniform in
// [-50, 50] per function, the same backends against scalar.
//
// --vector-exhaustive: every FMA vector backend this CPU has (avx512, avx2, neon) over all 2^32
// float bit patterns, against each other element by element where two run, and each one's
// output bits, hashed, against the hashes committed in FILE (tools/identity_hashes.txt). Scalar
// and sse2 stay on the stride: measured on a 2-core Intel Xeon host (AVX-512), they
// take 10-80 ns (scalar, built with FMA) and 25-80 ns (sse2) per element and evaluation, against
// 1-10 ns for avx2 and avx512 (relu and leaky_relu aside: about 1 ns or less on all four); all
// 2^32 inputs x 28 evaluations would be about 2 CPU hours for the two, more than the whole
// 45-minute CI run.
// The hashes are there because a host cannot compare what it does not have: with them an
// AVX2-only host checks avx2 over all 2^32 inputs against the same bits an AVX-512 host's avx512
// produced, and vice versa when the file was written where avx2 alone ran (the writer first checks
// that every FMA backend it has agrees); an AArch64 host checks neon against them the same way.
// Hash (tools/identity_hashes.txt repeats it): per block of 65536 inputs in input order,
// block_hash below; per function and direction, FNV-1a-64 over the block hashes' bytes in block
// order. Neither depends on the thread count.
// --write-hashes FILE writes FILE from the first FMA backend (avx512 where present) instead of
// comparing; --without B,... treats those backends as missing from this CPU, to see what a host
// without them runs (for testing the tool itself).
//
// Build with FMA available (-march=native or -mfma) so that the scalar reference runs at a
// useful speed; without, std::fma is called per operation.
// Exits 1 on the first mismatch between backends (printing it), after the whole run when a hash
// differs from FILE, at once when FILE lacks a function or is malformed; 2 on bad usage.
#include <actfn/actfn.hpp>

#include "backend_built.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

const char* const regenerate_command =
    "build/<dir>/tools/identity_sweep --vector-exhaustive --write-hashes tools/identity_hashes.txt";

// Backends named by --without: treated as if this CPU lacked them.
std::vector<actfn::backend> left_out;

bool is_left_out(actfn::backend b) {
  for (auto o : left_out)
    if (o == b) return true;
  return false;
}

bool runs_here(actfn::backend b) { return actfn::backend_available(b) && !is_left_out(b); }

constexpr actfn::backend all_vector_backends[] = {actfn::backend::sse2, actfn::backend::avx2, actfn::backend::avx512,
                                                  actfn::backend::neon};

std::vector<actfn::backend> vector_backends() {
  std::vector<actfn::backend> out;
  for (actfn::backend b : all_vector_backends)
    if (runs_here(b)) out.push_back(b);
  return out;
}

// The backends fast enough for all 2^32 inputs, widest first: the first one writes the hashes.
std::vector<actfn::backend> fma_backends() {
  std::vector<actfn::backend> out;
  for (actfn::backend b : {actfn::backend::avx512, actfn::backend::avx2, actfn::backend::neon})
    if (runs_here(b)) out.push_back(b);
  return out;
}

template <class T>
bool same_bits(T a, T b) { return std::memcmp(&a, &b, sizeof a) == 0; }

std::uint32_t float_bits(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, 4);
  return b;
}

std::atomic<bool> failed{false};

// Runs f forward and backward (dy = 1) on x on every backend, compares with scalar.
template <class F, class T>
void check_block(const char* name, const F& f, actfn::backend reference, const std::vector<actfn::backend>& backends,
                 const T* x, std::size_t n, std::vector<T>& ref_y, std::vector<T>& ref_d, std::vector<T>& y,
                 std::vector<T>& d, const std::vector<T>& ones) {
  actfn::forward(reference, f, x, ref_y.data(), n);
  actfn::backward(reference, f, x, ones.data(), ref_d.data(), n);
  for (actfn::backend b : backends) {
    actfn::forward(b, f, x, y.data(), n);
    actfn::backward(b, f, x, ones.data(), d.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!same_bits(y[i], ref_y[i]) || !same_bits(d[i], ref_d[i])) {
        if (!failed.exchange(true))
          std::printf("MISMATCH %s (%s) on %s at x = %a: f %a vs %s %a, f' %a vs %a\n", name,
                      sizeof(T) == 4 ? "float" : "double", actfn::backend_name(b), double(x[i]), double(y[i]),
                      actfn::backend_name(reference), double(ref_y[i]), double(d[i]), double(ref_d[i]));
        return;
      }
    }
  }
}

template <class F>
void sweep_float(const char* name, const F& f, actfn::backend reference, const std::vector<actfn::backend>& backends,
                 std::uint64_t stride, unsigned threads) {
  const std::uint64_t total = (std::uint64_t(1) << 32);
  const std::uint64_t block = 1 << 16;
  std::atomic<std::uint64_t> next{0};
  auto worker = [&] {
    std::vector<float> x(block), ry(block), rd(block), y(block), d(block), ones(block, 1.0f);
    for (;;) {
      std::uint64_t start = next.fetch_add(block * stride);
      if (start >= total || failed) return;
      std::size_t n = 0;
      for (std::uint64_t p = start; p < total && n < block; p += stride) {
        std::uint32_t bits = static_cast<std::uint32_t>(p);
        std::memcpy(&x[n++], &bits, 4);
      }
      check_block(name, f, reference, backends, x.data(), n, ry, rd, y, d, ones);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
}

template <class F>
void sweep_double(const char* name, const F& f, const std::vector<actfn::backend>& backends, std::size_t samples) {
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> core(-50.0, 50.0);
  const std::size_t block = 1 << 16;
  std::vector<double> x(block), ry(block), rd(block), y(block), d(block), ones(block, 1.0);
  for (std::size_t done = 0; done < 2 * samples && !failed; done += block) {
    for (std::size_t i = 0; i < block; ++i) {
      if (done < samples) {
        std::uint64_t bits = rng();
        std::memcpy(&x[i], &bits, 8);
      } else {
        x[i] = core(rng);
      }
    }
    check_block(name, f, actfn::backend::scalar, backends, x.data(), block, ry, rd, y, d, ones);
  }
}

// ---- the exhaustive pass: all 2^32 float inputs, hashed ----------------------------------------

constexpr std::uint64_t fnv_offset = 14695981039346656037ull;
constexpr std::uint64_t fnv_prime = 1099511628211ull;
constexpr std::uint64_t exhaustive_block = std::uint64_t(1) << 16;
constexpr std::uint64_t exhaustive_blocks = (std::uint64_t(1) << 32) / exhaustive_block;

// FNV-1a-64 step over the 8 bytes of v, least significant first (the same on any byte order).
std::uint64_t fnv1a_u64(std::uint64_t h, std::uint64_t v) {
  for (int k = 0; k < 8; ++k) h = (h ^ ((v >> (8 * k)) & 0xffu)) * fnv_prime;
  return h;
}

// One block's output bits: four FNV-1a-64 streams over the 32-bit words (word i feeds stream
// i mod 4), then FNV-1a-64 over the four states. Four independent multiply chains hash at
// ~0.3 ns a word; one chain (or byte-wise FNV-1a) costs 1-4 ns a word, as much as evaluating
// a function on avx512. n is a multiple of 4.
std::uint64_t block_hash(const float* v, std::size_t n) {
  std::uint64_t s0 = fnv_offset, s1 = fnv_offset, s2 = fnv_offset, s3 = fnv_offset;
  for (std::size_t i = 0; i + 4 <= n; i += 4) {
    s0 = (s0 ^ float_bits(v[i])) * fnv_prime;
    s1 = (s1 ^ float_bits(v[i + 1])) * fnv_prime;
    s2 = (s2 ^ float_bits(v[i + 2])) * fnv_prime;
    s3 = (s3 ^ float_bits(v[i + 3])) * fnv_prime;
  }
  return fnv1a_u64(fnv1a_u64(fnv1a_u64(fnv1a_u64(fnv_offset, s0), s1), s2), s3);
}

// CPU seconds of the calling thread: the per-backend times are sums over the threads of the time
// each spent on that backend, which wall time would inflate whenever other processes share the
// cores.
double thread_seconds() {
#if defined(CLOCK_THREAD_CPUTIME_ID)
  timespec ts;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
#endif
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct exhaustive_result {
  std::vector<std::uint64_t> hash_f, hash_d;  // per backend
  std::vector<double> seconds;                // per backend: evaluation + hashing, CPU s summed over threads
  double wall = 0;
};

// All 2^32 float bit patterns on every backend of bs (forward, and backward with dy = 1); from
// the second backend on, every output is compared with the first one's.
template <class F>
exhaustive_result sweep_exhaustive(const char* name, const F& f, const std::vector<actfn::backend>& bs,
                                   unsigned threads) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::size_t nb = bs.size();
  // Block hashes indexed [backend][direction][block]: combined in block order afterwards, so the
  // result does not depend on which thread did which block.
  std::vector<std::uint64_t> bh(nb * 2 * exhaustive_blocks);
  std::vector<double> seconds(nb, 0.0);
  std::mutex mu;
  std::atomic<std::uint64_t> next{0};
  auto worker = [&] {
    const std::size_t n = exhaustive_block;
    std::vector<float> x(n), ones(n, 1.0f), y0(n), d0(n), y(n), d(n);
    std::vector<double> local(nb, 0.0);
    for (;;) {
      const std::uint64_t k = next.fetch_add(1);
      if (k >= exhaustive_blocks || failed) break;
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t bits = static_cast<std::uint32_t>(k * exhaustive_block + i);
        std::memcpy(&x[i], &bits, 4);
      }
      for (std::size_t b = 0; b < nb; ++b) {
        float* yb = b == 0 ? y0.data() : y.data();
        float* db = b == 0 ? d0.data() : d.data();
        const double t = thread_seconds();
        actfn::forward(bs[b], f, x.data(), yb, n);
        bh[(b * 2 + 0) * exhaustive_blocks + k] = block_hash(yb, n);
        actfn::backward(bs[b], f, x.data(), ones.data(), db, n);
        bh[(b * 2 + 1) * exhaustive_blocks + k] = block_hash(db, n);
        local[b] += thread_seconds() - t;
        if (b == 0 || (std::memcmp(y.data(), y0.data(), n * 4) == 0 && std::memcmp(d.data(), d0.data(), n * 4) == 0))
          continue;
        std::size_t i = 0;
        while (same_bits(y[i], y0[i]) && same_bits(d[i], d0[i])) ++i;
        std::lock_guard<std::mutex> lock(mu);
        if (!failed.exchange(true))
          std::printf("MISMATCH %s (float, all 2^32) at x = %a (0x%08x): %s f %a (0x%08x) f' %a (0x%08x), "
                      "%s f %a (0x%08x) f' %a (0x%08x)\n",
                      name, double(x[i]), float_bits(x[i]), actfn::backend_name(bs[b]), double(y[i]),
                      float_bits(y[i]), double(d[i]), float_bits(d[i]), actfn::backend_name(bs[0]), double(y0[i]),
                      float_bits(y0[i]), double(d0[i]), float_bits(d0[i]));
        break;
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    for (std::size_t b = 0; b < nb; ++b) seconds[b] += local[b];
  };
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();
  exhaustive_result r;
  r.seconds = seconds;
  for (std::size_t b = 0; b < nb; ++b) {
    std::uint64_t hf = fnv_offset, hd = fnv_offset;
    for (std::uint64_t k = 0; k < exhaustive_blocks; ++k) {
      hf = fnv1a_u64(hf, bh[(b * 2 + 0) * exhaustive_blocks + k]);
      hd = fnv1a_u64(hd, bh[(b * 2 + 1) * exhaustive_blocks + k]);
    }
    r.hash_f.push_back(hf);
    r.hash_d.push_back(hd);
  }
  r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

// ---- the hashes file ---------------------------------------------------------------------------

// Key "NAME f" or "NAME f'"; the file's lines in the order they were read (for --write-hashes:
// to be written).
using hash_table = std::vector<std::pair<std::string, std::uint64_t>>;

[[noreturn]] void hashes_error(const std::string& message) {
  std::printf("identity_sweep: %s\nRegenerate the file (on a host with an FMA vector backend, from the repository "
              "root) with\n  %s\nand review the diff: a changed hash means changed output bits.\n",
              message.c_str(), regenerate_command);
  std::exit(1);
}

hash_table read_hashes(const std::string& path) {
  std::ifstream in(path);
  if (!in) hashes_error("cannot read the hashes file " + path);
  hash_table out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string name, direction, hex, extra;
    if (!(fields >> name) || name[0] == '#') continue;
    fields >> direction >> hex;
    char* end = nullptr;
    const std::uint64_t value = std::strtoull(hex.c_str(), &end, 16);
    if ((direction != "f" && direction != "f'") || hex.size() != 16 || *end != '\0' || (fields >> extra))
      hashes_error(path + ":" + std::to_string(number) + ": expected `NAME f HEX16` or `NAME f' HEX16`, got `" + line +
                   "`");
    const std::string key = name + " " + direction;
    for (const auto& e : out)
      if (e.first == key) hashes_error(path + ":" + std::to_string(number) + ": " + key + " a second time");
    out.emplace_back(key, value);
  }
  return out;
}

void write_hashes(const std::string& path, const hash_table& table, const std::vector<actfn::backend>& fma) {
  std::ofstream out(path);
  out << "# The output bits of identity_sweep's FMA vector backends (avx512, avx2, neon: they must return\n"
         "# the same bits) over all 2^32 float bit patterns: one 64-bit hash per function and direction,\n"
         "# f = forward, f' = backward with dy = 1, both tiers. `identity_sweep --vector-exhaustive\n"
         "# --hashes tools/identity_hashes.txt` (CI) hashes the outputs of the FMA backends its host has\n"
         "# and compares them with these, so a host with one of them (AVX2 only) still checks it over\n"
         "# every input against the bits another host's backend produced.\n"
         "# Hash: per block of 65536 inputs (block k: bit patterns k*65536 ... k*65536 + 65535, in order),\n"
         "# four FNV-1a-64 streams over the 32-bit output words (word i feeds stream i mod 4), then\n"
         "# FNV-1a-64 over the four states' bytes, least significant byte first; per line, FNV-1a-64 over\n"
         "# the 65536 block hashes' bytes, in block order.\n"
      << "# Written from " << actfn::backend_name(fma[0]);
  if (fma.size() > 1) {
    out << ", which";
    for (std::size_t b = 1; b < fma.size(); ++b) out << (b > 1 ? " and " : " ") << actfn::backend_name(fma[b]);
    out << " matched on every input";
  }
  out << ".\n# Regenerate (after a change meant to alter output bits), from the repository root:\n#   "
      << regenerate_command << "\n";
  char hex[17];
  for (const auto& e : table) {
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(e.second));
    out << e.first << ' ' << hex << '\n';
  }
  out.close();
  if (!out) {
    std::printf("identity_sweep: cannot write %s\n", path.c_str());
    std::exit(1);
  }
}

template <class Visit>
void for_each_function(bool fast, Visit visit) {
  if (!fast) {
    visit("sigmoid", actfn::sigmoid{});
    visit("relu", actfn::relu{});
    visit("leaky_relu(0.01)", actfn::leaky_relu{0.01});
    visit("leaky_relu(0.2)", actfn::leaky_relu{0.2});
    visit("tanh", actfn::tanh{});
    visit("swish(1)", actfn::swish{1.0});
    visit("swish(1.702)", actfn::swish{1.702});
    visit("gelu", actfn::gelu{});
    visit("gelu_tanh", actfn::gelu_tanh{});
  } else {
    visit("fast::sigmoid", actfn::fast::sigmoid{});
    visit("fast::tanh", actfn::fast::tanh{});
    visit("fast::swish(1)", actfn::fast::swish{1.0});
    visit("fast::gelu", actfn::fast::gelu{});
    visit("fast::gelu_tanh", actfn::fast::gelu_tanh{});
  }
}

[[noreturn]] void usage(const char* argv0, const char* why) {
  if (why) std::fprintf(stderr, "%s: %s\n", argv0, why);
  std::fprintf(stderr,
               "usage: %s [--stride K] [--threads N] [--double-samples M] [--tier accurate|fast|both]\n"
               "       [--vector-exhaustive (--hashes FILE | --write-hashes FILE)] [--without BACKEND[,BACKEND]]\n",
               argv0);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t stride = 0;  // 0: not given
  unsigned threads = std::thread::hardware_concurrency() ? std::thread::hardware_concurrency() : 1;
  std::size_t double_samples = 1000000;
  std::string tier = "both";
  bool vector_exhaustive = false;
  std::string hashes_path, write_path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) usage(argv[0], (a + " needs a value").c_str());
      return argv[++i];
    };
    if (a == "--stride") {
      stride = std::strtoull(value(), nullptr, 10);
      if (stride == 0) usage(argv[0], "--stride must be at least 1");
    } else if (a == "--threads") {
      threads = static_cast<unsigned>(std::strtoul(value(), nullptr, 10));
    } else if (a == "--double-samples") {
      double_samples = std::strtoull(value(), nullptr, 10);
    } else if (a == "--tier") {
      tier = value();
    } else if (a == "--vector-exhaustive") {
      vector_exhaustive = true;
    } else if (a == "--hashes") {
      hashes_path = value();
    } else if (a == "--write-hashes") {
      write_path = value();
    } else if (a == "--without") {
      std::stringstream list(value());
      std::string name;
      while (std::getline(list, name, ',')) {
        bool known = false;
        for (actfn::backend b : all_vector_backends) {
          if (name != actfn::backend_name(b)) continue;
          known = true;
          left_out.push_back(b);
        }
        if (!known) usage(argv[0], ("--without: " + name + " is not one of sse2, avx2, avx512, neon").c_str());
      }
    } else {
      usage(argv[0], nullptr);
    }
  }
  if (threads == 0) usage(argv[0], "--threads must be at least 1");
  if (tier != "both" && tier != "accurate" && tier != "fast") usage(argv[0], "--tier: accurate, fast or both");
  if ((!hashes_path.empty() || !write_path.empty()) && !vector_exhaustive)
    usage(argv[0], "--hashes and --write-hashes go with --vector-exhaustive");
  if (vector_exhaustive && hashes_path.empty() == write_path.empty())
    usage(argv[0], "--vector-exhaustive needs --hashes FILE (compare) or --write-hashes FILE (write), one of them");
  if (!write_path.empty() && tier != "both") usage(argv[0], "--write-hashes writes both tiers: leave --tier out");
  // With --vector-exhaustive the vector backends get all 2^32 inputs; the scalar reference over all
  // of them (stride 1) would take hours, so the stride defaults to CI's.
  if (stride == 0) stride = vector_exhaustive ? 4093 : 1;

  const auto backends = vector_backends();
  const auto fma = vector_exhaustive ? fma_backends() : std::vector<actfn::backend>{};
  std::vector<std::string> keys;  // the functions and directions this run covers, in order
  for (bool fast : {false, true}) {
    if ((fast && tier == "accurate") || (!fast && tier == "fast")) continue;
    for_each_function(fast, [&](const char* name, const auto&) {
      keys.push_back(std::string(name) + " f");
      keys.push_back(std::string(name) + " f'");
    });
  }
  std::map<std::string, std::uint64_t> expected;
  if (!hashes_path.empty()) {
    const hash_table table = read_hashes(hashes_path);
    for (const auto& e : table) expected[e.first] = e.second;
    for (const auto& k : keys)
      if (!expected.count(k)) hashes_error(hashes_path + " has no hash for " + k);
    for (const auto& e : table) {
      bool known = false;
      for (const auto& k : keys) known = known || k == e.first;
      if (!known && tier == "both")
        std::printf("note: %s lists %s, which this tool does not run (a stale line?)\n", hashes_path.c_str(),
                    e.first.c_str());
    }
  }
  // Whether FILE can be written, before the minutes of the run rather than after (appending
  // nothing leaves an existing file as it is).
  if (!write_path.empty() && !std::ofstream(write_path, std::ios::app)) {
    std::printf("identity_sweep: cannot write %s\n", write_path.c_str());
    return 1;
  }
  if (!write_path.empty() && fma.empty()) {
    std::printf("identity_sweep: no FMA vector backend (avx512, avx2, neon) on this host: cannot write %s\n",
                write_path.c_str());
    return 1;
  }

  std::printf("identity_sweep: scalar vs");
  for (auto b : backends) std::printf(" %s", actfn::backend_name(b));
  std::printf("; float patterns: every %llu-th of 2^32; double: %zu patterns + %zu in [-50, 50]; %u threads\n",
              static_cast<unsigned long long>(stride), double_samples, double_samples, threads);
  if (vector_exhaustive) {
    if (fma.empty()) {
      std::printf("all 2^32 float patterns: NOT TESTED on this host (no FMA vector backend: avx512, avx2, neon); "
                  "the hashes are not checked\n");
    } else {
      std::printf("all 2^32 float patterns: ");
      for (std::size_t b = 0; b < fma.size(); ++b) std::printf("%s%s", b ? ", " : "", actfn::backend_name(fma[b]));
      if (!hashes_path.empty()) std::printf("; each against the hashes in %s", hashes_path.c_str());
      if (fma.size() > 1) std::printf("%s against each other element by element", hashes_path.empty() ? ";" : ", and");
      if (!write_path.empty()) std::printf("; %s's hashes written to %s", actfn::backend_name(fma[0]), write_path.c_str());
      std::printf("\n");
    }
    std::printf("on the stride only: scalar (the reference)");
    for (auto b : backends) {
      bool in_fma = false;
      for (auto e : fma) in_fma = in_fma || e == b;
      if (!in_fma) std::printf(", %s", actfn::backend_name(b));
    }
    std::printf("\n");
  }
  for (actfn::backend b : all_vector_backends) {
    if (runs_here(b)) continue;
    const char* why = is_left_out(b)      ? "treated as missing: --without"
                      : !backend_built(b) ? "not in this build (another architecture, or ACTFN_TARGETS)"
                                          : "CPU lacks it";
    std::printf("%s: NOT TESTED on this host (%s)\n", actfn::backend_name(b), why);
  }
  if (backends.empty()) {
    std::printf("no vector backend on this CPU: nothing to compare\n");
    return 0;
  }
  std::fflush(stdout);

  std::vector<std::string> hash_mismatches;  // "NAME f on BACKEND"
  hash_table written;
  std::vector<double> exhaustive_seconds(fma.size(), 0.0);
  double exhaustive_wall = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (bool fast : {false, true}) {
    if ((fast && tier == "accurate") || (!fast && tier == "fast")) continue;
    for_each_function(fast, [&](const char* name, const auto& f) {
      if (failed) return;
      const auto t1 = std::chrono::steady_clock::now();
      sweep_float(name, f, actfn::backend::scalar, backends, stride, threads);
      sweep_double(name, f, backends, double_samples);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
      std::printf("%-18s %s (%.1f s)\n", name, failed ? "MISMATCH" : "identical", s);
      std::fflush(stdout);
      if (failed || fma.empty()) return;
      const exhaustive_result r = sweep_exhaustive(name, f, fma, threads);
      exhaustive_wall += r.wall;
      const std::string key_f = std::string(name) + " f", key_d = std::string(name) + " f'";
      bool differs = false;
      for (std::size_t b = 0; b < fma.size(); ++b) {
        exhaustive_seconds[b] += r.seconds[b];
        const double ns = r.seconds[b] * 1e9 / double(std::uint64_t(2) << 32);
        if (failed) {  // stopped at the mismatch: the hashes cover part of the inputs
          std::printf("  all 2^32 %-6s stopped after %6.1f s CPU\n", actfn::backend_name(fma[b]), r.seconds[b]);
          continue;
        }
        std::printf("  all 2^32 %-6s f %016llx f' %016llx  %6.1f s CPU (%.2f ns per element and evaluation)\n",
                    actfn::backend_name(fma[b]), static_cast<unsigned long long>(r.hash_f[b]),
                    static_cast<unsigned long long>(r.hash_d[b]), r.seconds[b], ns);
        if (hashes_path.empty()) continue;
        for (const auto& [key, hash] : {std::make_pair(key_f, r.hash_f[b]), std::make_pair(key_d, r.hash_d[b])}) {
          if (hash == expected[key]) continue;
          differs = true;
          hash_mismatches.push_back(key + " on " + actfn::backend_name(fma[b]));
          std::printf("HASH MISMATCH %s on %s: %016llx here, %016llx in %s\n", key.c_str(),
                      actfn::backend_name(fma[b]), static_cast<unsigned long long>(hash),
                      static_cast<unsigned long long>(expected[key]), hashes_path.c_str());
        }
      }
      if (!failed && !write_path.empty()) {
        written.emplace_back(key_f, r.hash_f[0]);
        written.emplace_back(key_d, r.hash_d[0]);
      }
      std::printf("  all 2^32: %s (%.1f s wall)\n",
                  failed                ? "MISMATCH between backends"
                  : differs             ? "HASH MISMATCH"
                  : !write_path.empty() ? (fma.size() > 1 ? "backends identical" : "hashed")
                                        : "identical to the committed hashes",
                  r.wall);
      std::fflush(stdout);
    });
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!fma.empty()) {
    std::printf("all 2^32 float patterns, evaluation + hashing, CPU time summed over threads:");
    for (std::size_t b = 0; b < fma.size(); ++b)
      std::printf(" %s %.1f s;", actfn::backend_name(fma[b]), exhaustive_seconds[b]);
    std::printf(" %.1f s wall\n", exhaustive_wall);
  }
  const bool hash_failed = !hash_mismatches.empty();
  if (!failed && !hash_failed && !write_path.empty()) {
    write_hashes(write_path, written, fma);
    std::printf("wrote %zu hashes to %s\n", written.size(), write_path.c_str());
  }
  if (hash_failed) {
    std::printf("HASH MISMATCH: the outputs differ from %s for", hashes_path.c_str());
    for (std::size_t i = 0; i < hash_mismatches.size(); ++i)
      std::printf("%s %s", i ? "," : "", hash_mismatches[i].c_str());
    std::printf(".\nIf that change of output bits is intended, regenerate the file with\n  %s\n", regenerate_command);
  }
  std::printf("%s in %.1f s\n",
              failed        ? "FAILED"
              : hash_failed ? "FAILED: hashes differ"
              : fma.empty() ? "all backends bit-identical to scalar"
              : !write_path.empty() ? "all backends bit-identical to scalar, hashes written"
                                    : "all backends bit-identical to scalar, FMA backends' hashes as committed",
              s);
  return failed || hash_failed ? 1 : 0;
}
