-- A numeric for loop's direction is the sign of its step: -0 counts down
-- (LuaJIT and Lua 5.1 agree), in the loop entry (FORI) and in the loop
-- back-edge (FORL).
local function count(a, b, s)
  local n = 0
  for i = a, b, s do
    n = n + 1
    if n > 3 then break end
  end
  return n
end
local negzero = -0
print(count(1, 2, -0), count(2, 1, -0), count(1, 1, -0))
print(count(1, 2, negzero), count(2, 1, negzero), count(1, 1, negzero))
print(count(1, 2, 0), count(2, 1, 0), count(1, 1, 0))
print(count(1, 3, 1), count(3, 1, -1), count(1, 3, -1), count(3, 1, 1))
print(count(1, 2, 0/0), count(2, 1, -(0/0)))
for i = 3, 1, -0.5 do io.write(i, " ") end
print()
