# Cross build for AArch64 Linux with Debian's cross compiler (package g++-aarch64-linux-gnu);
# the programs run under qemu-user, which ctest and catch_discover_tests use as the emulator.
#
#   cmake -S . -B build/aarch64 -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake
#
# scripts/test-aarch64.sh uses it to run the test suite on the NEON backend.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)

# The target's headers and libraries: Debian's cross packages install them here.
set(ACTFN_AARCH64_SYSROOT /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH ${ACTFN_AARCH64_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# -L: where qemu finds the AArch64 dynamic loader and shared libraries (libstdc++, libc).
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64;-L;${ACTFN_AARCH64_SYSROOT})
