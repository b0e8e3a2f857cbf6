-- assignments to indexed targets
local t = {}
local i = 1
t[i], t[i + 1] = "a", "b"
print(t[1], t[2])
local a = {}
a.x, a.y, a.x = 1, 2, 3
print(a.y, a.x == 1 or a.x == 3)
