-- a chain of __index tables ending with a function
local last = setmetatable({}, {__index = function(t, k) return "fn:" .. k end})
local mid = setmetatable({m = "mid"}, {__index = last})
local top = setmetatable({}, {__index = mid})
print(top.m, top.zzz)
