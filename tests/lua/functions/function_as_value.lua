-- functions are first-class values
local ops = {add = function(a, b) return a + b end, mul = function(a, b) return a * b end}
local function apply(op, ...) return ops[op](...) end
print(apply("add", 2, 3), apply("mul", 2, 3))
local function compose(f, g) return function(...) return f(g(...)) end end
print(compose(function(x) return x + 1 end, function(x) return x * 2 end)(5))
print(print == print, function() end == function() end)
