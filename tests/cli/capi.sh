# C API tests (tests/capi/*.c): each is linked against the liblunar.a of
# the build directory $LUNAR lives in and must exit 0.  Then the same
# tests, plus tests/capi/apicheck.c, are linked with an API-check copy of
# src/api/api.c (LUA_USE_APICHECK, as in `make debug`), where misuse must
# abort with a message.  Also checks what the libraries export.
. ./_lib.sh
ROOT=$(cd ../.. && pwd)
BDIR=$(cd "$(dirname "$LUNAR")" && pwd)
LIB=$BDIR/liblunar.a
[ -f "$LIB" ] || { echo "no $LIB"; exit 77; }
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || { echo "no C compiler"; exit 77; }
# A sanitizer build needs the sanitizer runtimes at link time.
SAN=
nm "$BDIR/liblunar.a" 2>/dev/null | grep -q __asan_ && SAN="$SAN -fsanitize=address"
nm "$BDIR/liblunar.a" 2>/dev/null | grep -q __ubsan_ && SAN="$SAN -fsanitize=undefined"
CFL="-std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-function -I$ROOT/src/api $SAN"

build_run() {  # name extra-objects...
  n=$1; shift
  if ! $CC $CFL -o "$T/$n" "$ROOT/tests/capi/$n.c" "$@" "$LIB" -lm -ldl > "$T/cc.log" 2>&1; then
    echo "capi/$n.c does not compile:"; head -n 15 "$T/cc.log"; FAILED=1; return
  fi
  if ! (cd "$T" && timeout 60 "./$n" < /dev/null > "$T/run.log" 2>&1); then
    echo "capi/$n failed:"; tail -n 20 "$T/run.log"; FAILED=1
  fi
}

TESTS=$(cd "$ROOT/tests/capi" && ls *.c | sed 's/\.c$//' | grep -v '^apicheck$')
for n in $TESTS; do build_run "$n"; done

# API-check build of api.c, linked ahead of the archive (whose api.o is
# then never pulled in).
if $CC -std=gnu11 -O0 -g -fPIC -fvisibility=hidden -fno-strict-aliasing $SAN \
     -DLUA_USE_APICHECK -c "$ROOT/src/api/api.c" -o "$T/api_check.o" > "$T/cc.log" 2>&1; then
  for n in $TESTS apicheck; do build_run "$n" "$T/api_check.o"; done
else
  echo "api.c does not compile with LUA_USE_APICHECK:"; head -n 10 "$T/cc.log"; FAILED=1
fi

# The same tests against the reference, when LuaJIT's development files
# are installed (libluajit-5.1-dev): they check that the expectations in
# tests/capi are LuaJIT's behaviour, not just lunar's.
LJINC=/usr/include/luajit-2.1
if [ -f "$LJINC/lua.h" ] && $CC -x c -o "$T/ljprobe" - -I"$LJINC" -lluajit-5.1 >/dev/null 2>&1 <<'C'
#include <lua.h>
#include <lauxlib.h>
int main(void) { lua_close(luaL_newstate()); return 0; }
C
then
  for n in $TESTS; do
    if ! $CC -std=gnu11 -g -w -I"$LJINC" -o "$T/lj_$n" "$ROOT/tests/capi/$n.c" -lluajit-5.1 -lm -ldl > "$T/cc.log" 2>&1; then
      echo "capi/$n.c does not compile against LuaJIT:"; head -n 10 "$T/cc.log"; FAILED=1; continue
    fi
    if ! (cd "$T" && timeout 60 "./lj_$n" < /dev/null > "$T/run.log" 2>&1); then
      echo "capi/$n fails against LuaJIT (the reference):"; tail -n 10 "$T/run.log"; FAILED=1
    fi
  done
else
  echo "note: LuaJIT development files not installed, reference run skipped"
fi

# Exports: the shared library has the API and nothing internal; the
# executable exports the API for C modules that do not link a Lua library.
if command -v nm >/dev/null 2>&1 && [ -f "$BDIR/liblunar.so" ]; then
  bad=$(nm -D --defined-only "$BDIR/liblunar.so" | awk '{print $3}' |
        grep -v -E '^(lua_|luaL_|luaopen_|luaJIT_)' | grep -v '^$' | grep -v -E '^_(init|fini|edata|end|_bss_start)$' |
        grep -v -E '^(__gcov_.*|mangle_path)$' | head -n 5)  # (gcov runtime: make coverage)
  [ -z "$bad" ] || { echo "liblunar.so exports non-API symbols: $bad"; FAILED=1; }
  for s in lua_pushnumber luaL_register luaopen_base luaJIT_setmode; do
    nm -D --defined-only "$BDIR/liblunar.so" | grep -q " $s\$" || { echo "liblunar.so lacks $s"; FAILED=1; }
    nm -D --defined-only "$LUNAR" | grep -q " $s\$" || { echo "$LUNAR does not export $s"; FAILED=1; }
  done
fi
finish
