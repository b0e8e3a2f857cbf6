-- pairs visits every key exactly once (printed sorted)
local t = {10, 20, 30, a = 1, b = 2, c = 3, [100] = "h", [-5] = "n"}
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(#keys, table.concat(keys, " "))
