# Install rules: headers, the exported target, the CMake package files and a pkg-config file.
include(CMakePackageConfigHelpers)

set(ACTFN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/actfn" CACHE STRING
    "Where actfnConfig.cmake goes, relative to the prefix")
set(ACTFN_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig" CACHE STRING
    "Where actfn.pc goes, relative to the prefix")
mark_as_advanced(ACTFN_INSTALL_CMAKEDIR ACTFN_INSTALL_PKGCONFIGDIR)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/"
        DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.inc")

install(TARGETS actfn EXPORT actfnTargets)
if(TARGET actfn_compiled)
  install(TARGETS actfn_compiled EXPORT actfnTargets
          ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
endif()
install(EXPORT actfnTargets
        NAMESPACE actfn::
        DESTINATION "${ACTFN_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/actfnConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/actfnConfig.cmake"
  INSTALL_DESTINATION "${ACTFN_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/actfnConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion
  ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/actfnConfig.cmake"
              "${PROJECT_BINARY_DIR}/actfnConfigVersion.cmake"
        DESTINATION "${ACTFN_INSTALL_CMAKEDIR}")

# pkg-config: relocatable (prefix found from the .pc file's own directory, so that
# `cmake --install --prefix X` works), no Libs: (header-only).
set(_actfn_fake_prefix "/actfn-prefix")
file(RELATIVE_PATH ACTFN_PC_RELATIVE_PREFIX
     "${_actfn_fake_prefix}/${ACTFN_INSTALL_PKGCONFIGDIR}" "${_actfn_fake_prefix}")
string(REGEX REPLACE "/$" "" ACTFN_PC_RELATIVE_PREFIX "${ACTFN_PC_RELATIVE_PREFIX}")
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  message(FATAL_ERROR "actfn: CMAKE_INSTALL_INCLUDEDIR must be relative for the relocatable actfn.pc")
endif()
set(ACTFN_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/actfn.pc.in" "${PROJECT_BINARY_DIR}/actfn.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/actfn.pc" DESTINATION "${ACTFN_INSTALL_PKGCONFIGDIR}")
unset(_actfn_fake_prefix)
