// actfn at a glance: an activation over an array, its backward pass, and a functor on a scalar.
#include <actfn/actfn.hpp>

#include <cstdio>
#include <vector>

int main() {
  const std::vector<float> x = {-3.0f, -1.0f, -0.5f, 0.0f, 0.5f, 1.0f, 3.0f};
  std::vector<float> y(x.size()), dx(x.size());
  const std::vector<float> dy(x.size(), 1.0f);  // upstream gradient

  actfn::gelu gelu;
  actfn::forward(gelu, x.data(), y.data(), x.size());                // y  = gelu(x)
  actfn::backward(gelu, x.data(), dy.data(), dx.data(), x.size());   // dx = dy * gelu'(x)
  for (std::size_t i = 0; i < x.size(); ++i)
    std::printf("gelu(%5.2f) = %9.6f   gelu'(%5.2f) = %9.6f\n", double(x[i]), double(y[i]),
                double(x[i]), double(dx[i]));

  const actfn::leaky_relu leaky{0.1};  // parameters are plain members
  std::printf("sigmoid(2) = %.6f  leaky_relu(-2) = %.6f  tanh'(0.5) = %.6f\n",
              actfn::sigmoid{}(2.0), leaky(-2.0), actfn::tanh{}.derivative(0.5));
}
