-- a table constructor with 100000 items
local parts = {}
for i = 1, 100000 do parts[i] = tostring(i) end
local t = assert(loadstring("return {" .. table.concat(parts, ",") .. "}"))()
print(#t, t[1], t[50000], t[100000])
local h = {}
for i = 1, 5000 do h[i] = "k" .. i .. "=" .. i end
local u = assert(loadstring("return {" .. table.concat(h, ",") .. "}"))()
print(u.k1, u.k5000)
