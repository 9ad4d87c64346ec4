# Block design for the Pynq Z2: Zynq PS7 -> AXI DMA (simple mode) MM2S -> s0_axis of the accelerator,
# its m0_axis -> the DMA's S2MM -> memory; the PS's GP0 port reaches the DMA's registers. Fabric
# clock 100 MHz: yosys puts the worst path at about 5 ns before routing (docs/accelerator.md); not
# verified with Vivado here, so check timing_summary.txt and lower the clock if the slack is negative.
set board_repo [file normalize ~/.Xilinx/Vivado/xhub/board_store/xilinx_board_store]
if {[file exists $board_repo]} { set_param board.repoPaths [list $board_repo] }
create_project rtlnet_pynq ./rtlnet_pynq -part xc7z020clg400-1 -force
set_property board_part tul.com.tw:pynq-z2:part0:1.0 [current_project]
set_property ip_repo_paths [file normalize rtlnet_ip_repo] [current_project]
update_ip_catalog
create_bd_design design_1

create_bd_cell -type ip -vlnv xilinx.com:ip:processing_system7:5.5 processing_system7_0
apply_bd_automation -rule xilinx.com:bd_rule:processing_system7 \
    -config {make_external "FIXED_IO, DDR" apply_board_preset "1" Master "Disable" Slave "Disable"} \
    [get_bd_cells processing_system7_0]
set_property -dict [list CONFIG.PCW_USE_S_AXI_HP0 {1} CONFIG.PCW_FPGA0_PERIPHERAL_FREQMHZ {100}] \
    [get_bd_cells processing_system7_0]

create_bd_cell -type ip -vlnv xilinx.com:ip:axi_dma:7.1 dma
set_property -dict [list CONFIG.c_include_sg {0} CONFIG.c_include_s2mm {1} CONFIG.c_sg_length_width {26} \
    CONFIG.c_m_axi_mm2s_data_width {64} CONFIG.c_m_axis_mm2s_tdata_width {32} CONFIG.c_mm2s_burst_size {16} \
    CONFIG.c_m_axi_s2mm_data_width {64} CONFIG.c_s_axis_s2mm_tdata_width {8} CONFIG.c_s2mm_burst_size {16}] \
    [get_bd_cells dma]

create_bd_cell -type ip -vlnv rtlnet.dev:rtlnet:mnist_inference_axi:1.0 mnist_inference_axi_0

apply_bd_automation -rule xilinx.com:bd_rule:axi4 \
    -config {Master "/processing_system7_0/M_AXI_GP0" intc_ip "New AXI Interconnect" Clk_xbar "Auto" Clk_master "Auto" Clk_slave "Auto"} \
    [get_bd_intf_pins dma/S_AXI_LITE]
apply_bd_automation -rule xilinx.com:bd_rule:axi4 \
    -config {Master "/dma/M_AXI_MM2S" intc_ip "New AXI Interconnect" Clk_xbar "Auto" Clk_master "Auto" Clk_slave "Auto"} \
    [get_bd_intf_pins processing_system7_0/S_AXI_HP0]
apply_bd_automation -rule xilinx.com:bd_rule:axi4 \
    -config {Master "/dma/M_AXI_S2MM" intc_ip "/axi_mem_intercon" Clk_xbar "Auto" Clk_master "Auto" Clk_slave "Auto"} \
    [get_bd_intf_pins processing_system7_0/S_AXI_HP0]
connect_bd_intf_net [get_bd_intf_pins dma/M_AXIS_MM2S] [get_bd_intf_pins mnist_inference_axi_0/s0_axis]
connect_bd_intf_net [get_bd_intf_pins mnist_inference_axi_0/m0_axis] [get_bd_intf_pins dma/S_AXIS_S2MM]
apply_bd_automation -rule xilinx.com:bd_rule:clkrst \
    -config {Clk "/processing_system7_0/FCLK_CLK0 (100 MHz)"} [get_bd_pins mnist_inference_axi_0/clk]
# The accelerator's reset follows the peripheral reset of the DMA's clock domain.
connect_bd_net [get_bd_pins mnist_inference_axi_0/aresetn] \
    [get_bd_pins -of_objects [get_bd_nets -of_objects [get_bd_pins dma/axi_resetn]] -filter {DIR == O}]

regenerate_bd_layout
validate_bd_design
save_bd_design
make_wrapper -files [get_files design_1.bd] -top
add_files -norecurse ./rtlnet_pynq/rtlnet_pynq.gen/sources_1/bd/design_1/hdl/design_1_wrapper.v
set_property top design_1_wrapper [current_fileset]
launch_runs impl_1 -to_step write_bitstream -jobs 2
wait_on_run impl_1
report_timing_summary -file timing_summary.txt -datasheet
report_utilization -file utilization.txt
close_project
