# Installs the libraries, their headers and a CMake package so that another project can
# use `find_package(rtlnet)` and link `rtlnet::rtl`, `rtlnet::linalg`, `rtlnet::qnn` and `rtlnet::accel`.
# The example programs' command-line library (examples/mnist_cli) is not installed.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(rtlnet_installed_targets rtlnet_rtl rtlnet_linalg)
if(RTLNET_QNN)
  list(APPEND rtlnet_installed_targets rtlnet_qnn rtlnet_accel)
endif()
install(TARGETS ${rtlnet_installed_targets} EXPORT rtlnetTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/rtl include/linalg include/qnn include/accel DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT rtlnetTargets NAMESPACE rtlnet:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/rtlnet)

configure_package_config_file(cmake/rtlnetConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/rtlnetConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/rtlnet)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/rtlnetConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/rtlnetConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/rtlnetConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/rtlnet)
install(FILES LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/rtlnet)
