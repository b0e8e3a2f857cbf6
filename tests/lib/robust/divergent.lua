-- Behaviours on which lunar diverged from luajit -joff when this suite was
-- written (found by tools/difftest and the limits probes).  Every case is
-- checked independently and all failures are listed before the exit.
local fails, n = {}, 0
local function case(name, f)
  n = n + 1
  local ok, e = pcall(f)
  if not ok then fails[#fails + 1] = name .. ": " .. tostring(e) end
end

case("math.max/min keep NaN operands like LuaJIT", function()
  local nan = 0 / 0
  assert(math.max(1, nan) ~= math.max(1, nan))     -- NaN
  assert(math.max(nan, 1) == 1)
  assert(math.min(1, nan) ~= math.min(1, nan))
  assert(math.min(nan, 1) == 1)
  assert(1 / math.max(-0, 0) > 0 and 1 / math.max(0, -0) < 0)
end)
case("xpcall checks argument #1 first", function()
  local ok, e = pcall(xpcall)
  assert(e == "bad argument #1 to '?' (value expected)", e)
end)
case("recursive __call ends in stack overflow", function()
  local t = setmetatable({}, {})
  getmetatable(t).__call = function(self) return (self()) end
  local ok, e = pcall(function() return t() end)
  assert(not ok and e:find("stack overflow", 1, true), e)
end)
case("string.sub indices wrap to int32", function()
  assert(string.sub("abc", -2^53, 2^53) == "")
  assert(string.sub("abc", 2^32 + 1) == "abc")
end)
case("unpack bounds wrap to int32", function()
  assert(select("#", unpack({}, 1, 2^31)) == 0)
end)
case("deep pcall chain keeps working after an overflow", function()
  local function f(k)
    if k == 0 then return "bottom" end
    return select(2, pcall(f, k - 1))
  end
  local ok, e = pcall(f, 100000)
  assert(ok and e == "stack overflow", e)
end)case("xpcall handler is not called for memory errors", function()
  local called = false
  local ok, e = xpcall(function() return string.rep("x", 2^31 - 1) end,
                       function(m) called = true return "handled: " .. m end)
  assert(not ok and e == "not enough memory" and not called, e)
end)
case("math.ceil of (-1, -0.5) is +0, of [-0.5, 0) is -0", function()
  assert(1 / math.ceil(-0.75) > 0 and 1 / math.ceil(-0.99999) > 0)
  assert(1 / math.ceil(-0.5) < 0 and 1 / math.ceil(-0.1) < 0)
  assert(1 / math.ceil("-0.75") > 0)
end)

for _, f in ipairs(fails) do print("FAIL " .. f) end
print(n - #fails .. "/" .. n .. " cases")
if #fails > 0 then os.exit(1) end
print "OK"
