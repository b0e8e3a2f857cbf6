-- division by zero yields inf/nan, never an error
print(1 / 0, -1 / 0, 0 / 0, 1 / -0)
local z = 0
print(1 / z, -1 / z, z / z, 1 / -z)
print(math.huge, -math.huge, math.huge - math.huge)
