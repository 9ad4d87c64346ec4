# rtlnet_set_warnings(target): the project's warning flags, errors when RTLNET_WERROR is on.
function(rtlnet_set_warnings target)
  # GCC 12 reports false positives at -O2/-O3 inside Boost.Multiprecision's cpp_int
  # (-Wmaybe-uninitialized, its small-buffer union) and inside libstdc++'s std::string assignment
  # (-Wrestrict, GCC bug 105651). These two are off, for GCC only; every other -Wall -Wextra warning
  # stays on. (Every member of our option structs has a default initializer, so designated
  # initializers such as `{.mode = ...}` are clean under -Wmissing-field-initializers.)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
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
