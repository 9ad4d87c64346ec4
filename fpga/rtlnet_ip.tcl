# Packages mnist_inference_axi.v as a Vivado IP with an AXI4-Lite slave (s0_axi) and an AXI4-Stream
# slave (s0_axis), both clocked by `clk` and reset by their active-low aresetn.
create_project rtlnet_ip ./rtlnet_ip -part xc7z020clg400-1 -force
add_files -norecurse mnist_inference_axi.v
set_property top mnist_inference_axi [current_fileset]
update_compile_order -fileset sources_1
ipx::package_project -root_dir rtlnet_ip_repo -vendor rtlnet.dev -library rtlnet -taxonomy /UserIP -import_files -set_current true
set core [ipx::current_core]
set_property name mnist_inference_axi $core
set_property display_name {rtlnet MNIST accelerator} $core
set_property description {rtlnet quantized MNIST inference: images over AXI4-Stream, results over AXI4-Lite} $core
set_property version 1.0 $core

# The packager infers s0_axi and s0_axis from the port names; tie them to the clock and resets.
if {[llength [ipx::get_bus_interfaces clk -of_objects $core]] == 0} {
    ipx::infer_bus_interface clk xilinx.com:signal:clock_rtl:1.0 $core
}
ipx::associate_bus_interfaces -busif s0_axi -clock clk $core
ipx::associate_bus_interfaces -busif s0_axis -clock clk $core
foreach reset {s0_axi_aresetn s0_axis_aresetn} {
    if {[llength [ipx::get_bus_interfaces $reset -of_objects $core]] == 0} {
        ipx::infer_bus_interface $reset xilinx.com:signal:reset_rtl:1.0 $core
    }
    set_property value ACTIVE_LOW [ipx::add_bus_parameter POLARITY [ipx::get_bus_interfaces $reset -of_objects $core]]
}

# Name the status register in the address map (the others are listed in fpga/README.md).
set map [ipx::get_memory_maps s0_axi -of_objects $core]
if {[llength $map] > 0} {
    set block [lindex [ipx::get_address_blocks -of_objects $map] 0]
    if {$block ne ""} {
        set reg [ipx::add_register argmax $block]
        set_property address_offset 0 $reg
        set_property size 32 $reg
        set_property description {Predicted digit of the last image, 0-9} $reg
    }
}

set_property core_revision 1 $core
ipx::create_xgui_files $core
ipx::update_checksums $core
ipx::check_integrity $core
ipx::save_core $core
set_property ip_repo_paths [file normalize rtlnet_ip_repo] [current_project]
update_ip_catalog
close_project
