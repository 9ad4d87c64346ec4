# The API reference: `cmake --build build --target docs` runs Doxygen over the public headers
# (include/rtl, include/linalg, include/qnn, include/accel) into build/docs/api; any Doxygen warning fails the target
# (docs/Doxyfile.in). Without doxygen the target is not defined and configuring says so.
find_package(Doxygen)
if(NOT DOXYGEN_FOUND)
  message(STATUS "rtlnet: doxygen not found, no `docs` target (apt-get install doxygen)")
  return()
endif()

set(RTLNET_DOCS_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR}/docs/api)
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/docs/Doxyfile.in ${CMAKE_CURRENT_BINARY_DIR}/docs/Doxyfile @ONLY)
# Always runs (a few seconds): a failed run leaves its HTML behind, so an output-based rule would
# call the next build up to date and hide the warnings.
add_custom_target(docs
  COMMAND ${CMAKE_COMMAND} -E make_directory ${RTLNET_DOCS_OUTPUT_DIR}
  COMMAND Doxygen::doxygen ${CMAKE_CURRENT_BINARY_DIR}/docs/Doxyfile
  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
  COMMENT "Doxygen: API reference of the public headers into ${RTLNET_DOCS_OUTPUT_DIR}/html"
  VERBATIM)
