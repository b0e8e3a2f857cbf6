local a, b = 3, 4.5
return a + b * 2 ^ -1 % 7 .. "x", -a, not b, #"abc", a < b, a == b
