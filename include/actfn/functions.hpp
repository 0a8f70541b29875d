#ifndef ACTFN_FUNCTIONS_HPP
#define ACTFN_FUNCTIONS_HPP
// TEMPORARY SKELETON: the API is final, the bodies are placeholders being replaced by the
// generic kernels (they call libm and are NOT the library's accuracy contract).
#include <cmath>

namespace actfn {

struct sigmoid {
  template <class V> V operator()(V x) const noexcept { return V(1) / (V(1) + std::exp(-x)); }
  template <class V> V derivative(V x) const noexcept { V s = (*this)(x); return s * (V(1) - s); }
};
struct relu {
  template <class V> V operator()(V x) const noexcept { return x > V(0) ? x : (x != x ? x : V(0)); }
  template <class V> V derivative(V x) const noexcept { return x > V(0) ? V(1) : (x != x ? x : V(0)); }
};
struct leaky_relu {
  double alpha = 0.01;
  template <class V> V operator()(V x) const noexcept { return x > V(0) ? x : V(alpha) * x; }
  template <class V> V derivative(V x) const noexcept { return x > V(0) ? V(1) : (x != x ? x : V(alpha)); }
};
struct tanh {
  template <class V> V operator()(V x) const noexcept { return std::tanh(x); }
  template <class V> V derivative(V x) const noexcept { V t = std::tanh(x); return V(1) - t * t; }
};
struct swish {
  double beta = 1.0;
  template <class V> V operator()(V x) const noexcept { return x / (V(1) + std::exp(-V(beta) * x)); }
  template <class V> V derivative(V x) const noexcept {
    V s = V(1) / (V(1) + std::exp(-V(beta) * x));
    return s + V(beta) * x * s * (V(1) - s);
  }
};
struct silu : swish {};
struct gelu {
  template <class V> V operator()(V x) const noexcept { return V(0.5) * x * std::erfc(-x / std::sqrt(V(2))); }
  template <class V> V derivative(V x) const noexcept {
    return V(0.5) * std::erfc(-x / std::sqrt(V(2))) + x * std::exp(-x * x / V(2)) / std::sqrt(V(2) * V(M_PI));
  }
};
struct gelu_tanh {
  template <class V> V operator()(V x) const noexcept {
    V k = std::sqrt(V(2) / V(M_PI));
    return V(0.5) * x * (V(1) + std::tanh(k * (x + V(0.044715) * x * x * x)));
  }
  template <class V> V derivative(V x) const noexcept {
    V k = std::sqrt(V(2) / V(M_PI));
    V t = std::tanh(k * (x + V(0.044715) * x * x * x));
    return V(0.5) * (V(1) + t) + V(0.5) * x * (V(1) - t * t) * k * (V(1) + V(3 * 0.044715) * x * x);
  }
};

}  // namespace actfn
#endif
