-- Conway's game of life on a torus of tables.
local W, H = 64, 64
local gens = tonumber(arg and arg[1]) or 1500
local cur, nxt = {}, {}
local seed = 5
for y = 1, H do
  cur[y], nxt[y] = {}, {}
  for x = 1, W do
    seed = (seed * 16807) % 2147483647
    cur[y][x] = (seed % 3 == 0) and 1 or 0
    nxt[y][x] = 0
  end
end
for g = 1, gens do
  for y = 1, H do
    local up, row, down = cur[(y - 2) % H + 1], cur[y], cur[y % H + 1]
    local out = nxt[y]
    for x = 1, W do
      local l, r = (x - 2) % W + 1, x % W + 1
      local n = up[l] + up[x] + up[r] + row[l] + row[r] + down[l] + down[x] + down[r]
      if n == 3 or (n == 2 and row[x] == 1) then out[x] = 1 else out[x] = 0 end
    end
  end
  cur, nxt = nxt, cur
end
local alive = 0
for y = 1, H do for x = 1, W do alive = alive + cur[y][x] end end
print(alive)
