#!/bin/sh
# Regenerate DIR/_expected_*.lua from DIR/_cases_*.lua with the reference
# implementation (luajit -joff), for the table-driven suites that share
# _harness.lua (bit, ffi, jit, math, number, table). Never edit the generated
# files by hand.
#
#   sh tests/lib/gen_expected.sh DIR [NAME...]   (default: all of DIR)
[ $# -ge 1 ] || { echo "usage: $0 DIR [NAME...]"; exit 2; }
cd "$(dirname "$0")/$1" || exit 2
shift
REF=${REF:-luajit -joff}
if [ $# = 0 ]; then
  set -- $(ls _cases_*.lua | sed -e 's/^_cases_//' -e 's/\.lua$//')
fi
for n in "$@"; do
  $REF -e "local H = dofile('../_harness.lua'); H.emit(dofile('_cases_$n.lua'))" \
    > "_expected_$n.lua.tmp" && mv "_expected_$n.lua.tmp" "_expected_$n.lua" \
    && echo "wrote _expected_$n.lua"
done
