-- changing values of existing keys during traversal keeps the order stable
local t = {}
for i = 1, 50 do t["x" .. i] = i end
local order1 = {}
for k in pairs(t) do order1[#order1 + 1] = k end
local order2 = {}
for k, v in pairs(t) do order2[#order2 + 1] = k; t[k] = v * 2 end
local same = #order1 == #order2
for i = 1, #order1 do if order1[i] ~= order2[i] then same = false end end
local sum = 0
for _, v in pairs(t) do sum = sum + v end
print(same, #order2, sum)
