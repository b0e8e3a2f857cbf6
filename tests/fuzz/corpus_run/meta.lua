local mt = {__add = function(a, b) return 1 end, __eq = function() return true end, __lt = function() return false end, __concat = function() return "c" end}
local a, b = setmetatable({}, mt), setmetatable({}, mt)
return a + b, a == b, a < b, a .. b
