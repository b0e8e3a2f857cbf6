#!/bin/sh
# Regenerate expectations for tests/lua tests with the reference
# implementation (luajit -joff).  Never hand-edit a .expected file.
#
#   sh tests/gen-expected.sh [-f] tests/lua/x/name.lua...
#   sh tests/gen-expected.sh [-f] -a        every tests/lua test
#
# Without -f an existing NAME.expected is left alone (and reported).
# The test runs from its own directory with stdin from /dev/null; the
# file gets stdout, then "--- stderr" + stderr if stderr is non-empty,
# then "--- exit N" if the exit status is non-zero.

REF=${REF:-luajit -joff}
FORCE=0
ALL=0
while [ $# -gt 0 ]; do
  case $1 in
    -f) FORCE=1 ;;
    -a) ALL=1 ;;
    -*) echo "usage: $0 [-f] [-a] test.lua..." >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
if [ $ALL = 1 ]; then
  set -- $(find "$(dirname "$0")/lua" -name '*.lua' ! -name '_*' | sort)
fi
[ $# -gt 0 ] || { echo "usage: $0 [-f] [-a] test.lua..." >&2; exit 2; }
command -v ${REF%% *} >/dev/null 2>&1 || { echo "$0: ${REF%% *} not found" >&2; exit 2; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lunar-gen.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
rc=0
for t in "$@"; do
  case $t in *.lua) ;; *) echo "skip $t: not a .lua file" >&2; rc=1; continue ;; esac
  case ${t##*/} in _*) continue ;; esac   # helpers, not tests
  [ -f "$t" ] || { echo "skip $t: no such file" >&2; rc=1; continue; }
  exp=${t%.lua}.expected
  if [ -f "$exp" ] && [ $FORCE = 0 ]; then
    echo "keep $exp (exists; use -f to overwrite)" >&2
    continue
  fi
  (cd "$(dirname "$t")" && timeout 20 $REF "$(basename "$t")" < /dev/null > "$TMP/out" 2> "$TMP/err")
  st=$?
  {
    cat "$TMP/out"
    if [ -s "$TMP/err" ]; then
      [ -s "$TMP/out" ] && [ -n "$(tail -c 1 "$TMP/out")" ] && echo
      echo "--- stderr"
      cat "$TMP/err"
    fi
    if [ $st != 0 ]; then
      if [ -s "$TMP/err" ]; then
        [ -n "$(tail -c 1 "$TMP/err")" ] && echo
      elif [ -s "$TMP/out" ]; then
        [ -n "$(tail -c 1 "$TMP/out")" ] && echo
      fi
      echo "--- exit $st"
    fi
  } > "$exp"
  echo "wrote $exp (exit $st)"
done
exit $rc
