-- every NaN prints the same way
local nan = 0 / 0
print(nan, -nan, -(0 / 0), math.huge - math.huge, tostring(nan) == tostring(-nan))
print(string.format("%f %g", nan, -nan))
