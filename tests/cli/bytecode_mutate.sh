# C-level mutation test of the bytecode loader (tests/fuzz/bcmut.c): 3000
# mutants of the dumps of every tests/lua and tests/bc program must each be
# rejected cleanly or load and run (sandboxed, time-bounded) without a
# crash. Needs a C compiler and build/liblunar.a (skipped otherwise);
# `make bcfuzz N=100000` is the long version under ASan.
. ./_lib.sh
ROOT=$(cd ../.. && pwd)
LIB=$(dirname "$LUNAR")/liblunar.a
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "no C compiler"; exit 77; }
[ -f "$LIB" ] || { echo "no $LIB"; exit 77; }
# A sanitizer build of the library needs the same runtime in the harness.
SAN=
nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN="$SAN -fsanitize=address"
nm "$LIB" 2>/dev/null | grep -q __ubsan_ && SAN="$SAN -fsanitize=undefined"
if ! "$CC" -std=gnu11 -O1 $SAN -o "$T/bcmut" "$ROOT/tests/fuzz/bcmut.c" "$LIB" -lm -ldl \
     > "$T/cc.log" 2>&1; then
  echo "cannot build bcmut:"; head -n 5 "$T/cc.log"; exit 1
fi
cd "$ROOT/tests"
"$T/bcmut" -q -n 3000 -s 5 $(find lua bc -name '*.lua' | sort) > "$T/out" 2>&1
st=$?
if [ $st != 0 ]; then
  echo "bcmut exited with status $st:"; tail -n 8 "$T/out"; FAILED=1
fi
finish
