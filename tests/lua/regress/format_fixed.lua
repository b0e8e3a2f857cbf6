-- string.format's %f fast path (an exact two-double product instead of
-- snprintf) against printf's digits: 60000 random values, near-ties and
-- halves included, every precision 0..16; a checksum of all the output
-- (expected from luajit -joff), plus a few printed lines.
local seed = 7
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 end
local h1, h2, n = 0, 0, 0
local byte = string.byte
for i = 1, 60000 do
  local e = math.floor(rnd() * 34) - 18
  local v = (rnd() - 0.3) * 10 ^ e
  if i % 7 == 0 then v = math.floor(v * 1000 + 0.5) / 1000 + 0.0005 end
  if i % 11 == 0 then v = math.floor(v) + 0.5 end
  local prec = math.floor(rnd() * 17)
  local s = string.format("%." .. prec .. "f|%5.2f|%f|%.0f|%+.3f", v, v, v, v, v)
  for j = 1, #s do
    local b = byte(s, j)
    h1 = (h1 * 31 + b) % 2147483647
    h2 = (h2 + b * j) % 2147483647
  end
  n = n + #s
  if i % 10000 == 0 then print(s) end
end
print(n, h1, h2)
