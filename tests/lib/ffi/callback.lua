-- ffi: callbacks (Lua functions called from C through function pointers):
-- ffi.cast, implicit conversion of a Lua function argument, cb:free and
-- cb:set, argument and result conversions (registers and stack), errors,
-- coroutines and the slot pool. C functions from _clib.c (built at test
-- time) and qsort. Also passes under luajit -joff; lunar-only cases (more
-- than 16 parameters) are marked REF.
local ffi = require "ffi"
local H = dofile("../_harness.lua")
local REF = H.lunar():find("luajit") ~= nil

local eq = H.eq
local fails = H.fails

ffi.cdef[[
void qsort(void *base, size_t n, size_t size,
           int (*cmp)(const void *, const void *));
]]

-- ffi.cast and calls from Lua through the C pointer.
local add = ffi.cast("int (*)(int, int)", function(a, b) return a + b end)
eq(type(add), "cdata")
eq(tostring(ffi.typeof(add)), "ctype<int (*)()>")
eq(add(2, 3), 5)
eq(add(-7, 3), -4)
add:set(function(a, b) return a * b end)
eq(add(4, 5), 20)
eq(add.free, add.free)                   -- the same method every time
add:free()
eq(fails("bad callback", add, 1, 2), "bad callback")  -- no position
fails("bad callback", add.free, add)
fails("bad callback", function() add:free() end)
fails("bad callback", add.set, add, print)
fails("bad argument #2", add.set, add, 12)
fails("function expected", function() add:set(12) end)
fails("cdata expected", add.free, 12)
fails("bad callback", add.free, ffi.new("int (*)(int)"))   -- not a callback
fails("bad callback", add.free, ffi.new("int[1]"))
fails("has no member named 'free'", function() return ffi.new("void *").free end)
fails("has no member named 'foo'", function() return add.foo end)

-- Types a callback cannot have.
fails("cannot convert 'function' to 'int'", ffi.cast, "int", function() end)
fails("cannot convert 'function' to 'void *'", ffi.cast, "void *", function() end)
fails("cannot convert 'function' to 'int (*)()'", ffi.cast, "int (*)(int, ...)", function() end)
ffi.cdef"typedef struct { int a, b; } cbS;"
fails("cannot convert 'function' to 'int (*)()'", ffi.cast, "int (*)(cbS)", function() end)
fails("cannot convert 'function' to", ffi.cast, "cbS (*)(int)", function() end)
fails("cannot convert 'function' to 'void (*)()'", ffi.cast, "void (*)(long double)", function() end)
local ok = pcall(ffi.cast, "int (*)(cbS *)", function() end)
assert(ok)
-- Other ways of converting: ffi.new, struct fields.
local dbl = ffi.new("int (*)(int)", function(x) return x * 2 end)
eq(dbl(21), 42)
local holder = ffi.new("struct { int (*f)(int); }")
holder.f = function(x) return x + 1 end
eq(holder.f(1), 2)

-- Results that do not convert: the error has the position of the end of
-- the callback's function (as LuaJIT); C functions give no position.
local badres = ffi.cast("int (*)(int)", function(x)
  return "bad"
end)
local e = fails("cannot convert 'string' to 'int'", badres, 1)
assert(e:find("^.-callback%.lua:%d+: cannot convert"), e)
e = fails("cannot convert 'nil' to 'int'", ffi.cast("int (*)(int)", math.randomseed), 1)
eq(e, "cannot convert 'nil' to 'int'")
local vres = ffi.cast("void (*)(int)", function(x) return "ignored" end)
vres(1)
local bres = ffi.cast("bool (*)(int)", function(x) return x end)
eq(bres(1), true); eq(bres(0), false)

-- qsort with an implicit (permanent) callback.
local buf = ffi.new("int[8]", 5, 3, 8, 1, 4, 2, 7, 6)
ffi.C.qsort(buf, 8, 4, function(a, b)
  local x, y = ffi.cast("const int *", a)[0], ffi.cast("const int *", b)[0]
  return x < y and -1 or x > y and 1 or 0
end)
for k = 0, 7 do eq(buf[k], k + 1) end
-- An explicit one, reused and freed.
local desc = ffi.cast("int (*)(const void *, const void *)", function(a, b)
  return ffi.cast("const int *", b)[0] - ffi.cast("const int *", a)[0]
end)
for _ = 1, 3 do ffi.C.qsort(buf, 8, 4, desc) end
for k = 0, 7 do eq(buf[k], 8 - k) end
-- An error inside the comparator ends qsort and reaches pcall; the state
-- stays usable.
local ok2, err = pcall(ffi.C.qsort, buf, 8, 4, function() error("boom") end)
eq(ok2, false); assert(err:find("boom$"), err)
local ok3, err3 = pcall(ffi.C.qsort, buf, 8, 4, function() error({ code = 7 }) end)
eq(ok3, false); eq(err3.code, 7)
ffi.C.qsort(buf, 8, 4, desc)
eq(buf[0], 8)
desc:free()
fails("bad callback", ffi.C.qsort, buf, 8, 4, desc)

local lib, cleanup = require("_clib").load()
if lib then
  ffi.cdef[[
  typedef struct { int x, y; } P;
  int cbcall(int (*f)(int, int), int a, int b);
  double cbdbl(double (*f)(double, float), double a, float b);
  int64_t cbi64(int64_t (*f)(int64_t, uint64_t), int64_t a);
  int cbsmall(int (*f)(char, unsigned char, short, unsigned short, _Bool));
  unsigned cbuns(unsigned char (*f)(void));
  int cbshort(short (*f)(void));
  const char *cbstr(const char *(*f)(const char *), const char *s);
  int cbptr(int (*f)(P *, int *), P *p);
  float cbflt(float (*f)(float));
  void cbvoid(void (*f)(int), int n);
  double cbmany(double (*f)(int, int, int, int, int, int, int, int, double,
                double, double, double, double, double, double, double,
                double, double));
  double cbmix(double (*f)(double, int, double, int, double, int, double, int,
               double, int, double, int, double, int, double, int, double,
               int, double, int));
  double cb16a(double (*f)(int, int, int, int, int, int, int, int, double,
               double, double, double, double, double, double, double));
  double cb16b(double (*f)(double, double, double, double, double, double,
               double, double, double, double, int, int, int, int, float,
               int64_t));
  void store(int (*f)(int));
  int callstored(int x);
  int nested(int (*f)(int), int x);
  ]]
  eq(lib.cbcall(function(a, b) return a * b end, 6, 7), 42)
  eq(lib.cbdbl(function(a, b) return a / b end, 7.5, 2.5), 3)
  local got
  eq(tonumber(lib.cbi64(function(a, b) got = { a, b } return a * 2 end,
                        -5)), -10)
  eq(tostring(got[1]), "-5LL"); eq(tostring(got[2]), "18446744073709551611ULL")
  eq(lib.cbsmall(function(a, b, c, d, e)
    eq(a, -5); eq(b, 250); eq(c, -3000); eq(d, 60000); eq(e, true)
    return a + b + c + d
  end), -5 + 250 - 3000 + 60000)
  eq(lib.cbuns(function() return 300 end), 300 % 256)
  eq(lib.cbshort(function() return -2 end), -2)
  eq(lib.cbshort(function() return 40000 end), 40000 - 65536)
  eq(ffi.string(lib.cbstr(function(s) return s + 2 end, "hello")), "llo")
  local pt = ffi.new("P", 10, 20)
  eq(lib.cbptr(function(p, n)
    eq(p.x, 10); n[0] = 100; p.y = 5
    return p.x + p.y
  end, pt), 115)
  eq(pt.y, 5)
  eq(lib.cbflt(function(x) return x * 2 end), 5)
  local seen = {}
  lib.cbvoid(function(i) seen[#seen + 1] = i end, 4)
  eq(table.concat(seen, ","), "0,1,2,3")
  -- Stack arguments: integers beyond 6 and doubles beyond 8.
  eq(lib.cb16a(function(...)
    local s, n = 0, select("#", ...)
    eq(n, 16)
    for k = 1, n do s = s + select(k, ...) * k end
    return s
  end), 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 0.5 * 9 + 1.5 * 10 + 2.5 * 11 +
        3.5 * 12 + 4.5 * 13 + 5.5 * 14 + 6.5 * 15 + 7.5 * 16)
  eq(lib.cb16b(function(...)
    local t = { ... }
    eq(t[15], 15.5); eq(tostring(t[16]), "16LL")
    local s = 0
    for k = 1, 15 do s = s + t[k] end
    return s + tonumber(t[16])
  end), 136.5)
  if not REF then  -- LuaJIT: at most 16 parameters.
    eq(lib.cbmany(function(...)
      local s = 0
      for k = 1, select("#", ...) do s = s + select(k, ...) * k end
      return s
    end), 204 + 1.5 * 9 + 2.5 * 10 + 3.5 * 11 + 4.5 * 12 + 5.5 * 13 +
          6.5 * 14 + 7.5 * 15 + 8.5 * 16 + 9.5 * 17 + 10.5 * 18)
    eq(lib.cbmix(function(...)
      local t = { ... }
      for k = 1, 20 do eq(t[k], k) end
      return 1.25
    end), 1.25)
  end
  -- Stored by C, called later; created in one coroutine, called in another.
  local co = coroutine.create(function()
    lib.store(function(x) return x * 3 end)
    coroutine.yield()
  end)
  assert(coroutine.resume(co))
  collectgarbage(); collectgarbage()       -- the pool keeps the function
  eq(lib.callstored(5), 15)
  local co2 = coroutine.wrap(function() return lib.callstored(7) end)
  eq(co2(), 21)
  assert(coroutine.resume(co))
  eq(lib.callstored(2), 6)
  -- A callback that runs a coroutine which calls C with a callback.
  local inner = ffi.cast("int (*)(int)", function(x) return x + 100 end)
  eq(lib.nested(function(x)
    local c = coroutine.wrap(function(y) return lib.nested(inner, y) end)
    return c(x) * 2
  end, 1), (1 + 100 + 1) * 2 + 1)
  -- Yielding across the C function is refused.
  local cy = coroutine.create(function()
    return lib.nested(function(x) coroutine.yield(x) return 1 end, 1)
  end)
  local okc, ec = coroutine.resume(cy)
  eq(okc, false); assert(ec:find("attempt to yield across C%-call boundary"), ec)
  -- Unbounded recursion through C ends in an error, not a crash.
  local rec
  rec = ffi.cast("int (*)(int)", function(x) return lib.nested(rec, x + 1) end)
  local okr, er = pcall(rec, 0)
  eq(okr, false); assert(type(er) == "string", tostring(er))
  -- After all that, C calls and callbacks still work.
  eq(lib.cbcall(function(a, b) return a - b end, 10, 4), 6)
  inner:free()
  cleanup()
end

-- The pool is limited: filling it gives "too many callbacks", freeing a
-- callback makes room again.
local made = {}
local okp, ep = pcall(function()
  for k = 1, 100000 do made[k] = ffi.cast("int (*)(int)", function() return k end) end
end)
eq(okp, false); assert(ep:find("too many callbacks$"), ep)
assert(#made > 100 and #made <= 896, #made)
eq(made[#made](0), #made)
made[1]:free()
local again = ffi.cast("int (*)(int)", function() return -1 end)
eq(again(0), -1)
fails("too many callbacks", ffi.cast, "int (*)(int)", function() end)
for k = 2, #made do made[k]:free() end
again:free()
local fresh = ffi.cast("int (*)(int)", function(x) return x end)
eq(fresh(9), 9)

print "OK"
