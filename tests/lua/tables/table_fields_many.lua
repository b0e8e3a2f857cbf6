-- many string keys and overwrites
local t = {}
for i = 1, 2000 do t["f" .. (i % 500)] = i end
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1; sum = sum + v end
print(n, sum)
