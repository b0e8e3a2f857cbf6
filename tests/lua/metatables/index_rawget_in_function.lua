-- __index function used as a memoizing cache
local fibs = setmetatable({[0] = 0, [1] = 1}, {__index = function(t, n)
  local v = t[n - 1] + t[n - 2]
  rawset(t, n, v)
  return v
end})
print(fibs[80], rawget(fibs, 50))
