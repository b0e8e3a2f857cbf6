-- Number formatting through the %g/%e fast path (digits from a two-double
-- product, no long double): tostring, .. and string.format's %g %e %G
-- against printf's digits on 45000 random values (powers of two, short
-- decimals, halves included); a checksum of all the output (expected from
-- luajit -joff), plus a few printed lines.
local seed = 11
local function rnd() seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 end
local fmts = {"%.14g", "%g", "%e", "%.3e", "%.10g", "%.1g", "%G", "%.14e", "%.5g"}
local h1, h2, n = 0, 0, 0
local byte = string.byte
for i = 1, 45000 do
  local e = math.floor(rnd() * 80) - 40
  local v = (rnd() - 0.3) * 10 ^ e
  if i % 5 == 0 then v = math.floor(rnd() * 1e6) / 10 ^ math.floor(rnd() * 8) end
  if i % 13 == 0 then v = (math.floor(rnd() * 1e5) + 0.5) * 10 ^ (math.floor(rnd() * 10) - 5) end
  if i % 17 == 0 then v = 2 ^ (math.floor(rnd() * 2000) - 1000) end
  local s = string.format(fmts[1 + i % #fmts], v) .. " " .. tostring(v) .. " " .. v
  for j = 1, #s do
    local b = byte(s, j)
    h1 = (h1 * 31 + b) % 2147483647
    h2 = (h2 + b * j) % 2147483647
  end
  n = n + #s
  if i % 9000 == 0 then print(s) end
end
print(n, h1, h2)
