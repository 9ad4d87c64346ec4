# rtlnet_add_library(<part>): the library rtlnet_<part> from every .cpp in the current folder, exported
# as rtlnet::<part>, with the public include tree and the project's warnings.
function(rtlnet_add_library part)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(rtlnet_${part} ${sources})
  add_library(rtlnet::${part} ALIAS rtlnet_${part})
  set_target_properties(rtlnet_${part} PROPERTIES EXPORT_NAME ${part} POSITION_INDEPENDENT_CODE ON LINKER_LANGUAGE CXX)
  target_include_directories(rtlnet_${part} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
  rtlnet_set_warnings(rtlnet_${part})
endfunction()
