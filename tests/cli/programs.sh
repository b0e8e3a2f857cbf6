# Real pure-Lua programs from Debian under lunar: penlight (smoke test of
# its modules), busted + luassert (lunar's own spec suite in tests/spec)
# and luarocks (list, path).  Each part is skipped with a note when its
# Debian package is not installed.
. ./_lib.sh
unset LUA_PATH LUA_CPATH   # the default paths must find /usr/share/lua/5.1
HOME=$T; export HOME       # luarocks looks at ~/.luarocks
TESTS=$(cd .. && pwd)

if [ -f /usr/share/lua/5.1/pl/init.lua ]; then
  out=$(cd "$T" && "$LUNAR" "$TESTS/programs/penlight_smoke.lua" 2>&1)
  [ "$out" = OK ] || { echo "penlight: $out" | head -n 12; FAILED=1; }
else
  echo "note: lua-penlight not installed, skipped"
fi

# Debian's /usr/bin/busted is a Lua script ("#!/usr/bin/env lua"), so it
# runs under any interpreter given as argv[0]'s replacement.  busted
# recognises LuaJIT by its "builtin" function names and then requires
# the FFI and wraps ffi.cdef/typeof/metatype: it runs unmodified.
if [ -f /usr/bin/busted ] && [ -f /usr/share/lua/5.1/busted/runner.lua ]; then
  out=$(cd "$T" && "$LUNAR" /usr/bin/busted -o TAP "$TESTS/spec" 2>&1)
  st=$?
  nok=$(printf '%s\n' "$out" | grep -c '^ok ')
  if [ $st != 0 ] || [ "$nok" -lt 10 ] || ! printf '%s\n' "$out" | grep -q '^1\.\.[0-9]'; then
    echo "busted (exit $st):"; printf '%s\n' "$out" | grep -v '^ok ' | head -n 20
    FAILED=1
  fi
else
  echo "note: lua-busted not installed, skipped"
fi

if [ -f /usr/bin/luarocks ]; then
  out=$(cd "$T" && "$LUNAR" /usr/bin/luarocks list 2>&1)
  st=$?
  if [ $st != 0 ] || ! printf '%s\n' "$out" | grep -q 'Rocks installed for Lua 5.1'; then
    echo "luarocks list (exit $st): $out" | head -n 10; FAILED=1
  fi
  out=$(cd "$T" && "$LUNAR" /usr/bin/luarocks path 2>&1)
  st=$?
  if [ $st != 0 ] || ! printf '%s\n' "$out" | grep -q "^export LUA_PATH='"; then
    echo "luarocks path (exit $st): $out" | head -n 10; FAILED=1
  fi
else
  echo "note: luarocks not installed, skipped"
fi
finish
