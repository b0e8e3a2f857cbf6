#!/bin/sh
# lunar differential testing: run generated programs under lunar and the
# reference and report every divergence.
#
#   sh tools/difftest/run.sh [SEEDS] [FIRST]
#
# Generates programs for seeds FIRST .. FIRST+SEEDS-1 (default 200 seeds
# from 1) with tools/difftest/gen.lua (run by the reference, so the
# program text never depends on lunar), runs each under $LUNAR (default
# build/lunar) and $REF (default `luajit -joff`), and compares stdout,
# stderr and exit status after the usual normalisation (program name at
# the start of a line, hex addresses).  A divergent program is kept in
# $KEEP (default /tmp/lunar-difftest) as seed-N.lua with both outputs and
# a diff.  Exits 0 when no seed diverged, 1 otherwise, 77 when the
# reference is not installed.

DIR=$(cd "$(dirname "$0")" && pwd)
SEEDS=${1:-${SEEDS:-200}}
FIRST=${2:-1}
LUNAR=${LUNAR:-build/lunar}
REF=${REF:-luajit -joff}
KEEP=${KEEP:-/tmp/lunar-difftest}
BLOCKS=${BLOCKS:-12}
TMO=
command -v timeout >/dev/null 2>&1 && TMO="timeout -k 2 10"

command -v ${REF%% *} >/dev/null 2>&1 || { echo "reference ${REF%% *} not installed"; exit 77; }
[ -x "$LUNAR" ] || { echo "difftest: LUNAR=$LUNAR is not executable"; exit 2; }
mkdir -p "$KEEP" || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/lunar-dt.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

norm() {
  sed -E -e 's#^[^ :]*(luajit|lunar):#PROG:#' -e 's/0x[0-9a-fA-F]+/0xADDR/g' "$1"
}

bad=0
s=$FIRST
last=$((FIRST + SEEDS - 1))
while [ $s -le $last ]; do
  p=$T/prog.lua
  ${REF} "$DIR/gen.lua" $s $BLOCKS > "$p" || { echo "seed $s: generator failed"; bad=$((bad + 1)); s=$((s + 1)); continue; }
  # stdout and stderr apart: their interleaving depends on buffering.
  (cd "$T" && $TMO ${REF} prog.lua > ref.out 2> ref.err; st=$?
   { echo "--- stderr"; cat ref.err; echo "--- status $st"; } >> ref.out) < /dev/null
  (cd "$T" && $TMO "$LUNAR" prog.lua > lun.out 2> lun.err; st=$?
   { echo "--- stderr"; cat lun.err; echo "--- status $st"; } >> lun.out) < /dev/null
  norm "$T/ref.out" > "$T/ref.n"
  norm "$T/lun.out" > "$T/lun.n"
  if ! cmp -s "$T/ref.n" "$T/lun.n"; then
    bad=$((bad + 1))
    cp "$p" "$KEEP/seed-$s.lua"
    diff -u "$T/ref.n" "$T/lun.n" > "$KEEP/seed-$s.diff"
    echo "DIVERGE seed $s ($KEEP/seed-$s.lua)"
    sed -e '1,2d' -e '/^@@/d' "$KEEP/seed-$s.diff" | grep '^[-+]' | head -n 6 | sed 's/^/    /'
  fi
  s=$((s + 1))
done
echo "difftest: $SEEDS seeds, $bad divergent"
[ $bad = 0 ]
