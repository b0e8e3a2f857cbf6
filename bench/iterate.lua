-- Iteration: pairs, ipairs and next over arrays and hashes.
local n = tonumber(arg and arg[1]) or 900
local arr, hash = {}, {}
for i = 1, 10000 do arr[i] = i; hash["k" .. i] = i end
local total = 0
for r = 1, n do
  for i, v in ipairs(arr) do total = total + v end
  for k, v in pairs(hash) do total = total + v end
  local k, v = next(arr)
  while k do total = total + v; k, v = next(arr, k) end
end
print(total)
