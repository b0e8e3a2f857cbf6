local a, b = 1, 2
local function f()
  a = a + 1
  return a + b
end
local function g()
  local c = 3
  return function() c = c + a; return c end
end
do
  local x = 1
  f = function() return x end
end
for i = 1, 3 do
  local y = i
  g = function() return y end
end
while a do
  local z = a
  f = function() return z end
  if z then break end
end
repeat
  local w = 1
  f = function() return w end
until w
local u = 1
local function h() u = "s"; u = 1; u = true; u = nil; u = a end
return f, g, h
