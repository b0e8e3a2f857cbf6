local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end
local t = setmetatable({}, {__index = function(t, k) return k * 2 end})
return f(100), t[21], pcall(f, 1e9)
