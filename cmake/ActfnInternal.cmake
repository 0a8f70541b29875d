# Internal INTERFACE targets for actfn's own tests, tools, benchmarks and examples.
# They are not exported and not installed.
#
#   actfn_sanitize    with ACTFN_SANITIZE: -fsanitize=address,undefined (compile + link)
#   actfn_warnings    warnings (+ -Werror when ACTFN_WERROR); links actfn_sanitize
#   actfn_test_flags  ACTFN_EXTRA_TEST_FLAGS, for tests and tools only (compile options only)

# Sanitizers: compile and link options, for every target of ours (Catch2's main included), and
# ACTFN_GROUP_REGISTERS=1.
add_library(actfn_sanitize INTERFACE)
if(ACTFN_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "ACTFN_SANITIZE needs GCC or Clang")
  endif()
  set(_actfn_san -fsanitize=address,undefined -fno-sanitize-recover=all)
  target_compile_options(actfn_sanitize INTERFACE ${_actfn_san} -fno-omit-frame-pointer)
  target_link_options(actfn_sanitize INTERFACE ${_actfn_san})
  # One register per group (config.hpp): results are the same, and instrumented grouped loops take
  # GCC 12 minutes per backend to compile (measured: the AVX-512 loops of the tests, 111 s with
  # one register, still running after 160 s with two, over 12 minutes with four).
  target_compile_definitions(actfn_sanitize INTERFACE ACTFN_GROUP_REGISTERS=1)
  unset(_actfn_san)
endif()

add_library(actfn_warnings INTERFACE)
target_link_libraries(actfn_warnings INTERFACE actfn_sanitize)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(actfn_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow
    $<$<BOOL:${ACTFN_WERROR}>:-Werror>)
  if(ACTFN_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12's flow analysis under -fsanitize gives false -Wmaybe-uninitialized reports inside
    # libstdc++ (std::function, std::regex); the non-sanitized builds keep the warning.
    target_compile_options(actfn_warnings INTERFACE -Wno-maybe-uninitialized)
  endif()
elseif(MSVC)
  target_compile_options(actfn_warnings INTERFACE /W4 $<$<BOOL:${ACTFN_WERROR}>:/WX>)
endif()

# Compile options only, never link options: -ffast-math on the link line would pull in
# crtfastmath.o, which sets FTZ/DAZ for the whole process and would hide subnormal bugs.
add_library(actfn_test_flags INTERFACE)
if(ACTFN_EXTRA_TEST_FLAGS)
  target_compile_options(actfn_test_flags INTERFACE ${ACTFN_EXTRA_TEST_FLAGS})
  message(STATUS "actfn: extra test/tool compile options: ${ACTFN_EXTRA_TEST_FLAGS}")
endif()
