-- ffi: C library namespaces (ffi.C and ffi.load). Functions and constants
-- are cached in the namespace after the first use (the same cdata every
-- time, as LuaJIT); extern variables are read and written through the
-- namespace every time. Also passes under luajit -joff (but for the
-- checks under LUNAR).
local ffi = require "ffi"
local LUNAR = dofile("../_harness.lua").lunar():find("luajit") == nil
local lib, cleanup = require("_clib").load()
if not lib then print "OK" return end

local function fails(pat, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error")
  assert(tostring(err):find(pat, 1, true), tostring(err))
end

ffi.cdef [[
extern int clib_counter;
extern const int clib_const;
void clib_bump(void);
int clib_add(int a, int b);
int abs(int);
enum { CLIB_E1 = 3, CLIB_E2 };
]]

-- Functions: resolved once, then the same cdata.
local f = lib.clib_add
assert(rawequal(f, lib.clib_add))
for i = 1, 1000 do assert(lib.clib_add(i, 1) == i + 1) end
assert(rawequal(ffi.C.abs, ffi.C.abs))
assert(ffi.C.abs(-3) == 3)

-- Constants through any namespace.
assert(ffi.C.CLIB_E1 == 3 and lib.CLIB_E2 == 4)

-- Variables: every read sees the current value, writes go to C.
assert(lib.clib_counter == 5)
lib.clib_bump()
assert(lib.clib_counter == 6)
lib.clib_counter = 40
lib.clib_bump()
assert(lib.clib_counter == 41)
for i = 1, 3 do lib.clib_bump() assert(lib.clib_counter == 41 + i) end
assert(lib.clib_const == 9)
fails("attempt to write to constant location",
      function() lib.clib_const = 1 end)
fails("attempt to write to constant location",
      function() lib.clib_add = 1 end)
fails("cannot convert", function() lib.clib_counter = "x" end)
assert(lib.clib_counter == 44)

-- Missing names are not remembered: a later cdef makes them work.
fails("missing declaration for symbol 'clib_bump2'",
      function() return lib.clib_bump2 end)
fails("missing declaration for symbol 'CLIB_LATE'",
      function() return ffi.C.CLIB_LATE end)
ffi.cdef "enum { CLIB_LATE = 77 };"
assert(ffi.C.CLIB_LATE == 77 and lib.CLIB_LATE == 77)
-- Declared but not in the library: an error every time.
ffi.cdef "int clib_no_such_function(int);"
for _ = 1, 2 do
  fails("clib_no_such_function", function() return lib.clib_no_such_function end)
end
fails("string expected, got number", function() return ffi.C[1] end)
fails("string expected, got boolean", function() return lib[true] end)

-- Each namespace has its own cache: a symbol of the loaded library is not
-- in the global namespace.
fails("clib_add", function() return ffi.C.clib_add end)
assert(type(ffi.C) == "userdata" and type(lib) == "userdata")
assert(tostring(lib):match("^userdata: "))

-- The metamethods refuse other values (they can be reached through
-- getmetatable; lunar checks, LuaJIT does not).
local mt = getmetatable(lib)
assert(type(mt) == "table")
if not LUNAR then mt = {} end
for _, k in ipairs { "__gc", "__tostring", "__newindex" } do
  if type(mt[k]) == "function" then
    assert(not pcall(mt[k], io.stdout, "x", 1))
    assert(not pcall(mt[k], ffi.C, "x", 1) or k == "__tostring")
  end
end

cleanup()
print "OK"
