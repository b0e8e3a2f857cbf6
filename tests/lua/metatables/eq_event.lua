-- __eq is only used for two tables (or two userdata) with the same metamethod
local mt = {__eq = function(a, b) return true end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
local c = setmetatable({}, {__eq = function() return true end})
print(a == b, a ~= b, a == c, a == 1, rawequal(a, b))
local d = {}
print(a == d)
