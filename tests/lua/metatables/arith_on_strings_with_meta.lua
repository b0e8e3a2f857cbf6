-- arithmetic on non-numeric strings falls back to metamethods of the other operand
local mt = {__add = function(a, b) return "meta add" end, __concat = function(a, b) return "meta concat" end}
local t = setmetatable({}, mt)
print("abc" + t, t + "abc", "10" + 5)
