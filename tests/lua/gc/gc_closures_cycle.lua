-- cycles through closures and tables are collected
local w = setmetatable({}, {__mode = "k"})
do
  local a, b = {}, {}
  a.f = function() return b end
  b.f = function() return a end
  w[a] = true; w[b] = true
end
collectgarbage(); collectgarbage()
print(next(w))
