#!/usr/bin/env bash
# lunar benchmark runner: `make bench` or `make bench BENCH=name`.
#
# Runs every benchmark in bench/ with lunar and, where installed,
# `luajit -joff`, `luajit` and `lua5.1`, alternating the VMs run by run so
# that machine noise spreads evenly. Prints per benchmark the median wall
# time of RUNS runs, the ratios lunar/luajit-joff and lunar/lua5.1, the
# geometric means, peak RSS, and the startup time of `-e ''`. Every run's
# output is checked against bench/expected/NAME.txt: a wrong answer fails.
# Results are also written to bench/results.csv.
set -u
cd "$(dirname "$0")"
LUNAR=${LUNAR:-../build/lunar}
RUNS=${RUNS:-3}
CSV=${CSV:-results.csv}
only=${1:-}
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

# Benchmarks run and printed but left out of the geometric means: the
# suite the speed targets are stated on is the rest (ffi.lua measures the
# FFI, which lua5.1 does not have and the targets do not cover).
EXTRA=" ffi "

names=(lunar joff jit lua51)
declare -A cmd
cmd[lunar]="$LUNAR"
command -v luajit >/dev/null && cmd[joff]="luajit -joff" && cmd[jit]="luajit"
command -v lua5.1 >/dev/null && cmd[lua51]="lua5.1"
[ -x "$LUNAR" ] || { echo "bench: $LUNAR not built (run make)"; exit 1; }

# run VM FILE -> sets t (seconds), rss (KB), ok (1 if output matched).
run() {
  local vm=$1 f=$2 out err
  out=$(mktemp); err=$(mktemp)
  if [ -n "$TIME" ]; then
    $TIME -f "%e %M" -o "$err" ${cmd[$vm]} "$f" >"$out" 2>/dev/null
    read -r t rss < <(tail -n 1 "$err")
  else
    local s e
    s=$(date +%s.%N); ${cmd[$vm]} "$f" >"$out" 2>/dev/null; e=$(date +%s.%N)
    t=$(echo "$e - $s" | bc); rss=0
  fi
  if cmp -s "$out" "expected/${f%.lua}.txt"; then ok=1; else ok=0; fi
  rm -f "$out" "$err"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "name,vm,median_s,peak_rss_kb,ok" >"$CSV"
printf '%-14s %8s %8s %8s %8s %9s %9s %9s\n' benchmark lunar joff jit lua5.1 "/joff" "/lua5.1" "rss/jit"
declare -A sumlog cnt
fails=0
for f in *.lua; do
  name=${f%.lua}
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  declare -A times=() rsss=() oks=()
  for ((r = 0; r < RUNS; r++)); do
    for vm in "${names[@]}"; do
      [ -n "${cmd[$vm]:-}" ] || continue
      run "$vm" "$f"
      times[$vm]="${times[$vm]:-} $t"
      [ "${rsss[$vm]:-0}" -lt "${rss:-0}" ] && rsss[$vm]=$rss
      [ "$ok" = 1 ] || oks[$vm]=bad
    done
  done
  declare -A med=()
  for vm in "${names[@]}"; do
    if [ -n "${cmd[$vm]:-}" ] && [ -z "${oks[$vm]:-}" ]; then
      med[$vm]=$(median ${times[$vm]})
    else
      med[$vm]=-
    fi
    [ -n "${cmd[$vm]:-}" ] && echo "$name,$vm,${med[$vm]},${rsss[$vm]:-0},$([ -z "${oks[$vm]:-}" ] && echo 1 || echo 0)" >>"$CSV"
  done
  [ "${med[lunar]}" = - ] && fails=$((fails + 1))
  ratio() {  # ratio A B, accumulating the log for the geometric mean
    if [ "${med[$1]}" != - ] && [ "${med[$2]}" != - ]; then
      awk -v a="${med[$1]}" -v b="${med[$2]}" 'BEGIN { if (b < 0.005) b = 0.005; if (a < 0.005) a = 0.005; printf "%.2f", a / b }'
    else
      echo -
    fi
  }
  rj=$(ratio lunar joff); rl=$(ratio lunar lua51)
  rr=-
  [ -n "${rsss[jit]:-}" ] && [ "${rsss[jit]:-0}" -gt 0 ] && rr=$(awk -v a="${rsss[lunar]:-0}" -v b="${rsss[jit]}" 'BEGIN{printf "%.2f", a/b}')
  for k in rj rl; do
    v=${!k}
    [[ "$EXTRA" == *" $name "* ]] && continue
    [ "$v" != - ] && sumlog[$k]=$(awk -v s="${sumlog[$k]:-0}" -v v="$v" 'BEGIN{print s + log(v)}') && cnt[$k]=$(( ${cnt[$k]:-0} + 1 ))
  done
  printf '%-14s %8s %8s %8s %8s %9s %9s %9s%s\n' "$name" "${med[lunar]}" "${med[joff]}" "${med[jit]}" "${med[lua51]}" "$rj" "$rl" "$rr" \
    "$([[ "$EXTRA" == *" $name "* ]] && echo "  (not in the geomeans)")"
  [ "${oks[lunar]:-}" = bad ] && echo "  ^ lunar's output for $name does not match bench/expected/$name.txt"
  unset times rsss oks med
done
geo() { [ "${cnt[$1]:-0}" -gt 0 ] && awk -v s="${sumlog[$1]}" -v n="${cnt[$1]}" 'BEGIN{printf "%.2f", exp(s/n)}' || echo -; }
printf '%-14s %8s %8s %8s %8s %9s %9s\n' "geomean" "" "" "" "" "$(geo rj)" "$(geo rl)"

# Startup: median of 11 runs of -e ''.
for vm in lunar joff lua51; do
  [ -n "${cmd[$vm]:-}" ] || continue
  ts=()
  for ((i = 0; i < 11; i++)); do
    s=$(date +%s%N); ${cmd[$vm]} -e '' ; e=$(date +%s%N)
    ts+=($(( (e - s) / 1000 )))
  done
  printf 'startup %-6s %s us\n' "$vm" "$(median "${ts[@]}")"
done
[ "$fails" = 0 ] || { echo "bench: $fails benchmark(s) failed their checksum"; exit 1; }
