-- nil values in constructors
local t = {nil, nil, 3}
print(t[1], t[2], t[3])
local u = {x = nil, y = 1}
local n = 0 for _ in pairs(u) do n = n + 1 end
print(n, u.x, u.y)
