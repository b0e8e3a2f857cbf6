-- a weak-valued cache filled and collected repeatedly
local cache = setmetatable({}, {__mode = "v"})
local function fill(round)
  local strong = {}
  for i = 1, 1000 do local v = {round}; strong[i] = v; cache[i] = v end
  return strong[round * 10]
end
local survivors = {}
for round = 1, 5 do
  survivors[round] = fill(round)
  collectgarbage()
end
collectgarbage()
local n = 0
for k, v in pairs(cache) do n = n + 1 end
print(n, survivors[5][1], cache[50] == survivors[5], survivors[1][1])
