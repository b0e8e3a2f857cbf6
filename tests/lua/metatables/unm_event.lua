local t = setmetatable({}, {__unm = function(a) return "negated" end})
print(-t)
print(pcall(function() return -setmetatable({}, {}) end))
