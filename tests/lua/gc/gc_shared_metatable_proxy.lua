-- newproxy(u) shares the metatable of another proxy
local a = newproxy(true)
local b = newproxy(a)
print(getmetatable(a) == getmetatable(b), type(getmetatable(a)))
print(getmetatable(newproxy()), getmetatable(newproxy(false)))
print(pcall(newproxy, {}))
