-- string.buffer: methods, serialization round trips, and decoding of data
-- encoded by luajit 2.1 (hex literals below were produced by luajit).
local buffer = require("string.buffer")

local function unhex(h) return (h:gsub("..", function(x) return string.char(tonumber(x, 16)) end)) end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local function errmsg(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error")
  return (tostring(e):gsub("^[^:]*:%d+: ", ""))
end
local function deq(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) ~= "table" then return a == b or (a ~= a and b ~= b) end
  for k, v in pairs(a) do if not deq(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

-- Module surface.
local names = {}
for k in pairs(buffer) do names[#names + 1] = k end
table.sort(names)
assert(table.concat(names, " ") == "decode encode new")

-- Basic put/get.
local b = buffer.new()
assert(type(b) == "userdata" and #b == 0 and b:tostring() == "" and tostring(b) == "")
assert(getmetatable(b) == "buffer")
assert(b:put("a", 1, 2.5) == b)
assert(b:tostring() == "a12.5" and #b == 5)
assert(b:get(2) == "a1" and #b == 3)
assert(b:get() == "2.5" and #b == 0)
b:put("hello"):put(" ", "world")
local x, y, z = b:get(1, 4, 100)
assert(x == "h" and y == "ello" and z == " world")
assert(b:get() == "" and b:get(5) == "")
b:set("abcdef")
assert(b:skip(2):get(nil, 1) == "cdef")
assert(#b == 0)
b:set("xyz"):skip(100)
assert(#b == 0)
assert(b:put("x"):reset():tostring() == "")
assert(b:put(-0.0, 1/0, 2^63):get() == "-0inf9.2233720368548e+18")
assert(b:putf("%d-%s-%5.2f", 5, "x", 3.14159):get() == "5-x- 3.14")
b:put(setmetatable({}, { __tostring = function() return "TS" end }))
assert(b:get() == "TS")
local b2 = buffer.new(100):put("inner")
assert(b:put(b2, b2):get() == "innerinner" and #b2 == 5)
assert(errmsg(b2.put, b2, "x", b2):find("bad argument #3", 1, true))
assert(b2:tostring() == "innerx")
assert(b2:free() == b2 and #b2 == 0 and b2:put("again"):get() == "again")

-- Concatenation and length.
local b3 = buffer.new():put("abc")
assert(b3 .. "x" == "abcx" and "x" .. b3 == "xabc" and b3 .. b3 == "abcabc" and b3 .. 1 == "abc1")
assert(#b3 == 3)

-- Growth past many reallocations keeps contents.
local big = buffer.new()
for i = 1, 10000 do big:put(i % 10) end
assert(#big == 10000)
local s = big:get(5000)
assert(#s == 5000 and s:sub(1, 12) == "123456789012")
big:put("end")
assert(#big == 5003 and big:tostring():sub(-3) == "end")

-- Errors.
assert(errmsg(b.put, b, {}):find("string/number/__tostring expected, got table", 1, true))
assert(errmsg(b.put, b, nil):find("got nil", 1, true))
assert(errmsg(b.set, b, 12):find("string expected, got number", 1, true))
assert(errmsg(b.get, b, -1):find("number out of range", 1, true))
assert(errmsg(b.skip, b, -1):find("number out of range", 1, true))
assert(errmsg(b.put, {}):find("buffer expected", 1, true))
assert(errmsg(buffer.new, -1):find("number out of range", 1, true))
assert(errmsg(buffer.decode, 1):find("string expected, got number", 1, true))
assert(errmsg(b.putf, b, "%d", "x"):find("bad argument #3", 1, true))
do  -- Raw-pointer methods use the FFI (tests/lib/ffi has the details).
  local ptr, len = b:reserve(10)
  assert(type(ptr) == "cdata" and len >= 10)
  b:reset()
end

-- Serialization: luajit's bytes for simple values decode and re-encode.
local lj = {
  { nil, "00" }, { false, "01" }, { true, "02" }, { 1.5, "07000000000000f83f" },
  { -0.0, "070000000000000080" }, { 1e300, "079c7500883ce4377e" },
  { "hello", "2568656c6c6f" }, { "", "20" },
  { { 1, 2, 3 }, "0c0407000000000000f03f070000000000000040070000000000000840" },
  { { a = 1 }, "0901216107000000000000f03f" },
  { { 10, 20, x = "y" }, "0d030107000000000000244007000000000000344021782179" },
  { { [0] = 0, 1 }, "0a0207000000000000000007000000000000f03f" },
  { { { 1 }, { 2, { 3 } } }, "0c030c0207000000000000f03f0c030700000000000000400c02070000000000000840" },
  { { 1, nil, 3 }, "0c0407000000000000f03f00070000000000000840" },
}
for i, c in ipairs(lj) do
  local v = buffer.decode(unhex(c[2]))
  assert(deq(v, c[1]), "decode case " .. i)
  if type(c[1]) ~= "table" or i <= 10 then
    assert(hex(buffer.encode(c[1])) == c[2], "encode case " .. i .. ": " .. hex(buffer.encode(c[1])))
  end
end
assert(1 / buffer.decode(unhex("070000000000000080")) < 0)
-- Length prefixes: 2-byte and 5-byte forms.
assert(hex(buffer.encode(string.rep("x", 300))):sub(1, 4) == "e06c")
assert(hex(buffer.encode(string.rep("y", 8192))):sub(1, 10) == "ff20200000")
assert(buffer.decode(buffer.encode(string.rep("y", 8192))) == string.rep("y", 8192))
-- Light userdata forms.
assert(buffer.decode("\3") ~= nil and type(buffer.decode("\3")) == "userdata")
assert(hex(buffer.encode(buffer.decode("\4\1\0\0\0"))) == "0401000000")
assert(hex(buffer.encode(buffer.decode("\5\1\0\0\0\0\1\0\0"))) == "050100000000010000")
pcall(buffer.decode, "\5\1\0\0\0\0\0\1\0")  -- 49-bit pointer: a value or a clean error
assert(buffer.decode("\6\1\0\0\0") == 1 and buffer.decode("\6\255\255\255\255") == -1)

-- Round trips.
local vals = { 0, -1, 2^53, 0.1, "x\0y", { 1, 2, { 3, { 4 } } }, { a = { b = { c = "d" } } },
               { [1.5] = true, [-1] = false, [true] = "t" }, { [0] = "z", "a", "b", k = 1 },
               { nil, 2 }, { [100] = 1 } }
for i, v in ipairs(vals) do
  assert(deq(buffer.decode(buffer.encode(v)), v), "round trip " .. i)
end
local nan = buffer.decode(buffer.encode(0 / 0))
assert(nan ~= nan)

-- Buffer-object encode/decode streams several values.
local sb = buffer.new()
sb:encode(1):encode("two"):encode({ 3 })
assert(sb:decode() == 1 and sb:decode() == "two" and sb:decode()[1] == 3 and #sb == 0)
assert(errmsg(sb.decode, sb) == "unexpected end of buffer")
sb:put("\7\0\0")
assert(errmsg(sb.decode, sb) == "unexpected end of buffer" and #sb == 3)

-- Dictionary and metatable options.
local mt = { __index = { hello = function() return "hi" end } }
local ob = buffer.new({ dict = { "key", "other" }, metatable = { mt } })
assert(hex(ob:encode({ key = "key" }):get()) == "09010f00236b6579")
local obj = ob:encode(setmetatable({ other = 2 }, mt)):decode()
assert(getmetatable(obj) == mt and obj.other == 2 and obj:hello() == "hi")
assert(deq(ob:set(unhex("09020f00236b65790f01070000000000000040")):decode(), { key = "key", other = 2 }))
assert(errmsg(buffer.new, { dict = { 1 } }) == "bad options table")
assert(errmsg(buffer.decode, "\15\5") == "cannot deserialize dictionary index 6")

-- Decoder errors.
assert(errmsg(buffer.decode, "") == "unexpected end of buffer")
assert(errmsg(buffer.decode, "\7") == "unexpected end of buffer")
assert(errmsg(buffer.decode, "\0\0") == "left-over data in buffer")
assert(errmsg(buffer.decode, "\19") == "cannot deserialize tag 0x13")
do  -- FFI int64: luajit decodes it when the FFI is there, lunar refuses.
  local ok, e = pcall(buffer.decode, "\16\0\0\0\0\0\0\0\0")
  assert(ok or e == "cannot deserialize tag 0x10")
end
assert(errmsg(buffer.decode, "\9\1\0\2") == "table index is nil")
assert(errmsg(buffer.decode, "\9\1\7\0\0\0\0\0\0\248\127\2") == "table index is NaN")
assert(errmsg(buffer.decode, "\12\255\255\255\255\127") == "table overflow")
assert(errmsg(buffer.decode, "\255\255\255\255\127") == "unexpected end of buffer")
assert(errmsg(buffer.decode, "\224\1") == "unexpected end of buffer")
assert(errmsg(buffer.decode, string.rep("\12\2", 100) .. "\8") == "too deep to serialize")
assert(type(buffer.decode(string.rep("\12\2", 99) .. "\8")) == "table")

-- Encoder errors.
assert(errmsg(buffer.encode, print) == "cannot serialize 'function'")
assert(errmsg(buffer.encode, coroutine.create(print)) == "cannot serialize 'thread'")
assert(errmsg(buffer.encode, newproxy()) == "cannot serialize 'userdata'")
local deep = {}
for _ = 1, 99 do deep = { deep } end
assert(buffer.encode(deep))
assert(errmsg(buffer.encode, { deep }) == "too deep to serialize")
local cyc = {}
cyc[1] = cyc
assert(errmsg(buffer.encode, cyc) == "too deep to serialize")

-- Random round trips over many shapes.
math.randomseed(7)
local function rnd(d)
  local r = math.random(1, d > 3 and 4 or 6)
  if r == 1 then return math.random(-1e6, 1e6) / 7
  elseif r == 2 then return string.rep(string.char(math.random(0, 255)), math.random(0, 40))
  elseif r == 3 then return math.random() < 0.5
  elseif r == 4 then return math.random(1, 100)
  else
    local t = {}
    for i = 1, math.random(0, 6) do t[i] = rnd(d + 1) end
    for _ = 1, math.random(0, 4) do t[rnd(4)] = rnd(d + 1) end
    return t
  end
end
for i = 1, 300 do
  local v = rnd(0)
  assert(deq(buffer.decode(buffer.encode(v)), v), "random round trip " .. i)
end

print("OK")
