# rtlnet_add_library(<part>): the library rtlnet_<part> from every .cpp in the current folder, exported
# as rtlnet::<part>, with the public include tree and the project's warnings. VERSION/SOVERSION follow
# the project version (0.x: every minor version may break the ABI).
function(rtlnet_add_library part)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(rtlnet_${part} ${sources})
  add_library(rtlnet::${part} ALIAS rtlnet_${part})
  set_target_properties(rtlnet_${part} PROPERTIES EXPORT_NAME ${part} POSITION_INDEPENDENT_CODE ON LINKER_LANGUAGE CXX
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
  # C++20 is part of the interface: a consumer gets it however it is built.
  target_compile_features(rtlnet_${part} PUBLIC cxx_std_20)
  target_include_directories(rtlnet_${part} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
  rtlnet_set_warnings(rtlnet_${part})
endfunction()
