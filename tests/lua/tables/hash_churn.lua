-- inserting and removing keys many times keeps the table consistent
local t = {}
for round = 1, 50 do
  for i = 1, 200 do t["k" .. i .. "_" .. round] = i end
  for i = 1, 200 do t["k" .. i .. "_" .. round] = nil end
  t["keep" .. round] = round
end
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1; sum = sum + v end
print(n, sum, t.keep1, t.keep50, t.k1_1)
