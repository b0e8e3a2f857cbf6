local a = 1
local b = "s"
local c = {}
local function f()
  a = 2
  a = "x"
  a = true
  a = false
  a = nil
  a = b
  a = a + 1
  c.x = a
  return a, b, c
end
local function g()
  local x = a
  return function() return x, a, b end
end
return f, g
