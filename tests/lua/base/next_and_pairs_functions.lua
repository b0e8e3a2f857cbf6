local f, t, k = pairs({})
print(f == next, k)
local mt = {__pairs = function() error("5.1 ignores __pairs") end}
local n = 0
for _ in pairs(setmetatable({1, 2}, mt)) do n = n + 1 end
print(n)
