-- __lt and __le, and __le falling back to not __lt
local mt = {}
mt.__lt = function(a, b) return a.v < b.v end
local function V(v) return setmetatable({v = v}, mt) end
print(V(1) < V(2), V(2) < V(1), V(1) > V(2))
print(V(1) <= V(2), V(2) <= V(1), V(2) >= V(2))
mt.__le = function(a, b) return "le" end
print(V(5) <= V(1))
print(pcall(function() return V(1) < 1 end))
