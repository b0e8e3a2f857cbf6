#!/usr/bin/env bash
# Instruction counts of lunar against luajit -joff, benchmark by benchmark:
#   bench/tools/callgrind.sh [LUNAR] [name...]
# Runs every benchmark (or the named ones) under callgrind at a smaller
# problem size, with a fixed string-hash seed (the seed moves some counts
# by a few percent), and prints lunar's and luajit -joff's instruction
# counts, their ratio and the geometric mean of the ratios. Counts are
# repeatable where wall time is not; use them for interpreter work, and
# confirm with `make bench` (time) before keeping a change: on some
# machines a change that saves instructions costs time (see
# docs/performance.md).
set -u
LUNAR=$(realpath "${1:-$(dirname "$0")/../../build/lunar}"); shift || true
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "callgrind.sh: valgrind not installed"; exit 1; }
command -v luajit >/dev/null || { echo "callgrind.sh: luajit not installed"; exit 1; }
declare -A size=([ack]=7 [binarytrees]=11 [bytechar]=1000 [closures]=1500000
  [coroutines]=200000 [fannkuch]=8 [ffi]=100000 [fft]=60 [fib]=27 [gsub]=1600
  [iterate]=90 [knucleotide]=200000 [life]=150 [lu]=12 [mandelbrot]=300
  [methodcall]=300000 [montecarlo]=1200000 [nbody]=25000 [nsieve]=6 [queens]=8
  [richards]=3 [sievebit]=5 [sor]=100 [sort]=10000 [sparse]=600
  [spectralnorm]=150 [strcat]=20000 [strformat]=120000 [tak]=18)
export LUNAR_HASHSEED=${LUNAR_HASHSEED:-12345}
names=("$@")
[ ${#names[@]} -gt 0 ] || names=($(ls *.lua | sed 's/\.lua$//'))
irs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/refs:/ {gsub(",", "", $4); print $4}'; }
s=0; n=0
printf '%-14s %14s %14s %7s\n' benchmark lunar "luajit -joff" ratio
for b in "${names[@]}"; do
  [ -n "${size[$b]:-}" ] || { echo "$b: no size set in $0"; continue; }
  l=$(irs "$LUNAR" "$b.lua" "${size[$b]}")
  j=$(irs luajit -joff "$b.lua" "${size[$b]}")
  r=$(awk -v a="$l" -v b="$j" 'BEGIN {printf "%.3f", a / b}')
  printf '%-14s %14s %14s %7s\n' "$b" "$l" "$j" "$r"
  [ "$b" = ffi ] && continue  # Not in the geomeans (see run.sh).
  s=$(awk -v s="$s" -v r="$r" 'BEGIN {print s + log(r)}'); n=$((n + 1))
done
[ "$n" -gt 0 ] && awk -v s="$s" -v n="$n" 'BEGIN {printf "geomean %.3f over %d\n", exp(s / n), n}'
