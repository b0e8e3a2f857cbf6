#!/bin/sh
# Regenerate _expected_*.lua from _cases_*.lua with the reference
# implementation (luajit -joff). Never edit the generated files by hand.
#
#   sh gen_expected.sh [NAME...]   (default: all; run from anywhere)
cd "$(dirname "$0")" || exit 2
REF=${REF:-luajit -joff}
if [ $# = 0 ]; then
  set -- $(ls _cases_*.lua | sed -e 's/^_cases_//' -e 's/\.lua$//')
fi
for n in "$@"; do
  $REF -e "local H = dofile('_harness.lua'); H.emit(dofile('_cases_$n.lua'))" \
    > "_expected_$n.lua.tmp" && mv "_expected_$n.lua.tmp" "_expected_$n.lua" \
    && echo "wrote _expected_$n.lua"
done
