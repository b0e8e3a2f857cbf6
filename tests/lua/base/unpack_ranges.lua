-- unpack with explicit ranges
local t = {1, 2, 3, 4, 5}
print(unpack(t))
print(unpack(t, 2))
print(unpack(t, 2, 3))
print(unpack(t, 4, 10))
print(unpack(t, 3, 2))
print(unpack({}, 1, 0))
print(unpack({n = 1}, -1, 1))
print(select('#', unpack({}, 1, 3)))
print(pcall(unpack, t, 1, 1e8))
print(pcall(unpack))
