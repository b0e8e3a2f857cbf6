-- ffi: what lunar deliberately does not implement raises a clear error
-- (LuaJIT supports these), plus checks that cannot be table-driven
-- (finalizers at state close, safety checks LuaJIT does not make).
local ffi = require "ffi"

local function fails(pat, f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pat)
  assert(tostring(e):find(pat, 1, true), tostring(e))
end

-- Callbacks, structs by value, complex numbers.
fails("callbacks", ffi.cast, "int(*)(int)", function() return 1 end)
ffi.cdef[[
typedef struct { int a, b; } byval_t;
byval_t byval_ret(void);
int byval_arg(byval_t);
]]
fails("undefined symbol", function() return ffi.C.byval_ret end)
fails("complex numbers are not implemented", ffi.typeof, "double _Complex")
assert(not loadstring("return 12i"))

-- Passing structs by value: the call is refused before anything runs.
ffi.cdef"int abs(int);"
local fp = ffi.cast("int (*)(byval_t)", ffi.C.abs)
fails("not implemented", fp, ffi.new("byval_t"))
local rp = ffi.cast("byval_t (*)(int)", ffi.C.abs)
fails("not implemented", rp, 1)

-- Safety: NULL pointers and out-of-range array indices give errors.
local np = ffi.new("int *")
fails("NULL", function() return np[0] end)
fails("out of range", function() local a = ffi.new("int[2]") return a[2] end)
fails("out of range", function() local a = ffi.new("int[?]", 2) a[-1] = 1 end)
fails("NULL", ffi.string, np)

-- More than 6 integer and 8 floating-point arguments (stack arguments).
ffi.cdef"int snprintf(char *, size_t, const char *, ...);"
local buf = ffi.new("char[256]")
local n = ffi.C.snprintf(buf, 256, "%d %d %d %d %d %d %d %g %g %g %g %g %g %g %g %g %g",
  ffi.new("int", 1), ffi.new("int", 2), ffi.new("int", 3), ffi.new("int", 4),
  ffi.new("int", 5), ffi.new("int", 6), ffi.new("int", 7),
  1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5)
assert(ffi.string(buf) == "1 2 3 4 5 6 7 1.5 2.5 3.5 4.5 5.5 6.5 7.5 8.5 9.5 10.5", ffi.string(buf))
assert(n == #ffi.string(buf))

-- GC of many cdata, finalizers in a loop.
local count = 0
for i = 1, 2000 do
  ffi.gc(ffi.new("int[4]"), function() count = count + 1 end)
end
collectgarbage(); collectgarbage()
assert(count == 2000, count)

-- Finalizers still pending at exit run when the state closes.
local fin = ffi.gc(ffi.new("char[1]"), function() io.write("") end)
_G.keep = fin

print "OK"
