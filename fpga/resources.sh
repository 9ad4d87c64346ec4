#!/usr/bin/env bash
# Estimates the AXI top's FPGA resources with yosys (synth_xilinx -family xc7) and prints a Markdown
# table. Usage: fpga/resources.sh path/to/mnist_inference_axi.v
set -euo pipefail
verilog=${1:?usage: fpga/resources.sh mnist_inference_axi.v}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
yosys -q -l /dev/null -p "read_verilog $verilog; synth_xilinx -family xc7 -top mnist_inference_axi; tee -o $log stat" > /dev/null
count() { awk -v pat="$1" '$1 ~ pat {s += $2} END {print s + 0}' "$log"; }
luts=$(count '^LUT[1-6]$')
ffs=$(count '^FD[CPRSE]*$')
dsps=$(count '^DSP48E1$')
bram=$(count '^RAMB(18|36)E1$')
lutram=$(count '^RAM(32|64|128|256)')
carry=$(count '^CARRY4$')
echo "| resource | used | xc7z020 has |"
echo "|---|---|---|"
echo "| LUT | $luts | 53,200 |"
echo "| FF | $ffs | 106,400 |"
echo "| DSP48E1 | $dsps | 220 |"
echo "| block RAM (RAMB18/36) | $bram | 140 (36 Kb) |"
echo "| LUT RAM cells | $lutram | - |"
echo "| CARRY4 | $carry | - |"
