# Packages mnist_inference_axi.v (the tiled accelerator's AXI top) as a Vivado IP with an AXI4-Stream
# slave s0_axis (images in, 32-bit words of 4 pixels) and an AXI4-Stream master m0_axis (classes out,
# 8-bit), both clocked by `clk` and reset by the active-low synchronous `aresetn`.
create_project rtlnet_ip ./rtlnet_ip -part xc7z020clg400-1 -force
add_files -norecurse mnist_inference_axi.v
set_property top mnist_inference_axi [current_fileset]
update_compile_order -fileset sources_1
ipx::package_project -root_dir rtlnet_ip_repo -vendor rtlnet.dev -library rtlnet -taxonomy /UserIP -import_files -set_current true
set core [ipx::current_core]
set_property name mnist_inference_axi $core
set_property display_name {rtlnet MNIST accelerator} $core
set_property description {rtlnet quantized MNIST inference: images in and classes out over AXI4-Stream} $core
set_property version 2.0 $core

# The packager infers s0_axis and m0_axis from the port names; tie them to the clock and the reset.
if {[llength [ipx::get_bus_interfaces clk -of_objects $core]] == 0} {
    ipx::infer_bus_interface clk xilinx.com:signal:clock_rtl:1.0 $core
}
if {[llength [ipx::get_bus_interfaces aresetn -of_objects $core]] == 0} {
    ipx::infer_bus_interface aresetn xilinx.com:signal:reset_rtl:1.0 $core
}
set_property value ACTIVE_LOW [ipx::add_bus_parameter POLARITY [ipx::get_bus_interfaces aresetn -of_objects $core]]
ipx::associate_bus_interfaces -busif s0_axis -clock clk $core
ipx::associate_bus_interfaces -busif m0_axis -clock clk $core
ipx::associate_bus_interfaces -clock clk -reset aresetn $core

set_property core_revision 1 $core
ipx::create_xgui_files $core
ipx::update_checksums $core
ipx::check_integrity $core
ipx::save_core $core
set_property ip_repo_paths [file normalize rtlnet_ip_repo] [current_project]
update_ip_catalog
close_project
