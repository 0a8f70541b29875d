#ifndef ACTFN_ACTFN_HPP
#define ACTFN_ACTFN_HPP
#include "version.hpp"
#include "functions.hpp"
#include "array.hpp"
#include "simd.hpp"
#include "fast.hpp"
#endif
