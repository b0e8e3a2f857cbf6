#!/bin/sh
# lunar test runner.  POSIX sh; see tests/README.md for the layout.
#
#   LUNAR=build/lunar sh tests/run.sh [-v] [-k FILTER]... [FILTER]...
#
#   -k FILTER   run only tests whose name (e.g. lua/errors/uncaught.lua)
#               contains FILTER; may be repeated, plain arguments act
#               the same.
#   -v          also print a line for every passing test.
#   ROUNDTRIP=1 run every tests/lua test from bytecode instead: the file
#               is saved with `$LUNAR -bg` and the .bc is run against the
#               same expectation.  Reported as skipped while string.dump
#               does not work.
#   STRESS=1    the binary is a stress build (make stress): tests whose
#               expectation legitimately depends on GC timing carry a
#               line `-- stress: skip` (a reason may follow) and are
#               reported as skipped.
#
# Prints one FAIL block (name + short diff) per failure and ends with
# "N passed, N failed" (", N skipped" when something was skipped).
# Exit status is non-zero iff something failed.

TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
LUNAR=${LUNAR:-build/lunar}
case $LUNAR in
  /*) ;;
  */*) LUNAR=$(cd "$(dirname "$LUNAR")" && pwd)/$(basename "$LUNAR") ;;
  *) LUNAR=$(command -v "$LUNAR" || echo "$LUNAR") ;;
esac
export LUNAR
TIMEOUT_S=${TEST_TIMEOUT:-20}
VERBOSE=0
FILTERS=

while [ $# -gt 0 ]; do
  case $1 in
    -k) shift; FILTERS="$FILTERS $1" ;;
    -k*) FILTERS="$FILTERS ${1#-k}" ;;
    -v) VERBOSE=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) FILTERS="$FILTERS $1" ;;
  esac
  shift
done

if [ ! -x "$LUNAR" ]; then
  echo "run.sh: LUNAR=$LUNAR is not an executable" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

if command -v timeout >/dev/null 2>&1; then
  TMO="timeout -k 2 $TIMEOUT_S"
  TMO_CLI="timeout -k 2 $((TIMEOUT_S * 6))"
else
  TMO=
  TMO_CLI=
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/lunar-tests.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
PASS=0
FAIL=0
SKIP=0
SKIP_WHY=

# ---------------------------------------------------------------- helpers

# selected NAME: true when NAME matches the filters (or there are none).
selected() {
  [ -z "$FILTERS" ] && return 0
  for f in $FILTERS; do
    case $1 in *"$f"*) return 0 ;; esac
  done
  return 1
}

pass() {
  PASS=$((PASS + 1))
  [ $VERBOSE = 1 ] && echo "ok   $1"
  return 0
}

# fail NAME DETAIL-FILE: one header line, then at most 12 lines of detail.
fail() {
  FAIL=$((FAIL + 1))
  echo "FAIL $1"
  if [ -n "$2" ] && [ -s "$2" ]; then
    head -n 12 "$2" | sed 's/^/     /'
  fi
}

# why STATUS: " (timed out)" / " (killed by signal N)" for abnormal ends.
why() {
  if [ "$1" = 124 ] || [ "$1" = 137 -a -n "$TMO" ]; then
    echo " (timed out after ${TIMEOUT_S}s)"
  elif [ "$1" -gt 128 ]; then
    echo " (killed by signal $(($1 - 128)))"
  fi
}

skip() {
  SKIP=$((SKIP + 1))
  case $SKIP_WHY in *"$2"*) ;; *) SKIP_WHY="$SKIP_WHY${SKIP_WHY:+; }$2" ;; esac
  [ $VERBOSE = 1 ] && echo "skip $1 ($2)"
  return 0
}

# normalise FILE: the only legitimate differences between luajit and
# lunar: the program name starting a stderr line ("luajit:", "lunar:",
# "/usr/bin/luajit:", "build/lunar:") and hex addresses.
normalise() {
  sed -E -e 's#^[^ :]*(luajit|lunar|luajit-wrapper\.sh):#PROG:#' \
      -e 's/0x[0-9a-fA-F]+/0xADDR/g' "$1"
}

# compose OUT ERR STATUS: the .expected format (see README.md).
compose() {
  cat "$1"
  if [ -s "$2" ]; then
    # make sure the marker starts on its own line
    [ -s "$1" ] && [ -n "$(tail -c 1 "$1")" ] && echo
    echo "--- stderr"
    cat "$2"
  fi
  if [ "$3" != 0 ]; then
    if [ -s "$2" ]; then
      [ -n "$(tail -c 1 "$2")" ] && echo
    elif [ -s "$1" ]; then
      [ -n "$(tail -c 1 "$1")" ] && echo
    fi
    echo "--- exit $3"
  fi
}

# shortdiff EXPECTED ACTUAL > DETAIL: unified diff without the header.
shortdiff() {
  normalise "$1" > "$TMP/e.n"
  normalise "$2" > "$TMP/a.n"
  if cmp -s "$TMP/e.n" "$TMP/a.n"; then
    return 0
  fi
  diff -u "$TMP/e.n" "$TMP/a.n" | sed -e '1,2d' -e '/^@@/d'
  return 1
}

# ---------------------------------------------------------- tests/lua

ROUNDTRIP=${ROUNDTRIP:-0}
STRESS=${STRESS:-0}

# stress_skip FILE: true under STRESS=1 when FILE has a `-- stress: skip` line.
stress_skip() {
  [ "$STRESS" = 1 ] && grep -q '^-- stress: skip' "$1"
}
RT_OK=0
if [ "$ROUNDTRIP" = 1 ]; then
  if $TMO "$LUNAR" -e 'local f = loadstring(string.dump(function(a) return a + 1 end))
                      assert(f and f(41) == 42)' >/dev/null 2>&1; then
    RT_OK=1
  fi
fi

for t in $(cd "$TESTS_DIR" && find lua -name '*.lua' ! -name '_*' 2>/dev/null | sort); do
  selected "$t" || continue
  exp="$TESTS_DIR/${t%.lua}.expected"
  if [ ! -f "$exp" ]; then
    skip "$t" "no .expected (run tests/gen-expected.sh)"
    continue
  fi
  if stress_skip "$TESTS_DIR/$t"; then
    skip "$t" "STRESS: depends on GC timing"
    continue
  fi
  dir=$(dirname "$TESTS_DIR/$t")
  base=$(basename "$t")
  run=$base
  if [ "$ROUNDTRIP" = 1 ]; then
    if [ $RT_OK = 0 ]; then
      skip "$t" "ROUNDTRIP: string.dump does not work yet"
      continue
    fi
    run=".rt$$-${base%.lua}.bc"
    if ! (cd "$dir" && $TMO "$LUNAR" -bg "$base" "$run") > "$TMP/detail" 2>&1; then
      rm -f "$dir/$run"
      # A test of a syntax error cannot be saved: luajit -bg fails alike.
      if command -v luajit >/dev/null 2>&1 &&
         ! (cd "$dir" && luajit -bg "$base" /dev/null) >/dev/null 2>&1; then
        skip "$t" "ROUNDTRIP: the source does not compile"
      else
        fail "$t (roundtrip: -bg failed)" "$TMP/detail"
      fi
      continue
    fi
  fi
  (cd "$dir" && $TMO "$LUNAR" "$run" < /dev/null > "$TMP/out" 2> "$TMP/err"; exit $?) 2>/dev/null
  st=$?
  [ "$ROUNDTRIP" = 1 ] && rm -f "$dir/$run"
  compose "$TMP/out" "$TMP/err" $st > "$TMP/actual"
  if shortdiff "$exp" "$TMP/actual" > "$TMP/detail"; then
    pass "$t"
  else
    fail "$t$(why $st)" "$TMP/detail"
  fi
done

# ----------------------------------------------------------- tests/bc

for t in $(cd "$TESTS_DIR" && find bc -name '*.lua' 2>/dev/null | sort); do
  selected "$t" || continue
  gold="$TESTS_DIR/${t%.lua}.bl"
  if [ ! -f "$gold" ]; then
    skip "$t" "no .bl golden listing"
    continue
  fi
  dir=$(dirname "$TESTS_DIR/$t")
  (cd "$dir" && $TMO "$LUNAR" -bl "$(basename "$t")" < /dev/null > "$TMP/actual" 2>&1; exit $?) 2>/dev/null
  st=$?
  if [ $st = 0 ] && shortdiff "$gold" "$TMP/actual" > "$TMP/detail"; then
    pass "$t"
  else
    [ $st != 0 ] && { echo "exit status $st"; cat "$TMP/actual"; } > "$TMP/detail"
    fail "$t$(why $st)" "$TMP/detail"
  fi
done

# ---------------------------------------------------------- tests/lib

for t in $(cd "$TESTS_DIR" && find lib -name '*.lua' ! -name '_*' 2>/dev/null | sort); do
  selected "$t" || continue
  if stress_skip "$TESTS_DIR/$t"; then
    skip "$t" "STRESS: depends on GC timing"
    continue
  fi
  dir=$(dirname "$TESTS_DIR/$t")
  (cd "$dir" && $TMO "$LUNAR" "$(basename "$t")" < /dev/null > "$TMP/out" 2> "$TMP/err"; exit $?) 2>/dev/null
  st=$?
  last=$(tail -n 1 "$TMP/out")
  if [ $st = 0 ] && [ "$last" = OK ]; then
    pass "$t"
  else
    { echo "exit status $st, last stdout line: $last"; tail -n 6 "$TMP/err"; } > "$TMP/detail"
    fail "$t$(why $st)" "$TMP/detail"
  fi
done

# ---------------------------------------------------------- tests/cli
#
# Each script runs in tests/cli with $LUNAR (absolute) and $LUAJIT set
# (LUAJIT is empty when luajit is not installed).  Exit 0 = pass,
# 77 = skipped (first line of stdout says why), anything else = fail.

LUAJIT=; command -v luajit >/dev/null 2>&1 && LUAJIT=luajit
export LUAJIT
for t in $(cd "$TESTS_DIR" && find cli -name '*.sh' ! -name '_*' 2>/dev/null | sort); do
  selected "$t" || continue
  (cd "$TESTS_DIR/cli" && $TMO_CLI sh "$(basename "$t")" < /dev/null > "$TMP/out" 2>&1; exit $?) 2>/dev/null
  st=$?
  case $st in
    0) pass "$t" ;;
    77) skip "$t" "$(head -n 1 "$TMP/out")" ;;
    *) { echo "exit status $st"; cat "$TMP/out"; } > "$TMP/detail"
       fail "$t$(why $st)" "$TMP/detail" ;;
  esac
done

# ------------------------------------------------------------ summary

if [ $SKIP -gt 0 ]; then
  echo "skipped: $SKIP_WHY"
  echo "$PASS passed, $FAIL failed, $SKIP skipped"
else
  echo "$PASS passed, $FAIL failed"
fi
[ $FAIL = 0 ]
