// Calling the functors on SIMD batches inside your own vectorised loop. The batch type is the
// widest the compile flags enable (plain float without -mavx2/-mavx512f, which still works);
// the tail goes through the scalar functor, which returns exactly the same bits.
#include <actfn/actfn.hpp>

#include <cstdio>
#include <cstring>
#include <vector>

int main() {
  using V = actfn::simd::native<float>;
  std::vector<float> x(1003), y(x.size()), reference(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -6.0f + 12.0f * static_cast<float>(i) / static_cast<float>(x.size());

  const actfn::swish swish{1.702};
  std::size_t i = 0;
  if constexpr (!std::is_same<V, float>::value) {
    for (; i + V::size <= x.size(); i += V::size) swish(V::load(x.data() + i)).store(y.data() + i);
  }
  for (; i < x.size(); ++i) y[i] = swish(x[i]);

  actfn::forward(swish, x.data(), reference.data(), x.size());
  const bool same = std::memcmp(y.data(), reference.data(), y.size() * sizeof(float)) == 0;
  std::printf("batch of %zu lanes; swish(-1.2785/1.702) = %.7f; identical to the array API: %s\n",
              sizeof(V) / sizeof(float), static_cast<double>(swish(-1.2785f / 1.702f)), same ? "yes" : "NO");
  return same ? 0 : 1;
}
