-- adding to the string table makes methods available on all strings
function string.shout(s) return s:upper() .. "!" end
print(("hey"):shout())
local mt = getmetatable("")
local old = mt.__index
mt.__index = function(s, k) return old[k] or function() return "dyn " .. k end end
print(("x"):whatever())
mt.__index = old
