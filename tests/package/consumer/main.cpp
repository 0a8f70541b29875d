// Uses the installed headers exactly as a user would; exits non-zero on a wrong answer.
#include <actfn/actfn.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

int main() {
  int failures = 0;

  const float s = actfn::sigmoid{}(0.0f);
  if (s != 0.5f) {
    std::printf("FAIL: sigmoid(0.0f) = %a, want 0x1p-1\n", static_cast<double>(s));
    ++failures;
  }

  const float x[4] = {-2.0f, -0.0f, 0.0f, 3.0f};
  const float want[4] = {0.0f, 0.0f, 0.0f, 3.0f};
  float y[4] = {1.0f, 1.0f, 1.0f, 1.0f};
  actfn::forward(actfn::relu{}, x, y, 4);
  for (std::size_t i = 0; i < 4; ++i) {
    if (y[i] != want[i]) {
      std::printf("FAIL: forward(relu)[%zu] = %a, want %a\n", i, static_cast<double>(y[i]),
                  static_cast<double>(want[i]));
      ++failures;
    }
  }

  // The bits of three functions (one per kernel family and tier), forward and backward, float, on a grid over [-12, 12]: the
  // header-only and the compiled-mode builds of this file must print the same hash.
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      std::uint32_t b;
      std::memcpy(&b, &v[i], 4);
      h = (h ^ b) * 1099511628211ull;
    }
  };
  float grid[2401], out[2401], ones[2401];
  for (int i = 0; i < 2401; ++i) {
    grid[i] = static_cast<float>(i - 1200) / 100.0f;
    ones[i] = 1.0f;
  }
  auto run = [&](const auto& f) {
    actfn::forward(f, grid, out, 2401);
    mix(out, 2401);
    actfn::backward(f, grid, ones, out, 2401);
    mix(out, 2401);
  };
  run(actfn::swish{1.5});
  run(actfn::gelu{});
  run(actfn::fast::silu{});

  if (failures != 0) return 1;
  std::printf("actfn %d.%d.%d consumer: ok, bits %016llx\n", actfn::version_major,
              actfn::version_minor, actfn::version_patch, static_cast<unsigned long long>(h));
  return 0;
}
