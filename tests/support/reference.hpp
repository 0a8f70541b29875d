// Access to the generated reference data (tests/reference/, written by scripts/gen_reference.py):
// the table of a function case, its derivative-root window, the minima.
#ifndef ACTFN_TESTS_SUPPORT_REFERENCE_HPP
#define ACTFN_TESTS_SUPPORT_REFERENCE_HPP

#include <cstring>
#include <stdexcept>
#include <string>

#include "../reference/constants.hpp"
#include "../reference/reference.hpp"
#include "functions.hpp"
#include "ulp.hpp"

namespace actfn_test {

inline bool same_name(const char* a, const char* b) { return std::strcmp(a, b) == 0; }

template <class T, class F>
const actfn_ref::table<T>& reference_table(const fn_case<F>& c, direction d) {
  for (const auto& t : actfn_ref::tables<T>::all)
    if (same_name(t.function, c.name) && t.param == c.param &&
        t.derivative == (d == direction::derivative))
      return t;
  throw std::logic_error("no reference table for " + c.label(d) + " in " + fp<T>::name);
}

template <class T> exact_value exact_of(const actfn_ref::point<T>& p) { return {p.hi, p.lo, p.scale}; }

// The window |x - x0| <= 1/8 around the root of f' where the derivative's bound is absolute;
// nullptr when f' has no such root (or for the forward direction).
template <class T, class F>
const actfn_ref::root_window<T>* root_window_of(const fn_case<F>& c, direction d) {
  if (d != direction::derivative) return nullptr;
  for (const auto& w : actfn_ref::windows<T>::all)
    if (same_name(w.function, c.name) && w.param == c.param) return &w;
  return nullptr;
}
template <class T> bool inside(const actfn_ref::root_window<T>* w, T x) {
  return w != nullptr && w->lo <= x && x <= w->hi;
}

template <class T, class F>
const actfn_ref::minimum* minimum_of(const fn_case<F>& c) {
  for (const auto& m : actfn_ref::minima<T>::all)
    if (same_name(m.function, c.name) && m.param == c.param) return &m;
  return nullptr;
}

}  // namespace actfn_test
#endif
