-- SciMark-style sparse matrix-vector multiplication (compressed rows).
local N, nz = 1000, 5000
local cycles = tonumber(arg and arg[1]) or 6000
local seed = 99
local function rand()
  seed = (seed * 16807) % 2147483647
  return seed / 2147483647
end
local x, y, val, col, row = {}, {}, {}, {}, {}
for i = 1, N do x[i] = rand() end
local nr = math.floor(nz / N)
local k = 1
row[1] = 1
for r = 1, N do
  local step = math.floor(r / nr)
  if step < 1 then step = 1 end
  for i = 1, nr do
    col[k] = ((i - 1) * step) % N + 1
    val[k] = rand()
    k = k + 1
  end
  row[r + 1] = k
end
for c = 1, cycles do
  for r = 1, N do
    local sum = 0
    for i = row[r], row[r + 1] - 1 do sum = sum + x[col[i]] * val[i] end
    y[r] = sum
  end
end
local s = 0
for i = 1, N do s = s + y[i] end
print(string.format("%.6f", s))
