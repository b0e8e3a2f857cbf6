-- setmetatable returns its first argument; errors for bad arguments
local t = {}
print(setmetatable(t, nil) == t, getmetatable(t))
print(pcall(setmetatable, 1, {}))
print(pcall(setmetatable, {}, 1))
print(getmetatable(1), getmetatable(print))
