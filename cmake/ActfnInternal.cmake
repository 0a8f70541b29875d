# Internal INTERFACE targets for actfn's own tests, tools, benchmarks and examples.
# They are not exported and not installed.
#
#   actfn_warnings    warnings (+ -Werror when ACTFN_WERROR) and, with ACTFN_SANITIZE, ASan+UBSan
#   actfn_test_flags  ACTFN_EXTRA_TEST_FLAGS, for tests and tools only (compile options only)

add_library(actfn_warnings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(actfn_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wshadow
    $<$<BOOL:${ACTFN_WERROR}>:-Werror>)
  if(ACTFN_SANITIZE)
    set(_actfn_san -fsanitize=address,undefined -fno-sanitize-recover=all)
    target_compile_options(actfn_warnings INTERFACE ${_actfn_san} -fno-omit-frame-pointer)
    # target_link_options needs CMake 3.13; we require 3.16.
    target_link_options(actfn_warnings INTERFACE ${_actfn_san})
    unset(_actfn_san)
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
