# Deep C-level recursion must end in a clean Lua error (or succeed),
# never a crash or a hang, also with the process stack limited to 1 MB.  The reference LuaJIT 2.1.0-beta3 crashes or
# hangs on some of these, so only lunar's exit status is checked.
. ./_lib.sh
cd "$T"
case $("$LUNAR" -v 2>&1) in LuaJIT*) echo "the reference LuaJIT crashes or hangs on these"; exit 77 ;; esac
# Each case runs twice: with the default process stack and with the
# stack limited to 1 MB, where the C-recursion budget must still hold.
to=
command -v timeout >/dev/null 2>&1 && to="timeout 10"
check() {
  printf '%s\n' "$1" > c.lua
  for lim in default 1024; do
    if [ $lim = default ]; then
      $to "$LUNAR" c.lua > out 2>&1; st=$?
    else
      (ulimit -s $lim 2>/dev/null; exec $to "$LUNAR" c.lua) > out 2>&1; st=$?
    fi
    if [ $st -gt 1 ]; then
      echo "status $st (crash or hang, stack $lim) for: $1"
      head -n 3 out
      FAILED=1
    fi
  done
}
check 'local t = setmetatable({}, {}); getmetatable(t).__tostring = function(x) return tostring(x) end; print(pcall(tostring, t))'
check 'local function f(s) return (string.gsub(s, ".", f)) end; print(pcall(f, "x"))'
check 'local function nest(n) return coroutine.wrap(function() return nest(n + 1) end)() end; print(pcall(nest, 1))'
check 'local function nest(n) local co = coroutine.create(nest); return coroutine.resume(co, n + 1) end; print(nest(1))'
check 'local t = setmetatable({}, {}); getmetatable(t).__index = function(tt, k) return tt[k] end; print(pcall(function() return t.x end))'
check 'local mt = {}; mt.__lt = function(a, b) return a < b end; local x = setmetatable({}, mt); print(pcall(function() return x < x end))'
check 'local mt = {}; mt.__concat = function(a, b) return a .. b end; local x = setmetatable({}, mt); print(pcall(function() return x .. "s" end))'
check 'local function f() return pcall(f) end; print(f())'
check 'local function f() return xpcall(f, f) end; print(f())'
check 'local s = "return " .. string.rep("{", 100000); print(loadstring(s))'
check 'local s = string.rep("(", 100000); print(loadstring("return " .. s))'
check 'local f; f = function() return select(2, pcall(error, setmetatable({}, {__tostring = f}))) end; print(pcall(tostring, f()))'
finish
