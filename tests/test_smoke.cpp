// Smoke test: the public API is reachable and gives exact answers at points where every
// implementation must be exact.
#include <actfn/actfn.hpp>

#include <catch2/catch.hpp>

TEST_CASE("smoke: relu and sigmoid give exact values at simple points", "[smoke]") {
  CHECK(actfn::relu{}(-1.0f) == 0.0f);
  CHECK(actfn::relu{}(2.0f) == 2.0f);
  CHECK(actfn::sigmoid{}(0.0) == 0.5);
  CHECK(actfn::sigmoid{}(0.0f) == 0.5f);
}
