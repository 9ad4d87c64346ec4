#!/bin/sh
# bench/random_differential prints the same on one thread as on two (sharding a campaign into
# processes is checked by test/scaling). Usage: random_differential_jobs.sh <random_differential executable>
set -eu
run=$1
common="--circuits 4 --cycles 8"
"$run" --seed_start 40 --count 2 $common --jobs 1 --work_dir w1 > one.txt
"$run" --seed_start 40 --count 2 $common --jobs 2 --work_dir w2 > two.txt
cmp one.txt two.txt
test "$(grep -c ': agree$' one.txt)" = 2
cat one.txt
