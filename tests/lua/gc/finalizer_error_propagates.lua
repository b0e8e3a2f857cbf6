-- an error in __gc propagates to whatever triggered the collection
local u = newproxy(true)
getmetatable(u).__gc = function() error("in gc") end
u = nil
print(pcall(function()
  for i = 1, 1e6 do local t = {} end
end))
local v = newproxy(true)
getmetatable(v).__gc = function() error("again") end
v = nil
print(pcall(collectgarbage))
print(collectgarbage("count") > 0)
