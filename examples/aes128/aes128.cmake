# The AES-128 core as a library (rtlnet_aes128), for the example program, its test (test/aes) and
# bench/sim_compare; whichever of them is configured first defines it.
if(NOT TARGET rtlnet_aes128)
  add_library(rtlnet_aes128 STATIC ${CMAKE_CURRENT_LIST_DIR}/aes128.cpp ${CMAKE_CURRENT_LIST_DIR}/sbox.cpp
                                   ${CMAKE_CURRENT_LIST_DIR}/driver.cpp)
  target_include_directories(rtlnet_aes128 PUBLIC ${CMAKE_CURRENT_LIST_DIR})
  target_link_libraries(rtlnet_aes128 PUBLIC rtlnet_rtl)
  rtlnet_set_warnings(rtlnet_aes128)
endif()
