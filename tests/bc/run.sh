#!/bin/sh
# Compare `lunar -bl X.lua` with the golden `X.bl` (made by `luajit -bl X.lua`
# from inside this directory). Usage: sh run.sh [path/to/lunar] [--regen]
cd "$(dirname "$0")"
LUNAR=${1:-../../build/lunar}
case "$LUNAR" in /*) ;; *) LUNAR="$(pwd)/$LUNAR" ;; esac
if [ "$2" = "--regen" ]; then
  for f in *.lua; do luajit -bl "$f" > "${f%.lua}.bl" 2>&1; done
fi
pass=0; fail=0
for f in *.lua; do
  exp="${f%.lua}.bl"
  if "$LUNAR" -bl "$f" 2>&1 | cmp -s - "$exp"; then
    pass=$((pass+1))
  else
    fail=$((fail+1)); echo "FAIL $f"
  fi
done
echo "bc listings: $pass passed, $fail failed"
[ $fail -eq 0 ]
