-- FFI in the interpreter: what LuaJIT programs do in loops with the JIT
-- off. Type strings passed again and again to ffi.new/ffi.cast/ffi.sizeof,
-- C functions called through ffi.C and a library namespace, struct and
-- array cdata made, indexed and written.
local ffi = require "ffi"
ffi.cdef [[
typedef struct { double x, y; } bench_pt;
int abs(int);
size_t strlen(const char *);
void *memset(void *, int, size_t);
double fabs(double);
]]
local C = ffi.C
local n = tonumber(arg and arg[1]) or 1000000
local buf = ffi.new("uint8_t[64]")
local sum, len = 0, 0
for i = 1, n do
  -- C calls: integer, double and pointer arguments.
  sum = sum + C.abs(-i % 1000) + C.fabs(-0.5)
  C.memset(buf, 97 + i % 26, 16)
  buf[16 + i % 8] = 0
  len = len + tonumber(C.strlen(ffi.cast("const char *", buf)))
  -- Type strings: casts, VLAs, structs.
  local p = ffi.cast("uint8_t *", buf)
  sum = sum + p[i % 16] + ffi.sizeof("bench_pt")
  local a = ffi.new("int[?]", 4)
  a[i % 4] = i % 100
  sum = sum + a[0] + a[1] + a[2] + a[3]
  local pt = ffi.new("bench_pt", i % 7, 2)
  pt.y = pt.y + pt.x
  sum = sum + pt.y
end
print(sum, len)
