#!/usr/bin/env bash
# Instructions per statement, lunar against luajit -joff:
#   bench/tools/ops.sh [LUNAR]
# For each statement below, a loop runs it ten times per iteration; the
# count of the same loop with an empty body is subtracted and the rest
# divided by the number of statements. This shows which bytecodes (and
# their dispatch) cost more than LuaJIT's assembly handlers, one by one.
set -u
LUNAR=${1:-$(dirname "$0")/../../build/lunar}
command -v valgrind >/dev/null || { echo "ops.sh: valgrind not installed"; exit 1; }
command -v luajit >/dev/null || { echo "ops.sh: luajit not installed"; exit 1; }
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
N=200000
ops=(
  "mov|local a, b = 1, 2|a = b"
  "addvv|local a, b = 1, 2|a = b + b"
  "addvn|local a, b = 1, 2|a = b + 1"
  "mulvv|local a, b = 1, 2|a = b * b"
  "kshort|local a|a = 5"
  "knum|local a|a = 5.5"
  "gget|local a|a = print"
  "tgetv|local t = {1,2,3}; local k = 2; local a|a = t[k]"
  "tgetb|local t = {1,2,3}; local a|a = t[2]"
  "tsetv|local t = {1,2,3}; local k = 2; local a = 1|t[k] = a"
  "tgets|local t = {x=1}; local a|a = t.x"
  "tsets|local t = {x=1}; local a = 1|t.x = a"
  "islt|local a, b = 1, 2|if a < b then end"
  "len|local t = {1,2,3}; local a|a = #t"
  "call0|local function f() end|f()"
  "call1|local function f(x) return x end; local a|a = f(1)"
  "callff|local f = math.abs; local a|a = f(1)"
  "method|local o = {}; function o:m() return 1 end; local a|a = o:m()"
  "forl||for j = 1, 1 do end"
  "tnew|local a|a = {}"
  "fnew|local a|a = function() end"
)
irs() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/refs:/ {gsub(",", "", $4); print $4}'; }
printf '%-8s %6s %6s %6s\n' stmt lunar joff diff
for op in "${ops[@]}"; do
  IFS='|' read -r name pre body <<<"$op"
  for reps in 0 10; do
    { echo "$pre"; echo "for i = 1, $N do"
      for ((r = 0; r < reps; r++)); do echo "$body"; done
      echo "end"; } >"$dir/${name}_$reps.lua"
  done
  per() { echo $(( ($(irs "$@" "$dir/${name}_10.lua") - $(irs "$@" "$dir/${name}_0.lua")) / (10 * N) )); }
  l=$(per "$LUNAR"); j=$(per luajit -joff)
  printf '%-8s %6d %6d %+6d\n' "$name" "$l" "$j" $((l - j))
done
