-- very large and very small numbers
print(1e308 * 10, -1e308 * 10, 1e-320, 1e-330)
print(2^1023 * 2, 2^-1074, 2^-1075)
print(1e300 + 1 == 1e300, 2^53 + 1 == 2^53)
print(tonumber("1e400"), tonumber("-1e400"), tonumber("1e-400"))
