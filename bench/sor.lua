-- SciMark-style successive over-relaxation on a 2-D grid.
local N = 100
local cycles = tonumber(arg and arg[1]) or 1000
local omega = 1.25
local G = {}
local seed = 7
for i = 1, N do
  local row = {}
  for j = 1, N do
    seed = (seed * 16807) % 2147483647
    row[j] = seed / 2147483647
  end
  G[i] = row
end
local om4, om1 = omega * 0.25, 1.0 - omega
for p = 1, cycles do
  for i = 2, N - 1 do
    local Gi, Gim, Gip = G[i], G[i - 1], G[i + 1]
    for j = 2, N - 1 do
      Gi[j] = om4 * (Gim[j] + Gip[j] + Gi[j - 1] + Gi[j + 1]) + om1 * Gi[j]
    end
  end
end
local sum = 0
for i = 1, N do for j = 1, N do sum = sum + G[i][j] end end
print(string.format("%.6f", sum))
