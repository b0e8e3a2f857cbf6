# Builds the embedding examples in examples/ through pkg-config against
# an install of lunar into a temporary prefix, runs them all, then links
# one of them statically (liblunar.a) as well.  Uses the build directory
# $LUNAR lives in (build/, build-debug/, build-asan/).
. ./_lib.sh
ROOT=$(cd ../.. && pwd)
BDIR=$(cd "$(dirname "$LUNAR")" && pwd)
case $BDIR in
  "$ROOT"/*) BUILD=${BDIR#"$ROOT"/} ;;
  *) echo "LUNAR is not in the source tree, examples skipped"; exit 77 ;;
esac
command -v pkg-config >/dev/null 2>&1 || { echo "pkg-config not installed"; exit 77; }
[ -f "$BDIR/liblunar.a" ] && [ -f "$BDIR/liblunar.so" ] || {
  echo "$BUILD has no liblunar.a/.so"; FAILED=1; finish; }
# A sanitizer build needs the sanitizer runtimes at link time...
XL=
nm "$BDIR/liblunar.a" 2>/dev/null | grep -q __asan_ && XL="$XL -fsanitize=address"
nm "$BDIR/liblunar.a" 2>/dev/null | grep -q __ubsan_ && XL="$XL -fsanitize=undefined"
# ... and a coverage build (make coverage) the gcov runtime.
nm "$BDIR/liblunar.a" 2>/dev/null | grep -q __gcov_init && XL="$XL --coverage"
MK="make -s -C $ROOT/examples LUNAR_BUILD=$BUILD LUNAR_PREFIX=$T/prefix INSTALL_NOBUILD=1"
if ! $MK OUT="$T/shared" XLDFLAGS="$XL" run > "$T/log" 2>&1; then
  echo "examples (shared) failed:"; tail -n 20 "$T/log"; FAILED=1
fi
if ! $MK OUT="$T/static" STATIC=1 XLDFLAGS="$XL" "$T/static/run_script" > "$T/log" 2>&1 ||
   ! "$T/static/run_script" > "$T/log2" 2>&1; then
  echo "examples (static) failed:"; tail -n 20 "$T/log" "$T/log2"; FAILED=1
fi
# The static binary must not need liblunar.so.
if command -v ldd >/dev/null 2>&1 && ldd "$T/static/run_script" 2>/dev/null | grep -q liblunar; then
  echo "static example still links liblunar.so"; FAILED=1
fi
# The installed headers compile as C++ through lua.hpp.
if command -v c++ >/dev/null 2>&1; then
  printf '#include <lua.hpp>\nint main(){lua_State*L=luaL_newstate();luaL_openlibs(L);int r=luaL_dostring(L,"return 1");lua_close(L);return r;}\n' > "$T/x.cpp"
  if ! c++ -I"$T/prefix/include/lunar" "$T/x.cpp" -o "$T/xcpp" "$T/prefix/lib/liblunar.a" -lm -ldl $XL > "$T/log" 2>&1 || ! "$T/xcpp"; then
    echo "C++ host via lua.hpp failed:"; head -n 10 "$T/log"; FAILED=1
  fi
fi
finish
