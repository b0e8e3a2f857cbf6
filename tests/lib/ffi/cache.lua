-- ffi: the per-state cache of type strings (src/ffi/cparse.c). The same
-- string must keep meaning what a fresh parse would give: failures are
-- not remembered, '$' strings and strings that define a struct/union/enum
-- are parsed every time, each state has its own meaning for a string.
-- Also passes under luajit -joff; the parts under LUNAR test where lunar
-- differs (one function type per string where LuaJIT makes a new one per
-- parse; named struct definitions in type strings).
local ffi = require "ffi"
local H = dofile("../_harness.lua")
local LUNAR = H.lunar():find("luajit") == nil

local function fails(pat, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error")
  assert(tostring(err):find(pat, 1, true), tostring(err))
end

-- A string that failed before the ffi.cdef that declares its names
-- parses after it (and again, from the cache).
local name = "cachetest_t" .. tostring(os.time() % 1000)
fails("declaration", ffi.typeof, name .. " *")
fails("declaration", ffi.new, name .. "[?]", 3)
ffi.cdef("typedef struct { int a, b; } " .. name .. ";")
for _ = 1, 3 do
  local p = ffi.new(name .. "[?]", 3)
  p[2].b = 7
  assert(p[2].b == 7)
  assert(ffi.sizeof(name .. "[?]", 3) == 24)
  assert(ffi.typeof(name .. " *") == ffi.typeof(name .. "*"))
end
fails("undeclared or implicit tag", ffi.typeof, "struct cache_tag *")
ffi.cdef "struct cache_tag { double d; };"
assert(ffi.sizeof("struct cache_tag") == 8)
assert(ffi.sizeof("struct cache_tag *") == 8)

-- An incomplete struct in the cache sees its later definition.
ffi.cdef "struct cache_inc;"
assert(ffi.sizeof("struct cache_inc") == nil)
local pinc = ffi.typeof("struct cache_inc *")
ffi.cdef "struct cache_inc { int x[4]; };"
assert(ffi.sizeof("struct cache_inc") == 16)
assert(ffi.typeof("struct cache_inc *") == pinc)

-- Same string, same type; new ctype objects every time (as LuaJIT).
for _, s in ipairs { "int", "uint8_t *", "int[?]", "const char *",
                     "struct cache_tag", "double[4]" } do
  local a, b = ffi.typeof(s), ffi.typeof(s)
  assert(a == b and not rawequal(a, b), s)
  local v = s:find("*", 1, true) and ffi.new(s) or ffi.new(s, 1)
  assert(ffi.istype(s, v), s)
  assert(tostring(ffi.typeof(s)) == tostring(a))
end

-- Definitions in a type string are new types on every parse.
local anon = "struct { int x; }"
local t1, t2 = ffi.typeof(anon), ffi.typeof(anon)
assert(t1 ~= t2)
assert(not ffi.istype(anon, ffi.new(t1)))
assert(ffi.typeof("union { int i; float f; }") ~=
       ffi.typeof("union { int i; float f; }"))
-- A named one defines the tag in lunar (LuaJIT refuses the tag); a
-- second definition is an error, not a cache hit.
if LUNAR then
  assert(ffi.sizeof("struct cache_def { int a[3]; }") == 12)
  fails("redefine", ffi.typeof, "struct cache_def { int a[3]; }")
  assert(ffi.sizeof("struct cache_def") == 12)
end

-- '$' parameters are never taken from the cache.
assert(ffi.sizeof(ffi.typeof("int[$]", 3)) == 12)
assert(ffi.sizeof(ffi.typeof("int[$]", 5)) == 20)
assert(ffi.typeof("$ *", ffi.typeof("int")) == ffi.typeof("int *"))
assert(ffi.typeof("$ *", ffi.typeof("double")) == ffi.typeof("double *"))
fails("wrong number of type parameters", ffi.typeof, "int[$]")

-- Errors stay errors (not cached as anything).
for _ = 1, 2 do
  fails("expected", ffi.typeof, "int (")
  fails("declaration", ffi.new, "cache_nosuch_t")
end

-- Function types: LuaJIT makes a new one per parse (and runs out of
-- type ids in a loop); lunar gives one type per string.
local fp = "int (*)(int, int)"
if LUNAR then
  assert(ffi.typeof(fp) == ffi.typeof(fp))
  for _ = 1, 100000 do ffi.cast(fp, 0) end
end
assert(tostring(ffi.typeof(fp)) == "ctype<int (*)()>")

-- More strings than the cache holds: it is cleared and refilled, and the
-- meanings stay right.
for i = 1, 1500 do
  local s = "int[" .. i .. "]"
  assert(ffi.sizeof(s) == 4 * i)
  assert(ffi.sizeof("int[" .. (i % 7 + 1) .. "]") == 4 * (i % 7 + 1))
end
collectgarbage()
assert(ffi.sizeof("int[1500]") == 6000)

-- Every state has its own cache: the same string names different types
-- in a second state made through the C API.
ffi.cdef [[
typedef struct lua_State lua_State;
lua_State *luaL_newstate(void);
void luaL_openlibs(lua_State *L);
int luaL_loadstring(lua_State *L, const char *s);
int lua_pcall(lua_State *L, int nargs, int nresults, int errfunc);
const char *lua_tolstring(lua_State *L, int idx, size_t *len);
void lua_close(lua_State *L);
typedef int cache_state_t;
]]
assert(ffi.sizeof("cache_state_t") == 4)
local L2 = ffi.C.luaL_newstate()
assert(L2 ~= nil)
ffi.C.luaL_openlibs(L2)
local code = [[
local ffi = require "ffi"
local ok = pcall(ffi.sizeof, "cache_state_t")
ffi.cdef "typedef double cache_state_t[3];"
return tostring(ok) .. " " .. ffi.sizeof("cache_state_t") .. " " ..
       ffi.sizeof("cache_state_t")
]]
assert(ffi.C.luaL_loadstring(L2, code) == 0)
local rc = ffi.C.lua_pcall(L2, 0, 1, 0)
local res = ffi.string(ffi.C.lua_tolstring(L2, -1, nil))
ffi.C.lua_close(L2)
assert(rc == 0, res)
assert(res == "false 24 24", res)
assert(ffi.sizeof("cache_state_t") == 4)

print "OK"
