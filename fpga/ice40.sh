#!/usr/bin/env bash
# Places and routes a small tiled accelerator on a Lattice iCE40 UP5K (SG48 package) with the open
# toolchain (yosys synth_ice40 -dsp, nextpnr-ice40: Debian packages) and writes the achieved Fmax and
# utilisation into docs/fpga.md (between the ice40 markers). The configuration: a 2x2 array, one
# requantizer, one pixel per input word (the SG48 package has 39 I/O pins).
# Usage: fpga/ice40.sh [build_dir]      (mnist_inference built, a model in models/mnist_q8.json)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
exe=$build/examples/mnist_inference/mnist_inference
model=${MODEL:-$root/models/mnist_q8.json}
doc=$root/docs/fpga.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
array=2x2
flags=(--model "$model" --impl hardware --arch tiled --array "$array" --requantizers 1 --pixels_per_word 1
       --num_images 100 --batch_size 100 --no-verbose --no-train_if_missing)
out=$("$exe" "${flags[@]}" --verilog --verilog_dir "$work")
accuracy=$(grep -o '[0-9]*/100 correct' <<< "$out")
latency=$(sed -n 's/^latency cycles: //p' <<< "$out")
per_image=$(sed -n 's/^cycles per image: //p' <<< "$out")
cd "$work"
yosys -q -l yosys.log -p "read_verilog mnist_inference.v; synth_ice40 -dsp -top mnist_inference -json top.json" > /dev/null 2>&1
nextpnr-ice40 --up5k --package sg48 --json top.json --asc top.asc --freq 12 --seed 1 > nextpnr.log 2>&1
fmax=$(grep 'Max frequency for clock' nextpnr.log | tail -1 | sed 's/.*: \([0-9.]*\) MHz.*/\1/')
use() { grep -E "^Info:\s+$1:" nextpnr.log | tail -1 | awk '{print $3, $4, $5}'; }
table="| | |
|---|---|
| configuration | tiled $array array, 1 requantizer, 1 pixel per word (\`${flags[*]:2}\`) |
| device | iCE40 UP5K, SG48 (\`nextpnr-ice40 --up5k --package sg48 --freq 12 --seed 1\`) |
| Fmax (nextpnr's timing analysis, placed and routed) | $fmax MHz |
| logic cells (ICESTORM_LC) | $(use ICESTORM_LC) |
| block RAM (ICESTORM_RAM, 4 Kbit each) | $(use ICESTORM_RAM) |
| DSP (ICESTORM_DSP, SB_MAC16) | $(use ICESTORM_DSP) |
| I/O (SB_IO) | $(use SB_IO) |
| latency, cycles per image (steady state over 100 images) | $latency, $per_image |
| images per second at Fmax | $(awk -v f="$fmax" -v c="$per_image" 'BEGIN {printf "%d", f * 1e6 / c}') |
| accuracy on the first 100 test images (built-in simulation) | $accuracy |"
stamp="Measured $(date -u +%Y-%m-%d) with $(yosys -V | cut -d' ' -f1-2) and $(nextpnr-ice40 --version 2>&1 | head -1) by \`fpga/ice40.sh\`."
echo "$table"
python3 "$root/fpga/replace_table.py" "$doc" ice40 "$stamp"$'\n\n'"$table"
echo "wrote the table into $doc"
