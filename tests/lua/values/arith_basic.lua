-- arithmetic on numbers
local a, b = 17, 5
print(a + b, a - b, a * b, a / b, a % b, a ^ 2, -a)
print(1.5 + 2.25, 0.1 + 0.2, 1e300 * 1e10, -1e300 * 1e10)
print(7 / 2, -7 / 2, 2 ^ 0.5, (-8) ^ (1/3) ~= (-8) ^ (1/3))
