-- building a 1 MB string by doubling
local s = "x"
for i = 1, 20 do s = s .. s end
print(#s, s:sub(-3))
local t = {}
for i = 1, 1000 do t[i] = s:sub(i, i) end
print(#table.concat(t))
