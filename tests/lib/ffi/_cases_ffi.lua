-- ffi library cases (see ../_harness.lua): each chunk's results (or error
-- message) are compared with luajit -joff. Addresses and anonymous struct
-- numbers differ between implementations, so chunks avoid printing them.
local C = {}
local function add(s) C[#C + 1] = "local ffi = require 'ffi' " .. s end
-- Anonymous struct numbers differ: errors about them are normalised.
local function adderr(s)
  add("local ok, e = " .. s .. " return ok, (tostring(e):gsub('struct %d+', 'struct N'))")
end

-- API surface and constants.
add("return ffi.os, ffi.arch, type(ffi.C), type(ffi.cdef), type(ffi.tonumber)")
for _, a in ipairs{ "64bit", "32bit", "le", "be", "fpu", "win", "eabi" } do
  add("return ffi.abi('" .. a .. "')")
end
-- Type names, sizes and alignments.
for _, t in ipairs{ "char", "signed char", "unsigned char", "int8_t", "uint8_t",
  "short", "unsigned short", "int16_t", "uint16_t", "int", "unsigned", "int32_t",
  "uint32_t", "long", "unsigned long", "long long", "unsigned long long",
  "int64_t", "uint64_t", "size_t", "ssize_t", "intptr_t", "uintptr_t",
  "ptrdiff_t", "float", "double", "bool", "_Bool", "void *", "const char *",
  "char *const", "const int", "volatile int", "int[3]", "int *[3]",
  "int (*)[3]", "int(*)(int, double)", "int(int)", "unsigned char *",
  "int[2][3]", "const char *[4]", "struct { int a; char b; }",
  "union { int a; double b; }", "struct { char a; double b; char c; }" } do
  add("local t = ffi.typeof('" .. t .. "') return tostring(t):gsub('struct %d+', 'struct N'):gsub('union %d+', 'union N'), ffi.sizeof(t), ffi.alignof(t)")
end
add("return ffi.sizeof('int[?]', 5), ffi.sizeof(ffi.new('int[?]', 7))")
add("return ffi.sizeof('void')")
add("return ffi.sizeof('struct { int n; double d[?]; }', 3)")
-- cdef: typedefs, structs, enums, constants, externs.
add("ffi.cdef'typedef struct pt1 { int x, y; } pt1_t;' local p = ffi.new('pt1_t', 3, 4) return p.x, p.y, ffi.sizeof('struct pt1'), tostring(ffi.typeof('pt1_t'))")
add("ffi.cdef'enum color1 { RED1, GREEN1 = 5, BLUE1 };' return ffi.C.RED1, ffi.C.GREEN1, ffi.C.BLUE1, tonumber(ffi.new('enum color1', 'BLUE1'))")
add("ffi.cdef'static const int SC1 = 40 + 2; enum { EA1 = SC1 * 2, EB1 = 1 << 4, EC1 = sizeof(int) };' return ffi.C.SC1, ffi.C.EA1, ffi.C.EB1, ffi.C.EC1")
add("ffi.cdef[[/* comment */ struct nest1 { struct { int a; } in; union { int i; float f; }; int arr[2]; } __attribute__((aligned(8))); // line comment\n]] local s = ffi.new('struct nest1') s.in.a = 3 s.i = 7 s.arr[1] = 9 return s.in.a, s.i, s.arr[1], ffi.offsetof('struct nest1', 'arr')")
add("ffi.cdef'typedef int myint1; typedef int myint1;' return ffi.sizeof('myint1')")
add("ffi.cdef'struct redef1 { int a; };' return pcall(ffi.cdef, 'struct redef1 { int b; };')")
add("return pcall(ffi.cdef, 'int x y;')")
add("return pcall(ffi.cdef, 'int a[;')")
add("return pcall(ffi.cdef, 'foo bar;')")
add("return pcall(ffi.cdef, 'int x = 5;')")
add("return pcall(ffi.new, 'foo_t')")
add("return pcall(ffi.typeof, 'struct undefined_tag1')")
add("return pcall(ffi.typeof, 'int', 3)")
add("return ffi.typeof('$ *', ffi.typeof('int')) == ffi.typeof('int *')")
add("return ffi.sizeof(ffi.typeof('int[$]', 5))")
add("ffi.cdef'int ffi_case_extern1(int, ...);' return pcall(function() return ffi.C.nosuch_symbol_1 end)")
-- Declaration errors (positions are the caller's, as in LuaJIT).
for _, d in ipairs{ "struct", "struct {", "int f(", "int [3];", "typedef;",
  "enum { A = };", "int a[-1];", "int a[1/0];", "void v;",
  "struct s1 { void v; };", "unsigned float x;", "char int x;",
  "int f(void, int);", "struct s2 { int a; int a; };",
  "enum e3 { X3 }; enum e3 { Y3 };", "union u4 {int a;}; struct u4 {int a;};",
  "int x @;", "int y = UNDEFINED_CONST;" } do
  add("return pcall(function() ffi.cdef[[" .. d .. "]] end)")
end
add("ffi.cdef'#pragma pack(1)\nstruct pk1 { char a; int b; };\n#pragma pack()\nstruct pk2 { char a; int b; };' return ffi.sizeof('struct pk1'), ffi.sizeof('struct pk2')")
add("ffi.cdef'#pragma pack(push, 2)\nstruct pk3 { char a; int b; };\n#pragma pack(pop)\nstruct pk4 { char a; double b; };' return ffi.sizeof('struct pk3'), ffi.sizeof('struct pk4')")
add("ffi.cdef'struct __attribute__((packed)) pk5 { char a; int b; };' return ffi.sizeof('struct pk5')")
for _, t in ipairs{ "int (*)[", "", "int int", "int x", "int[0]" } do
  add("return pcall(ffi.typeof, '" .. t .. "')")
end
-- Bit-fields (layout as the System V ABI, checked against gcc).
add([[ffi.cdef'struct bf1 { unsigned a:3, b:5; int c:4; unsigned d:20; }; struct bf2 { char x; int y:4; char z; }; struct bf3 { int a:1; unsigned b:20; int c:30; bool f:1; }; struct __attribute__((packed)) bf4 { char x; int y:4; }; struct bf5 { unsigned a:31; unsigned b:2; int :0; char c; }; union bfu { unsigned a:3; int b; }; struct bf6 { unsigned a:4; unsigned :4; unsigned b:4; };'
  local r = {} for _, s in ipairs{'struct bf1', 'struct bf2', 'struct bf3', 'struct bf4', 'struct bf5', 'struct bf6', 'union bfu'} do r[#r + 1] = ffi.sizeof(s) .. '/' .. ffi.alignof(s) end return table.concat(r, ' ')]])
add("local x = ffi.new('struct bf1') x.a = 5 x.b = 31 x.c = -3 x.d = 0xfffff local r1 = {x.a, x.b, x.c, x.d} x.a = 9 x.c = 7 x.c = 8 return r1[1], r1[2], r1[3], r1[4], x.a, x.b, x.c, x.d")
add("local y = ffi.new('struct bf3', {1, 2^20 - 1, -5, true}) local z = ffi.new('struct bf1', 1, 2, 3, 4) return y.a, y.b, y.c, y.f, z.a, z.b, z.c, z.d")
add("return ffi.offsetof('struct bf1', 'c'), ffi.offsetof('struct bf2', 'z'), ffi.offsetof('struct bf5', 'c')")
add("local u = ffi.new('union bfu') u.b = -1 local a = u.a u.a = 0 local w = ffi.new('struct bf6') w.a = 15 w.b = 9 return a, u.b, w.a, w.b, ffi.cast('uint16_t *', w)[0]")
add("local x = ffi.new('struct bf1') return pcall(function() x.a = 'q' end)")
add("return pcall(function() ffi.cdef'struct bfe1 { double d:3; };' end)")
add("return pcall(function() ffi.cdef'struct bfe2 { int d:33; };' end)")

-- API argument errors.
for _, c in ipairs{ "ffi.string()", "ffi.copy()", "ffi.sizeof()", "ffi.cast()",
  "ffi.cast('int')", "ffi.metatype('struct { int a; }', 1)",
  "ffi.gc(ffi.new('int[1]'))", "ffi.abi()", "ffi.load()",
  "ffi.offsetof('struct { int a; }', 'b')", "ffi.new('int', nil)",
  "ffi.new('int *', 1)", "ffi.new('int *', ffi.new('double[1]'))",
  "ffi.new('double *', ffi.new('int[1]'))", "ffi.new('int64_t', '7')",
  "ffi.new('uint64_t', 2^64)", "ffi.new('int[2]', ffi.new('int[2]', 1, 2))[1]" } do
  add("return pcall(function() return " .. c .. " end)")
end
for _, c in ipairs{ "ffi.C.abs_undeclared_1", "ffi.new('int')[0]",
  "ffi.typeof('int').x", "ffi.new('int[3]')['1']", "#ffi.new('int64_t')",
  "-ffi.new('int *')", "ffi.new('int *') * 2", "1 - ffi.new('int *')",
  "ffi.new('int *') < 1", "ffi.new('int *') == 0", "ffi.new('double', 2) < 3" } do
  add("return pcall(function() return " .. c .. " end)")
end
add("return pcall(function() local x = ffi.new('int') x.a = 1 end)")

-- new, initialisers, conversions.
add("local x = ffi.new('int', 5) return type(x), tonumber(x)")
add("return tonumber(ffi.new('double', 1.5)), tonumber(ffi.new('float', 0.1)) == tonumber(ffi.new('float', 0.1))")
add("return tonumber(ffi.new('int8_t', 200)), tonumber(ffi.new('uint8_t', -1)), tonumber(ffi.new('int16_t', 40000))")
add("return tonumber(ffi.new('int', 2^31)), tonumber(ffi.new('uint32_t', -1)), tonumber(ffi.new('int', -3.7))")
add("return ffi.new('bool', 1) == true, tonumber(ffi.new('bool', 0)), tonumber(ffi.new('bool', true))")
add("local a = ffi.new('int[3]', {1, 2, 3}) return a[0], a[1], a[2]")
add("local a = ffi.new('int[3]', {[0] = 4, 5, 6}) return a[0], a[1], a[2]")
add("local a = ffi.new('int[4]', 1, 2) return a[0], a[1], a[2], a[3]")
add("local a = ffi.new('int[?]', 3, 7) return a[0], a[1], a[2]")
add("local a = ffi.new('char[8]', 'abc') return ffi.string(a), a[3]")
add("return pcall(ffi.new, 'int[2]', 1, 2, 3)")
add("return pcall(ffi.new, 'int[2]', {1, 2, 3})")
adderr("pcall(ffi.new, 'struct { int a; }', 1, 2)")
add("return pcall(ffi.new, 'int', {})")
add("return pcall(ffi.new, 'int', 'x')")
add("return pcall(ffi.new, 'int(int)')")
add("return pcall(ffi.new, 'void')")
add("return pcall(ffi.new)")
add("local s = ffi.new('struct { int a; double b; const char *c; }', {b = 2.5, a = 1}) return s.a, s.b, s.c == nil")
adderr("local s = ffi.new('struct { int a; }') " .. "pcall(function() return s.zz end)")
add("local s = ffi.new('struct { int a; }') return pcall(function() s.a = 'x' end)")
adderr("local s = ffi.new('struct { int a; }') " .. "pcall(function() return s[0] end)")
add("local a = ffi.new('int[2]') return pcall(function() return a.x end)")
add("return pcall(function() return ffi.new('int64_t', 1).x end)")
add("local s = ffi.new('struct { const int a; }') return pcall(function() s.a = 1 end)")
-- cast, pointers, strings.
add("return tonumber(ffi.cast('int', 3.9)), tonumber(ffi.cast('uint8_t', 257)), tonumber(ffi.cast('int8_t', 255))")
add("return tostring(ffi.cast('void *', 0x1234)), tostring(ffi.cast('int *', 0))")
add("return tonumber(ffi.cast('intptr_t', ffi.cast('void *', 16))), ffi.cast('int *', 16) + 1 == ffi.cast('int *', 20)")
add("return ffi.cast('int *', 16) - ffi.cast('int *', 8), ffi.cast('int *', 8) < ffi.cast('int *', 16)")
add("return ffi.new('int *') == nil, ffi.cast('void *', 1) ~= nil, nil == ffi.new('int *')")
add("return pcall(ffi.cast, 'int', {})")
add("return pcall(ffi.cast, 'struct { int a; }', 1)")
add("local a = ffi.new('int[4]', 1, 2, 3, 4) local p = a + 1 return p[0], p[2], (p + 1)[0], p - a")
add("local a = ffi.new('int[4]', 1, 2, 3, 4) local p = ffi.cast('int *', a) p[1] = 10 return a[1]")
add("return ffi.string('abcdef', 3), ffi.string(ffi.new('char[4]', 'xyz'))")
add("local b = ffi.new('char[8]') ffi.fill(b, 7, 65) ffi.copy(b, 'xy') return ffi.string(b)")
add("local b = ffi.new('char[8]') ffi.copy(b, 'xyz', 2) return ffi.string(b)")
add("local b = ffi.new('uint8_t[4]') ffi.fill(b, 4) return b[0], b[3]")
-- istype, typeof.
add("return ffi.istype('int', 1), ffi.istype('int', ffi.new('int')), ffi.istype('int *', ffi.new('int[2]'))")
add("return ffi.istype('int[2]', ffi.new('int[2]')), ffi.istype(ffi.typeof('double'), ffi.new('double'))")
add("return ffi.typeof('int') == ffi.typeof('int'), ffi.typeof('int') == ffi.typeof('long')")
add("local t = ffi.typeof('int[?]') return tonumber(t(3)[2]), ffi.sizeof(t(3))")
add("return pcall(ffi.typeof, 3)")
-- 64-bit integers.
add("return tostring(1LL), tostring(1ULL), tostring(-5LL), tostring(0x10LL), tostring(0xffffffffffffffffULL)")
add("return tostring(1LL + 2), tostring(3LL * 2.5), tostring(7LL / 2), tostring(-7LL / 2), tostring(-7LL % 3), tostring(7LL % -2)")
add("return tostring(1LL / 0), tostring(0LL / 0), tostring(7ULL / 0), tostring(5LL % 0)")
add("return tostring(2LL ^ 10), tostring(2LL ^ 63), tostring(2LL ^ 64), tostring(3LL ^ -1), tostring((-2LL) ^ 3)")
add("return tostring(-(3LL)), tostring(-1LL + 0ULL), tostring(0ULL - 1)")
add("return 1LL == 1, 1LL == 1LL, 1ULL == 1LL, -1LL == 0xffffffffffffffffULL, 1LL < 2, 2 <= 2LL, 1LL > 3")
add("return tonumber(2LL ^ 53), tonumber(ffi.new('uint64_t', -1)), tostring(ffi.new('int64_t', 2^53))")
add("return tostring(ffi.new('int', 3) + 1), tostring(ffi.new('uint32_t', 3) * ffi.new('int', 2)), tostring(1LL + ffi.new('uint64_t', 1))")
add("return pcall(function() return 1LL .. 'x' end)")
add("return pcall(function() return 1LL < {} end)")
adderr("pcall(function() return ffi.new('struct { int a; }') + 1 end)")
add("return 1LL == {}, 1LL == '1'")
add("local x = 10LL for i = 1, 5 do x = x * 3 end return tostring(x)")
add("return pcall(loadstring, 'return 1e3LL')")
-- The bit library on 64-bit integers.
for _, c in ipairs{ "bit.band(1LL, 3)", "bit.bor(1ULL, 2)", "bit.bxor(-1LL, 1)",
  "bit.bnot(0LL)", "bit.bnot(0ULL)", "bit.lshift(1LL, 40)", "bit.lshift(1LL, 64)",
  "bit.rshift(-1LL, 60)", "bit.arshift(-16LL, 2)", "bit.rol(1LL, 65)",
  "bit.ror(1ULL, 1)", "bit.tobit(0x100000001LL)", "bit.tohex(255LL)",
  "bit.tohex(-1LL, 4)", "bit.tohex(255LL, -20)", "bit.bswap(1LL)",
  "bit.band(1LL, 2^33+1)", "bit.lshift(1, 40LL)", "bit.tohex(1, 20LL)",
  "bit.band(1LL, '3')", "bit.band(ffi.new('int', -1), 0xff)",
  "bit.band(ffi.new('uint32_t', 5), 3)", "bit.tohex(ffi.new('uint8_t', 255))",
  "bit.band(1, 2, 3LL)", "bit.tohex(1LL, 0)", "bit.band(1LL, 2^70)" } do
  add("return tostring(" .. c .. ")")
end
add("return pcall(bit.band, 1LL, 'x')")
-- string.format's integer conversions take 64-bit integer cdata.
add("return string.format('%d %x %X %o %i %5d|%-5d|%u', 1LL, -1LL, 255ULL, 8LL, -3LL, 42LL, 7LL, -1LL)")
add("return string.format('%d', 2^63ULL), string.format('%.3d', 5LL), string.format('%+d', 5LL), string.format('%#x', 255LL)")
add("return pcall(string.format, '%c', 65LL)")
add("return pcall(string.format, '%d', ffi.new('int', -5))")
add("return pcall(bit.band, 1LL, {})")

-- string.buffer's FFI methods and 64-bit integer serialization.
add("local buffer = require 'string.buffer' local b = buffer.new() local p, len = b:reserve(10) ffi.copy(p, 'hello', 5) b:commit(5) local q, n = b:ref() b:putcdata(ffi.new('char[3]', 'xyz'), 3) return tostring(p):match('^cdata<[^>]*>'), len >= 10, tostring(q):match('^cdata<[^>]*>'), n, ffi.string(q, n), b:tostring()")
add("local buffer = require 'string.buffer' local b = buffer.new() return pcall(b.commit, b, 1000)")
add("local buffer = require 'string.buffer' local b = buffer.new() return pcall(b.putcdata, b, 'abc', 1)")
add("local buffer = require 'string.buffer' local c = buffer.new() c:set(ffi.new('char[4]', 'abcd'), 4) return c:tostring()")
add("local buffer = require 'string.buffer' return tostring(buffer.decode(buffer.encode(5LL))), tostring(buffer.decode(buffer.encode(5ULL))), #buffer.encode(5LL), buffer.encode(-1LL):byte(1, -1)")
add("local buffer = require 'string.buffer' local t = buffer.decode(buffer.encode({1LL, x = 2ULL})) return tostring(t[1]), tostring(t.x)")
add("local buffer = require 'string.buffer' return pcall(buffer.encode, ffi.new('int', 1))")

-- Lengths and calls on non-callable cdata.
add("return pcall(function() return #ffi.new('int[3]') end)")
add("return pcall(function() return ffi.new('int')() end)")
add("return getmetatable(1LL), getmetatable(ffi.new('int'))")
-- metatype.
add("local T = ffi.metatype('struct { double x, y; }', { __add = function(a, b) return a.x + b.x end, __index = { norm = function(s) return s.x * s.x + s.y * s.y end }, __tostring = function(s) return 'P(' .. s.x .. ')' end, __len = function() return 7 end, __eq = function(a, b) return a.x == b.x end, __call = function(s, k) return s.y * k end }) local a, b = T(1, 2), T(3, 4) return a + b, a:norm(), tostring(a), #a, a == T(1, 9), a(10)")
add("local T = ffi.metatype('struct { int v; }', { __lt = function(a, b) return a.v < b.v end, __le = function(a, b) return a.v <= b.v end, __concat = function(a, b) return 'cat' end, __unm = function(a) return -a.v end }) local a, b = T(1), T(2) return a < b, b <= a, a .. b, -a")
add("local T = ffi.metatype('struct { int v; }', { __newindex = function(s, k, v) rawset(_G, 'NI_' .. k, v) end }) local a = T(1) a.zz = 5 a.v = 3 return NI_zz, a.v")
add("local ct = ffi.typeof('struct { int v; }') ffi.metatype(ct, {}) return pcall(ffi.metatype, ct, {})")
add("return pcall(ffi.metatype, 'int', {})")
-- gc.
add("local n = 0 do local x = ffi.gc(ffi.new('int[1]'), function() n = n + 1 end) end collectgarbage() collectgarbage() return n")
add("local n = 0 do local x = ffi.gc(ffi.new('int[1]'), function() n = n + 1 end) ffi.gc(x, nil) end collectgarbage() collectgarbage() return n")
add("local n = 0 local T = ffi.metatype('struct { int v; }', { __gc = function(s) n = n + s.v end }) do local a, b = T(2), T(3) end collectgarbage() collectgarbage() return n")
add("return pcall(ffi.gc, 1, print)")
-- errno, load.
add("ffi.errno(7) return ffi.errno(), ffi.errno()")
add("return pcall(ffi.load, 'nonexistent_lib_xyz_1')")
-- C calls.
add("ffi.cdef'size_t strlen(const char *); int abs(int); double sin(double); double fmax(double, double); float fabsf(float); long labs(long);' return tostring(ffi.C.strlen('hello')), ffi.C.abs(-3), ffi.C.sin(0), ffi.C.fmax(1.5, 2.5), ffi.C.fabsf(-1.25), tostring(ffi.C.labs(-5))")
add("ffi.cdef'int abs(int);' return pcall(ffi.C.abs, 'x')")
add("ffi.cdef'int abs(int);' return pcall(ffi.C.abs)")
add("ffi.cdef'int abs(int);' return pcall(ffi.C.abs, 1, 2)")
add("ffi.cdef'int snprintf(char *, size_t, const char *, ...);' local b = ffi.new('char[128]') local n = ffi.C.snprintf(b, 128, '%d|%s|%.1f|%d|%d|%d|%d|%d|%d|%d|%.1f|%.1f|%.1f|%.1f|%.1f|%.1f|%.1f|%.1f', ffi.new('int', 1), 'two', 3, ffi.new('int', 4), ffi.new('int', 5), ffi.new('int', 6), ffi.new('int', 7), ffi.new('int', 8), ffi.new('int', 9), ffi.new('int', 10), 1, 2, 3, 4, 5, 6, 7, 8.5) return n, ffi.string(b)")
add("ffi.cdef'void *memset(void *, int, size_t); int memcmp(const void *, const void *, size_t);' local a = ffi.new('uint8_t[4]') ffi.C.memset(a, 9, 4) return a[3], ffi.C.memcmp(a, a, 4)")
add("ffi.cdef'int atoi(const char *); long strtol(const char *, char **, int);' return ffi.C.atoi('42'), tostring(ffi.C.strtol('ff', nil, 16))")
add("ffi.cdef'char *getenv(const char *);' return ffi.C.getenv('NONEXISTENT_VAR_XYZ_1') == nil")
add("local m = ffi.load('m') ffi.cdef'double cos(double);' return m.cos(0)")
-- Callbacks.
add("local cb = ffi.cast('int (*)(int, int)', function(a, b) return a + b end) local r = { cb(2, 3) } cb:set(function(a, b) return a * b end) r[2] = cb(4, 5) cb:free() return r[1], r[2], pcall(cb, 1, 2)")
add("local cb = ffi.cast('int (*)(int)', function(a) return a end) cb:free() return pcall(cb.free, cb), pcall(cb.set, cb, print), pcall(cb.set, cb, 1), pcall(cb.free, 1)")
add("local cb = ffi.cast('double (*)(float, double, int64_t, uint8_t, short, bool, const char *)', function(a, b, c, d, e, f, g) return a + b + tonumber(c) + d + e + (f and 1 or 0) + #ffi.string(g) end) local r = cb(0.5, 1.5, 2, 300, -4, true, 'abc') cb:free() return r")
add("local cb = ffi.cast('int64_t (*)(uint64_t)', function(a) return a end) local r = cb(-1) cb:free() return tostring(r)")
add("local cb = ffi.cast('bool (*)(int)', function(a) return a end) local r = { cb(1), cb(0) } cb:free() return r[1], r[2]")
add("local cb = ffi.cast('int (*)(int)', function(a) return 'x' end) local r = { pcall(cb, 1) } cb:free() return r[1], r[2]")
add("local cb = ffi.cast('int (*)(int)', math.randomseed) local r = { pcall(cb, 1) } cb:free() return r[1], r[2]")
add("local cb = ffi.cast('void (*)(int)', function(a) return 'ignored' end) local r = { cb(1) } cb:free() return #r")
add("local cb = ffi.cast('int (*)(int)', function(a) error('boom') end) local r = { pcall(cb, 1) } cb:free() return r[1], r[2]")
add("local cb = ffi.cast('int (*)(int)', function(a) return a end) local f, s = cb.free, cb.set cb:free() return f == cb.free, s == cb.set, type(f)")
add("return pcall(ffi.cast, 'int', function() end)")
add("return pcall(ffi.cast, 'void *', function() end)")
add("return pcall(ffi.cast, 'int (*)(int, ...)', function() end)")
add("return pcall(ffi.cast, 'void (*)(long double)', function() end)")
adderr("pcall(ffi.cast, 'int (*)(struct { int a; })', function() end)")
adderr("pcall(ffi.cast, 'struct { int a; } (*)(int)', function() end)")
add("return pcall(function() return ffi.new('int *').free end)")
add("local cb = ffi.cast('int (*)(int)', function(a) return a end) local r = { pcall(function() return cb.foo end) } cb:free() return r[1], r[2]")
add("local f = ffi.new('int (*)(int)', function(x) return x * 2 end) local s = ffi.new('struct { int (*f)(int); }') s.f = function(x) return x + 1 end return f(21), s.f(1)")
add("ffi.cdef'void qsort(void *, size_t, size_t, int (*)(const void *, const void *));' local a = ffi.new('int[5]', 5, 3, 1, 4, 2) local cmp = ffi.cast('int (*)(const void *, const void *)', function(x, y) return ffi.cast('const int *', x)[0] - ffi.cast('const int *', y)[0] end) ffi.C.qsort(a, 5, 4, cmp) local r = { pcall(ffi.C.qsort, a, 5, 4, function() error('cmp') end) } cmp:free() return a[0], a[1], a[2], a[3], a[4], r[1], r[2]")
add("local cy = ffi.cast('int (*)(int)', function(x) coroutine.yield(x) return 1 end) local r = { coroutine.resume(coroutine.create(function() return cy(1) end)) } cy:free() return r[1], r[2]")
return C
