-- __index as a function receives table and key
local t = setmetatable({a = 1}, {__index = function(t, k) return "missing " .. tostring(k) end})
print(t.a, t.b, t[1], rawget(t, "b"))
