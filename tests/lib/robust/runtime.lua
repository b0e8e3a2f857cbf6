-- Runtime limits: Lua and C stack overflow through metamethods and pcall
-- chains, errors inside error handlers, error objects of every type, errors
-- in __gc, argument ranges.  Expected messages are LuaJIT 2.1's; cases on
-- which LuaJIT 2.1.0-beta3 itself crashes or hangs (recursive gsub,
-- coroutine.wrap, self-calling __tostring) live in cli/robust_cstack.sh.
local H = dofile("_h.lua")

H.case("Lua stack overflow", function()
  local function f(n) return 1 + f(n + 1) end
  H.err("stack overflow", f, 1)
end)
H.case("__index functions calling each other", function()
  local a, b = {}, {}
  setmetatable(a, { __index = function(t, k) return b[k] end })
  setmetatable(b, { __index = function(t, k) return a[k] end })
  H.err("stack overflow", function() return a.x end)
end)
H.case("__newindex functions calling each other", function()
  local a, b = {}, {}
  setmetatable(a, { __newindex = function(t, k, v) b[k] = v end })
  setmetatable(b, { __newindex = function(t, k, v) a[k] = v end })
  H.err("stack overflow", function() a.x = 1 end)
end)
H.case("recursive __add / __lt / __eq / __concat", function()
  local mt = {}
  mt.__add = function(x, y) return x + y end
  mt.__lt = function(x, y) return x < y end
  mt.__eq = function(x, y) return x == y end
  mt.__concat = function(x, y) return x .. y end
  local x, y = setmetatable({}, mt), setmetatable({}, mt)
  H.err("stack overflow", function() return x + 1 end)
  H.err("stack overflow", function() return x < y end)
  H.err("stack overflow", function() return x == y end)
  H.err("stack overflow", function() return x .. "s" end)
end)
H.case("deep __index table chain", function()
  local t = { x = 1 }
  for i = 1, 10000 do t = setmetatable({}, { __index = t }) end
  H.err("loop in gettable", function() return t.x end)
end)
H.case("__index/__newindex cycles", function()
  local t = {}
  setmetatable(t, { __index = t })
  H.err("loop in gettable", function() return t.x end)
  local u = setmetatable({}, {})
  getmetatable(u).__newindex = u
  H.err("loop in settable", function() u.x = 1 end)
end)
H.case("deep chain of __index functions", function()
  local t = { x = 1 }
  for i = 1, 150 do
    local p = t
    t = setmetatable({}, { __index = function(_, k) return p[k] end })
  end
  assert(t.x == 1)
end)
H.case("deep pcall chain", function()
  local function f(n)
    if n == 0 then return "bottom" end
    return select(2, pcall(f, n - 1))
  end
  assert(f(1000) == "bottom")
  local function g() return pcall(g) end
  assert(g() == true)
  local function h() return xpcall(h, h) end
  assert(h() == true)
end)
H.case("error in error handler", function()
  local ok, e = xpcall(function() error("a") end, function(m) error("b") end)
  assert(not ok and e == "error in error handling")
  ok, e = xpcall(function() error("a") end, function(m) local x; return x.y end)
  assert(not ok and e == "error in error handling")
  ok, e = xpcall(function() error("a") end, function(m) return m .. "!" end)
  assert(not ok and e:find("a!$"))
end)
H.case("error objects of every type", function()
  local vals = { 42, true, false, {}, print, coroutine.create(print), newproxy(), 1.5, "s" }
  for _, v in ipairs(vals) do
    local ok, e = pcall(error, v)
    if type(v) == "number" then     -- numbers become strings
      assert(not ok and e == tostring(v))
    else
      assert(not ok and rawequal(e, v))
    end
  end
  local ok, e = pcall(error, nil)
  assert(not ok and e == nil)
  ok, e = pcall(error)
  assert(not ok and e == nil)
  ok, e = pcall(error, setmetatable({}, { __tostring = function() return "custom" end }))
  assert(not ok and tostring(e) == "custom")
end)
H.case("error in __gc", function()
  local p = newproxy(true)
  getmetatable(p).__gc = function() error("in gc") end
  p = nil
  local ok, e = pcall(collectgarbage)
  assert(ok or tostring(e):find("in gc", 1, true))
  collectgarbage()
end)
H.case("unpack ranges", function()
  H.err("too many results to unpack", unpack, {}, -2^31, 0)
  H.err("too many results to unpack", unpack, {}, 0, 1e7)
  H.err("too many results to unpack", function() return select("#", unpack({}, 1, 100000)) end)
  assert(select("#", unpack({}, 1, 0)) == 0)
  assert(select("#", unpack({}, 3, 5)) == 3)
  local t = {}
  for i = 1, 1000000 do t[i] = i end
  H.err("too many results to unpack", unpack, t)
end)
H.case("debug.getinfo with '>' from Lua", function()
  H.err("invalid option", debug.getinfo, 1, ">S")
end)
H.case("string.match with a million '.?' items", function()
  local ok, r = pcall(string.match, string.rep("a", 10), string.rep(".?", 1000000))
  assert(ok and r == "aaaaaaaaaa" or not ok)
end)
H.case("huge string.rep", function()
  H.err("not enough memory", string.rep, "x", 2^30, "yy")
  assert(string.rep("x", 2^31) == "")      -- count wraps to int32
  assert(string.rep("x", -1) == "")
end)
H.case("huge results fail before allocating", function()
  H.err("not enough memory", string.rep, "x", 2^31 - 1)
  H.err("not enough memory", string.rep, "xy", 2^30)
  local s = string.rep("x", 2^20)
  local r = s .. s .. s .. s
  assert(#r == 2^22)
end)
H.case("table with huge keys", function()
  local t = {}
  t[2^40] = 1; t[-2^40] = 2; t[1e300] = 3
  assert(#t == 0 and table.maxn(t) == 1e300)
  H.err("table index is NaN", function() t[0/0] = 1 end)
  H.err("table index is nil", function() t[nil] = 1 end)
end)
H.case("coroutine misuse", function()
  H.err("attempt to yield across C-call boundary", coroutine.yield)
  local co; co = coroutine.create(function() return coroutine.resume(co) end)
  local ok, ok2, e = coroutine.resume(co)
  assert(ok and not ok2 and e == "cannot resume running coroutine")
  assert(select(2, coroutine.resume(co)) == "cannot resume dead coroutine")
end)
H.case("table library errors", function()
  local t = {}
  for i = 1, 100 do t[i] = i % 7 end
  H.err("invalid order function for sorting", table.sort, t, function(a, b) return true end)
  H.err("cmp", table.sort, { 3, 2, 1 }, function(a, b) error("cmp") end)
  H.err("wrong number of arguments to 'insert'", table.insert, {}, 1, 2, 3)
  H.err("invalid value (table) at index 2 in table for 'concat'", table.concat, { 1, {}, 3 })
end)
H.case("string library errors", function()
  H.err("invalid option '%999' to 'format'", string.format, "%999d", 1)
  H.err("invalid option '%.999' to 'format'", string.format, "%.999f", 1)
  H.err("invalid value", string.char, 256)
  H.err("unable to dump given function", string.dump, print)
  local r, n = string.gsub(string.rep("a", 100), ".", string.rep("b", 100000))
  assert(#r == 10000000 and n == 100)
end)
H.case("load readers", function()
  local f, e = load(function() error("rd") end)
  assert(f == nil and e:find("rd", 1, true))
  local n = 0
  f, e = load(function() n = n + 1; if n == 1 then return {} end end)
  assert(f == nil and e:find("reader function must return a string", 1, true))
end)
H.case("base library argument errors", function()
  H.err("index out of range", select, -5, 1, 2)
  H.err("base out of range", tonumber, "zz", 37)
end)
H.case("gmatch iterator with upvalues changed by debug.setupvalue", function()
  local it = string.gmatch("abc def", "%a+")
  debug.setupvalue(it, 1, {})
  assert(select("#", it()) == 0)
  it = string.gmatch("abc def", "%a+")
  debug.setupvalue(it, 3, 1e300)
  assert(select("#", it()) == 0)
  it = string.gmatch("abc def", "%a+")
  debug.setupvalue(it, 3, -5)
  assert(it() == "abc")
  it = string.gmatch("abc def", "%a+")
  assert(it() == "abc" and it() == "def" and it() == nil)
end)
H.case("string keys built against the hash's public constants", function()
  -- Blocks whose first factor would be zeroed by a public-constant mask
  -- must not all hash alike: inserting them must cost about as much as
  -- inserting ordinary keys (it was quadratic before the masks became
  -- secret). Compared with the plain keys' time, not an absolute bound.
  local function fill(make, n)
    local t, t0 = {}, os.clock()
    for i = 1, n do t[make(string.format("%08d", i))] = i end
    return os.clock() - t0
  end
  local function short(x)  -- 16 bytes: a = bytes 0..3 and 8..11
    return "\xd1\x7e\x03\xe7" .. x:sub(1, 4) .. "\xdb\x28\xb4\xa0" .. x:sub(5)
  end
  local function long(x)  -- 32 bytes: first block starts with the constant
    return "\xdb\x28\xb4\xa0\xd1\x7e\x03\xe7" .. x .. string.rep("z", 16)
  end
  local function plain(x) return string.rep("\0", 8) .. x end
  local n = 20000
  local base = fill(plain, n)
  assert(fill(short, n) < 10 * base + 0.2, "short keys collide")
  assert(fill(long, n) < 10 * base + 0.2, "long keys collide")
end)
H.finish()
