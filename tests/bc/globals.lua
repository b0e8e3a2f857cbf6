x = 1
y = "s"
z = x
x = y
x.y = 1
print(x.y.z)
a, b = b, a
local l = x
l = x + y
x = l
f()
g(x)
