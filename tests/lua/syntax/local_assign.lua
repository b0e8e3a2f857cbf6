-- local declarations and multiple assignment
local a, b, c = 1, 2
print(a, b, c)
local x, y = 1, 2, 3
print(x, y)
a, b = b, a
print(a, b)
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
