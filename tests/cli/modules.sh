# Debian's prebuilt Lua 5.1 C modules (lua-lpeg, lua-cjson, ...) loaded
# with a plain require through lunar's default search paths, each
# exercised by tests/modules/<name>_test.lua.  A module that is not
# installed is skipped with a note (see .ci/install-deps).
. ./_lib.sh
unset LUA_PATH LUA_CPATH   # the defaults must find Debian's modules
MOD=$(cd ../modules && pwd)
ran=0
for mp in lpeg:lua-lpeg cjson:lua-cjson lfs:lua-filesystem \
          socket:lua-socket posix:lua-posix lxp:lua-expat zlib:lua-zlib; do
  m=${mp%%:*}; pkg=${mp#*:}
  if ! dpkg -s "$pkg" >/dev/null 2>&1; then
    echo "note: module $m not installed, skipped"
    continue
  fi
  out=$(cd "$T" && "$LUNAR" "$MOD/${m}_test.lua" 2>&1)
  if [ "$out" != OK ]; then
    echo "module $m: $out" | head -n 12
    FAILED=1
  fi
  ran=$((ran + 1))
done
[ $ran -gt 0 ] || echo "note: no Lua 5.1 module installed, nothing tested"
finish
