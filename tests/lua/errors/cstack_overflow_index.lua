-- __index functions recursing through the metamethod
local t = setmetatable({}, {})
getmetatable(t).__index = function(tt, k) return tt[k] end
local ok, e = pcall(function() return t.x end)
print(ok, e)
