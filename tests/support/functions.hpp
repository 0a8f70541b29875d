// The catalogue of functions under test: every functor of <actfn/functions.hpp> with every
// parameter the tests use. A test visits them all with for_each_function(visitor); the visitor
// receives a fn_case<F> (a generic lambda handles every F).
#ifndef ACTFN_TESTS_SUPPORT_FUNCTIONS_HPP
#define ACTFN_TESTS_SUPPORT_FUNCTIONS_HPP

#include <actfn/fast.hpp>
#include <actfn/functions.hpp>

#include <cstdio>
#include <string>

namespace actfn_test {

enum class direction { forward, derivative };
inline const char* to_string(direction d) { return d == direction::forward ? "f" : "f'"; }
constexpr direction both_directions[] = {direction::forward, direction::derivative};

// leaky_relu alpha and swish beta values the tests use (stored as double, used as T(param)).
constexpr double leaky_alphas[] = {0.0, 0.01, 0.2, 1.0};
constexpr double swish_betas[] = {0.5, 1.0, 1.702, 2.0};

template <class F>
struct fn_case {
  const char* name;     // the name in the reference tables (silu is swish with beta = 1)
  const char* display;  // the functor's own name
  F f;
  double param;         // alpha / beta as written; 0 for the functions without a parameter
  const char* param_name;

  std::string label() const {
    std::string s = display;
    if (param_name) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "(%s = %g)", param_name, param);
      s += buf;
    }
    return s;
  }
  std::string label(direction d) const {
    return label() + (d == direction::derivative ? " derivative" : "");
  }
  bool is(const char* n) const { return std::string(name) == n; }
};

// Calls visit(fn_case<F>) for every function and parameter.
template <class Visitor> void for_each_function(Visitor&& visit) {
  visit(fn_case<actfn::sigmoid>{"sigmoid", "sigmoid", actfn::sigmoid{}, 0.0, nullptr});
  visit(fn_case<actfn::relu>{"relu", "relu", actfn::relu{}, 0.0, nullptr});
  for (double a : leaky_alphas)
    visit(fn_case<actfn::leaky_relu>{"leaky_relu", "leaky_relu", actfn::leaky_relu{a}, a, "alpha"});
  visit(fn_case<actfn::tanh>{"tanh", "tanh", actfn::tanh{}, 0.0, nullptr});
  for (double b : swish_betas)
    visit(fn_case<actfn::swish>{"swish", "swish", actfn::swish{b}, b, "beta"});
  visit(fn_case<actfn::silu>{"swish", "silu", actfn::silu{}, 1.0, nullptr});
  visit(fn_case<actfn::gelu>{"gelu", "gelu", actfn::gelu{}, 0.0, nullptr});
  visit(fn_case<actfn::gelu_tanh>{"gelu_tanh", "gelu_tanh", actfn::gelu_tanh{}, 0.0, nullptr});
}

// The same catalogue for the fast tier (actfn::fast::*): the same names, parameters and reference
// tables, other bounds (test_fast_tier.cpp).
template <class Visitor> void for_each_fast_function(Visitor&& visit) {
  visit(fn_case<actfn::fast::sigmoid>{"sigmoid", "fast::sigmoid", actfn::fast::sigmoid{}, 0.0, nullptr});
  visit(fn_case<actfn::fast::relu>{"relu", "fast::relu", actfn::fast::relu{}, 0.0, nullptr});
  for (double a : leaky_alphas)
    visit(fn_case<actfn::fast::leaky_relu>{"leaky_relu", "fast::leaky_relu", actfn::fast::leaky_relu{a}, a, "alpha"});
  visit(fn_case<actfn::fast::tanh>{"tanh", "fast::tanh", actfn::fast::tanh{}, 0.0, nullptr});
  for (double b : swish_betas)
    visit(fn_case<actfn::fast::swish>{"swish", "fast::swish", actfn::fast::swish{b}, b, "beta"});
  visit(fn_case<actfn::fast::silu>{"swish", "fast::silu", actfn::fast::silu{}, 1.0, nullptr});
  visit(fn_case<actfn::fast::gelu>{"gelu", "fast::gelu", actfn::fast::gelu{}, 0.0, nullptr});
  visit(fn_case<actfn::fast::gelu_tanh>{"gelu_tanh", "fast::gelu_tanh", actfn::fast::gelu_tanh{}, 0.0, nullptr});
}

}  // namespace actfn_test
#endif
