# ctest `package_consumer`: install this build tree into a fresh prefix, then configure, build and
# run tests/package/consumer against it with find_package(actfn CONFIG), and (when pkg-config is
# there) compile and run the same file with `pkg-config --cflags actfn`.
#
# In: ACTFN_BUILD_DIR ACTFN_VERSION ACTFN_PKGCONFIGDIR WORK_DIR CONSUMER_SOURCE CXX CXX_ID
#     CXX_STANDARD GENERATOR CONFIG
cmake_minimum_required(VERSION 3.16)

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/consumer-build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "package_consumer: ${what} failed (${rc}):\n  ${ARGN}\n${out}")
  endif()
  message(STATUS "package_consumer: ${what}: ok")
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(config_args "")
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()

# 1. install
run("install" "${CMAKE_COMMAND}" --install "${ACTFN_BUILD_DIR}" --prefix "${prefix}" ${config_args})
foreach(f include/actfn/actfn.hpp)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "package_consumer: ${f} not installed")
  endif()
endforeach()

# 2. find_package from a separate project (nothing but the prefix may be found)
set(cfg_args -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
             -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF -DCMAKE_CXX_COMPILER=${CXX})
if(CONFIG)
  list(APPEND cfg_args -DCMAKE_BUILD_TYPE=${CONFIG})
endif()
if(CXX_STANDARD)
  list(APPEND cfg_args -DCMAKE_CXX_STANDARD=${CXX_STANDARD})
endif()
run("configure consumer" "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE}" -B "${build}" -G "${GENERATOR}"
    ${cfg_args})
file(STRINGS "${build}/CMakeCache.txt" actfn_dir_line REGEX "^actfn_DIR:")
string(REGEX REPLACE "^actfn_DIR:[A-Z]+=" "" actfn_dir "${actfn_dir_line}")
get_filename_component(real_prefix "${prefix}" REALPATH)      # file(REAL_PATH) needs 3.19
get_filename_component(real_actfn_dir "${actfn_dir}" REALPATH)
string(FIND "${real_actfn_dir}" "${real_prefix}/" at)
if(NOT at EQUAL 0)
  message(FATAL_ERROR "package_consumer: found actfn in '${actfn_dir}', not under '${prefix}'")
endif()
run("build and run consumer" "${CMAKE_COMMAND}" --build "${build}" --target check ${config_args})
message(STATUS "${run_output}")

# 3. pkg-config
find_program(PKG_CONFIG_EXECUTABLE pkg-config)
if(NOT PKG_CONFIG_EXECUTABLE)
  message(STATUS "package_consumer: pkg-config not found, pkg-config check skipped")
  return()
endif()
set(pc_env "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${prefix}/${ACTFN_PKGCONFIGDIR}"
           "PKG_CONFIG_LIBDIR=${prefix}/${ACTFN_PKGCONFIGDIR}")
run("pkg-config --modversion" ${pc_env} "${PKG_CONFIG_EXECUTABLE}" --modversion actfn)
string(STRIP "${run_output}" pc_version)
if(NOT pc_version STREQUAL ACTFN_VERSION)
  message(FATAL_ERROR "package_consumer: pkg-config version '${pc_version}', want '${ACTFN_VERSION}'")
endif()
run("pkg-config --cflags" ${pc_env} "${PKG_CONFIG_EXECUTABLE}" --cflags actfn)
string(STRIP "${run_output}" pc_cflags)
run("pkg-config --libs" ${pc_env} "${PKG_CONFIG_EXECUTABLE}" --libs actfn)
string(STRIP "${run_output}" pc_libs)
if(NOT pc_libs STREQUAL "")
  message(FATAL_ERROR "package_consumer: header-only, but pkg-config --libs gives '${pc_libs}'")
endif()
if(NOT pc_cflags MATCHES "^-I(.+)$")
  message(FATAL_ERROR "package_consumer: unexpected pkg-config --cflags '${pc_cflags}'")
endif()
set(pc_include "${CMAKE_MATCH_1}")
if(NOT EXISTS "${pc_include}/actfn/actfn.hpp")
  message(FATAL_ERROR "package_consumer: pkg-config include dir '${pc_include}' has no actfn/actfn.hpp")
endif()
if(CXX_ID MATCHES "GNU|Clang")
  separate_arguments(cflags UNIX_COMMAND "${pc_cflags}")
  set(std 17)
  if(CXX_STANDARD)
    set(std ${CXX_STANDARD})
  endif()
  run("compile consumer with pkg-config flags"
      "${CXX}" -std=c++${std} ${cflags} "${CONSUMER_SOURCE}/main.cpp" -o "${WORK_DIR}/consumer-pc")
  run("run consumer built with pkg-config flags" "${WORK_DIR}/consumer-pc")
endif()
message(STATUS "package_consumer: all checks passed")
