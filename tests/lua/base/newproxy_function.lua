local p = newproxy()
print(type(p), getmetatable(p))
local q = newproxy(true)
local mt = getmetatable(q)
print(type(mt))
mt.__index = function(u, k) return "key " .. k end
print(q.anything)
print(q == q, q == newproxy())
