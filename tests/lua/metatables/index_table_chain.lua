-- __index chains through several tables
local base = {greet = function() return "hello" end, level = "base"}
local mid = setmetatable({level = "mid"}, {__index = base})
local obj = setmetatable({}, {__index = mid})
print(obj.greet(), obj.level, obj.nothing)
