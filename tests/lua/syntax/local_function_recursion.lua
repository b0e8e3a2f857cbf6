-- "local function f" sees itself, "local f = function" does not
local function f(n) if n == 0 then return "f done" end return f(n - 1) end
print(f(3))
local g = function(n) return n == 0 and "g done" or g(n - 1) end
print(pcall(g, 1))
