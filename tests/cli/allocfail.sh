# Allocation-failure sweep (tests/robust/allocfail.c): every allocation of
# state creation and of a set of snippets (parser, libraries, GC) is made
# to fail in turn; each run must end in "not enough memory", leave the
# state usable and free everything on lua_close.  Built against the
# liblunar.a next to $LUNAR.
. ./_lib.sh
ROOT=$(cd ../.. && pwd)
LIB=$(dirname "$LUNAR")/liblunar.a
[ -f "$LIB" ] || { echo "no liblunar.a next to $LUNAR"; exit 77; }
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "no C compiler"; exit 77; }
# An ASan/UBSan build needs the sanitizer runtimes at link time.
SAN=
nm "$LIB" 2>/dev/null | grep -q __asan_ && SAN="$SAN -fsanitize=address"
nm "$LIB" 2>/dev/null | grep -q __ubsan_ && SAN="$SAN -fsanitize=undefined"
if ! $CC -std=gnu11 -O1 -g $SAN -I"$ROOT/src/api" "$ROOT/tests/robust/allocfail.c" \
     "$LIB" -lm -ldl -o "$T/allocfail" > "$T/cc.log" 2>&1; then
  echo "allocfail.c does not build:"; head -n 20 "$T/cc.log"; exit 1
fi
cd "$T" && ./allocfail
