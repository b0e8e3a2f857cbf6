-- metamethods on userdata created by newproxy
local store = {}
local a = newproxy(true)
local mt = getmetatable(a)
mt.__index = function(u, k) return store[k] end
mt.__newindex = function(u, k, v) store[k] = v end
mt.__call = function(u, x) return "called with " .. tostring(x) end
mt.__concat = function(x, y) return "cat" end
mt.__eq = function(x, y) return true end
mt.__lt = function(x, y) return true end
mt.__add = function(x, y) return "sum" end
local b = newproxy(a)
a.field = 42
print(a.field, b.field, store.field)
print(a(1), a .. "s", 1 .. b)
print(a == b, a ~= b, a < b, a + 1)
print(a == newproxy(true))
