-- varargs: count, nils, forwarding
local function f(...) return select('#', ...), ... end
print(f())
print(f(nil))
print(f(1, nil, 3))
print(f(nil, nil))
local function g(...) return f(...) end
print(g(1, 2))
local function h(a, ...) local b, c = ... return a, b, c end
print(h(1), h(1, 2, 3, 4))
