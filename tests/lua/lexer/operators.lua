-- every operator token
local a, b = 7, 2
print(a + b, a - b, a * b, a / b, a % b, a ^ b, -a)
print(a == b, a ~= b, a < b, a <= b, a > b, a >= b)
print("x" .. "y" .. 1, #"abcd")
local t = {1, 2; 3}
print(t[1], t [2], #t)
local s = {f = function(self, x) return x end}
print(s:f(9), s.f(s, 10))
print(select('#', ...))
