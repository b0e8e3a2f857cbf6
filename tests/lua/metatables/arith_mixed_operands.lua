-- the second operand's metamethod is used when the first has none
local mt = {__add = function(a, b) return "right" end}
local r = setmetatable({}, mt)
print(1 + r, r + 1, {} + r)
print(pcall(function() return {} + {} end))
