-- large tables with hash and array parts
local t = {}
for i = 1, 100000 do t[i] = i end
for i = 1, 100000 do t["k" .. i] = i end
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(#t, n, t[12345], t.k99999)
for i = 1, 100000, 2 do t[i] = nil; t["k" .. i] = nil end
n = 0
for k, v in pairs(t) do n = n + 1 end
print(n)
