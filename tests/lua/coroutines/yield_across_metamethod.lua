-- yield from inside __index, __add and __call metamethods
local mt = {
  __index = function(t, k) return coroutine.yield("index " .. k) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __call = function(self, x) return coroutine.yield("call " .. x) end,
}
local obj = setmetatable({}, mt)
local co = coroutine.wrap(function()
  local a = obj.foo
  local b = obj + 1
  local c = obj("arg")
  return a, b, c
end)
print(co())
print(co("A"))
print(co("B"))
print(co("C"))
