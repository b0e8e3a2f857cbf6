-- SciMark-style Monte Carlo integration with an inline PRNG.
local cycles = tonumber(arg and arg[1]) or 12000000
local seed = 113
local function rand()
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
end
local under = 0
for i = 1, cycles do
  local x, y = rand(), rand()
  if x * x + y * y <= 1.0 then under = under + 1 end
end
print(string.format("%.6f", under / cycles * 4.0))
