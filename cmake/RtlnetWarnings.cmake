# rtlnet_set_warnings(target): the project's warning flags, errors when RTLNET_WERROR is on.
function(rtlnet_set_warnings target)
  # GCC 12 reports false positives at -O2/-O3 inside Boost.Multiprecision's cpp_int
  # (-Wmaybe-uninitialized, its small-buffer union) and inside libstdc++'s std::string assignment
  # (-Wrestrict, GCC bug 105651), and GCC 12 warns about designated initializers that leave fields at
  # their defaults (-Wmissing-field-initializers, GCC bug 96868; the way our option structs are meant
  # to be used). These three are off; every other -Wall -Wextra warning stays on.
  # Clang has neither false positive and no -Wrestrict, so the first two are GCC-only.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wno-missing-field-initializers)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized -Wno-restrict)
  endif()
  if(RTLNET_PEDANTIC)
    target_compile_options(${target} PRIVATE -Wconversion -Wshadow -Wold-style-cast)
  endif()
  if(RTLNET_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
