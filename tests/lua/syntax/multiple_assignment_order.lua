-- all expressions are evaluated before assignment
local a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
local t = {1, 2}
local i = 1
i, t[i] = 2, "x"
print(i, t[1], t[2])
