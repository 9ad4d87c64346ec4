#!/bin/sh
# bench/random_differential prints the same on one thread as on two, and two shards of a seed range
# (--seed_start/--count, as docs/scaling.md splits a campaign) give the same per-seed lines as the
# whole range. Usage: random_differential_jobs.sh <random_differential executable>
set -eu
run=$1
common="--circuits 4 --cycles 8"
"$run" --seed_start 40 --count 2 $common --jobs 1 --work_dir w1 > one.txt
"$run" --seed_start 40 --count 2 $common --jobs 2 --work_dir w2 > two.txt
cmp one.txt two.txt
{
  "$run" --seed_start 40 --count 1 $common --jobs 1 --work_dir s1
  "$run" --seed_start 41 --count 1 $common --jobs 1 --work_dir s2
} | grep '^seed ' > shards.txt
grep '^seed ' one.txt | cmp - shards.txt
test "$(grep -c ': agree$' one.txt)" = 2
cat one.txt
