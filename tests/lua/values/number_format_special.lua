-- inf, nan and negative zero
print(1/0, -1/0, tostring(0/0) == tostring(0/0), -0, 0 * -1, -0.0)
print(string.format("%g %g", 1/0, -1/0), tostring(-(0/0)) ~= nil)
local nz = -0
print(1 / nz, nz == 0, tostring(nz))
