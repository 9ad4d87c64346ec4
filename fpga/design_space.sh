#!/usr/bin/env bash
# Measures accelerator configurations and writes the design-space table into docs/accelerator.md
# (between the design-space markers). For each configuration:
# - cycles: `mnist_inference --impl hardware` on 100 test images (one run of 100 for tiled, batches of
#   B for per-layer), its `cycles per image` line, and its `latency cycles` line (tiled: of a run of
#   one image, so the accelerator is idle when the image arrives);
# - area and worst path: yosys `synth_xilinx -family xc7 -flatten` on the `--verilog` module, then
#   `stat`, and `sta` with the cells' timing arcs (yosys's xc7 cell delays, no routing: an optimistic
#   bound on the path).
# Usage: fpga/design_space.sh [build_dir]      (mnist_inference built, a model in models/mnist_q8.json)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
exe=$build/examples/mnist_inference/mnist_inference
model=${MODEL:-$root/models/mnist_q8.json}
doc=$root/docs/accelerator.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# architecture array requantizers B
configs=(
  "per-layer - - 1" "per-layer - - 2"
  "tiled 6x4 2 -" "tiled 6x4 1 -" "tiled 6x4 4 -" "tiled 9x4 2 -" "tiled 3x4 1 -" "tiled 6x2 1 -" "tiled 18x2 2 -"
  "tiled 6x8 4 -"
)
table="| architecture | array | requantizers | B | latency (cycles) | cycles per image | LUT | FF | DSP48E1 | BRAM (18K/36K) | worst path (ns) |
|---|---|---|---|---|---|---|---|---|---|---|"
for config in "${configs[@]}"; do
  read -r arch array q batch <<< "$config"
  dir=$work/$arch-$array-$q-$batch
  mkdir -p "$dir"
  flags=(--model "$model" --impl hardware --arch "$arch" --num_images 100 --no-verbose --no-train_if_missing
         --verilog --verilog_dir "$dir")
  if [ "$arch" = tiled ]; then flags+=(--array "$array" --requantizers "$q" --batch_size 100)
  else flags+=(--batch_size "$batch"); fi
  out=$("$exe" "${flags[@]}")
  # The first batch's lines (per-layer prints them per batch; the tiled run is one batch of 100).
  latency=$(sed -n 's/^latency cycles: //p' <<< "$out" | head -1)
  per_image=$(sed -n 's/^cycles per image: //p' <<< "$out" | head -1)
  if [ "$arch" = tiled ]; then
    # Latency with an idle accelerator: one image, from its last input word to its result.
    one=$("$exe" --model "$model" --impl hardware --arch tiled --array "$array" --requantizers "$q" --num_images 1 \
          --no-verbose --no-train_if_missing)
    latency=$(sed -n 's/^latency cycles: //p' <<< "$one" | head -1)
  fi
  # sta needs the cells' timing arcs: the library cells again, with their specify blocks.
  (cd "$dir" && yosys -q -l /dev/null -p "read_verilog mnist_inference.v; synth_xilinx -family xc7 -flatten -top mnist_inference; tee -o stat.txt stat; read_verilog -lib -specify -overwrite +/xilinx/cells_sim.v; tee -o sta.txt sta" > /dev/null 2> yosys.err)
  count() { awk -v pat="$1" '$1 ~ pat {s += $2} END {print s + 0}' "$dir/stat.txt"; }
  luts=$(count '^LUT[1-6]$')
  ffs=$(count '^FD[CPRSE]*$')
  dsps=$(count '^DSP48E1$')
  bram="$(count '^RAMB18E1$')/$(count '^RAMB36E1$')"
  path=$(sed -n "s/^Latest arrival time in 'mnist_inference' is \([0-9]*\):.*/\1/p" "$dir/sta.txt" | awk '{printf "%.1f", $1 / 1000}')
  [ "$arch" = tiled ] && batch="any (stream)" && shown_array=$array || { shown_array="per layer"; q="one per row and image"; }
  row="| $arch | $shown_array | $q | $batch | $latency | $per_image | $luts | $ffs | $dsps | $bram | $path |"
  echo "$row"
  table+=$'\n'"$row"
done
stamp="Measured $(date -u +%Y-%m-%d) on $(uname -m) with $(yosys -V | cut -d' ' -f1-2) by \`fpga/design_space.sh\`."
python3 "$root/fpga/replace_table.py" "$doc" design-space "$stamp"$'\n\n'"$table"
echo "wrote the table into $doc"
