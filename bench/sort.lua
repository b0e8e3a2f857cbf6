-- Sorting with and without a comparator.
local n = tonumber(arg and arg[1]) or 100000
local seed = 17
local function rand()
  seed = (seed * 16807) % 2147483647
  return seed
end
local total = 0
for r = 1, 3 do
  local a, b = {}, {}
  for i = 1, n do a[i] = rand() % 100000; b[i] = { key = rand() % 1000, id = i } end
  table.sort(a)
  table.sort(b, function(x, y)
    if x.key ~= y.key then return x.key < y.key end
    return x.id < y.id
  end)
  total = total + a[1] + a[n] + a[math.floor(n / 2)] + b[1].id + b[n].id
end
print(total)
