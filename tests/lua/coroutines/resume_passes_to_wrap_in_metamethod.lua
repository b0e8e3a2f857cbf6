-- yield inside __concat and __eq and __lt
local mt = {
  __concat = function(a, b) return coroutine.yield("concat") end,
  __eq = function(a, b) return coroutine.yield("eq") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
}
local x, y = setmetatable({}, mt), setmetatable({}, mt)
local co = coroutine.wrap(function() return x .. "s", x == y, x < y end)
print(co())
print(co("C"))
print(co(false))
print(co(true))
