-- ffi: what lunar deliberately does not implement raises a clear error
-- (LuaJIT supports some of these), plus checks that cannot be table-driven
-- (finalizers at state close, safety checks LuaJIT does not make).
local ffi = require "ffi"

local function fails(pat, f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pat)
  assert(tostring(e):find(pat, 1, true), tostring(e))
end

-- Complex numbers; long double by value (alone or inside a struct).
fails("complex numbers are not implemented", ffi.typeof, "double _Complex")
assert(not loadstring("return 12i"))
ffi.cdef[[
typedef struct { long double x; } byval_ld;
int abs(int);
]]
local fp = ffi.cast("int (*)(long double)", ffi.C.abs)
fails("not implemented", fp, 1)
fp = ffi.cast("long double (*)(int)", ffi.C.abs)
fails("not implemented", fp, 1)
fp = ffi.cast("int (*)(byval_ld)", ffi.C.abs)
fails("not implemented", fp, ffi.new("byval_ld"))
fp = ffi.cast("byval_ld (*)(int)", ffi.C.abs)
fails("not implemented", fp, 1)

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
