// Uses the installed headers exactly as a user would; exits non-zero on a wrong answer.
#include <actfn/actfn.hpp>

#include <cstddef>
#include <cstdio>

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

  if (failures != 0) return 1;
  std::printf("actfn %d.%d.%d consumer: ok\n", actfn::version_major, actfn::version_minor,
              actfn::version_patch);
  return 0;
}
