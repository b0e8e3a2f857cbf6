-- Bit-array sieve using the bit library.
local bit = bit or require("bit")
local band, bor, lshift, rshift = bit.band, bit.bor, bit.lshift, bit.rshift
local function nsieve(m)
  local p = {}
  for i = 0, rshift(m, 5) do p[i] = -1 end
  local count = 0
  for i = 2, m do
    if band(p[rshift(i, 5)], lshift(1, i)) ~= 0 then
      count = count + 1
      for j = i + i, m, i do
        local x = rshift(j, 5)
        p[x] = band(p[x], bit.bnot(lshift(1, j)))
      end
    end
  end
  return count
end
local n = tonumber(arg and arg[1]) or 8
local total = 0
for i = 0, 2 do total = total + nsieve(lshift(1, n - i) * 10000) end
print(total)
