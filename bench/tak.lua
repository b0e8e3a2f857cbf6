-- Takeuchi function: call-heavy with three arguments.
local function tak(x, y, z)
  if y >= x then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end
local n = tonumber(arg and arg[1]) or 24
local s = 0
for i = 1, n do s = s + tak(22 + (i % 3), 14, 7) end
print(s)
