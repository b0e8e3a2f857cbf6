local t = {}
print()
print(1)
print(1, 2, 3)
print(t.x, t:m(), t:m(1, 2))
t.a.b.c(1)
t["x"](2)
t[1](3)
local f = function(...) return ... end
f(f(1, 2))
f(1, f(2))
f(f())
print "hello"
print {1, 2}
t:m "x"
t:m {}
local x, y, z = f()
local p, q = f(), f()
local r = (f())
return f(1)
