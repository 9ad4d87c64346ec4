#!/usr/bin/env bash
# docs/scaling.md for real: the Slurm array scripts (each array task run here by setting
# SLURM_ARRAY_TASK_ID, as Slurm would) and the merge scripts give what one process gives, for MNIST
# and for random circuits; and, if GNU parallel is installed, the documented parallel commands too.
#   check_scaling.sh <source dir> <build dir> <MNIST dir>
set -euo pipefail
src=$1 build=$2 data=$3
export RTLNET_MNIST_DIR=$data BUILD=$build
scaling=$src/scripts/scaling
infer=$build/examples/mnist_inference/mnist_inference
rm -rf shards && mkdir shards
no_batches() { sed 's/ batch [0-9]* batch_index [0-9]*//' "$1"; }

# A model (trained here, a few seconds) and one process over images 0..59: what the shards must give.
[ -f model.json ] || "$infer" --model model.json --num_images 2 > /dev/null
export MODEL=$PWD/model.json SIMULATION=interpreter
"$infer" --impl hardware --simulation interpreter --model model.json --num_images 60 --no-verbose --jobs 1 > whole.txt

# MNIST: three array tasks of 20 images, then the merge.
for task in 0 1 2; do
  SLURM_ARRAY_TASK_ID=$task PER_TASK=20 OUT_DIR=shards/mnist bash "$scaling/mnist-array.sbatch"
done
"$scaling/merge-mnist-shards" shards/mnist > merged.txt
diff <(no_batches whole.txt) <(no_batches merged.txt)
echo "mnist: $(tail -1 merged.txt) (3 array tasks, the same as one process)"
# A missing shard is an error, not a smaller result.
mv shards/mnist/mnist-20.txt shards/mnist-20.txt.away
if "$scaling/merge-mnist-shards" shards/mnist > /dev/null 2>&1; then echo "a missing shard was not noticed"; exit 1; fi
mv shards/mnist-20.txt.away shards/mnist/mnist-20.txt

# Random circuits: two array tasks of one seed each, merged, read exactly as one run over both seeds.
"$build/bench/random_differential" --seed_start 1000 --count 2 --circuits 3 --cycles 8 --jobs 1 \
  --work_dir "$PWD/rd-whole" > random-whole.txt 2> /dev/null
for task in 0 1; do
  SLURM_ARRAY_TASK_ID=$task SEED_START=1000 PER_TASK=1 CIRCUITS=3 CYCLES=8 OUT_DIR=shards/random TMPDIR=$PWD \
    bash "$scaling/random-array.sbatch" 2> /dev/null
done
"$scaling/merge-random-shards" shards/random > random-merged.txt
cmp random-whole.txt random-merged.txt
echo "random: $(tail -1 random-merged.txt) (2 array tasks, byte for byte one run)"

if command -v parallel > /dev/null; then
  # The GNU parallel commands of docs/scaling.md, at a smaller size.
  rm -rf shards/mnist && mkdir -p shards/mnist
  seq 0 20 40 | parallel --jobs 2 --halt now,fail=1 "$infer" --impl hardware --simulation interpreter \
    --model model.json --no-train_if_missing --no-verbose --start_image {} --num_images 20 --jobs 1 \
    '>' shards/mnist/mnist-{}.txt
  "$scaling/merge-mnist-shards" shards/mnist > parallel-merged.txt
  diff <(no_batches whole.txt) <(no_batches parallel-merged.txt)
  echo "GNU parallel: $(tail -1 parallel-merged.txt)"
else
  echo "GNU parallel is not installed (Debian package: parallel): its commands were not run"
fi
