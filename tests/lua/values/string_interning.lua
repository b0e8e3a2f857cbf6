-- equal strings built differently are the same key
local t = {}
t["ab" .. "cd"] = 1
local x = "a" .. "bcd"
print(t[x], t.abcd, ("abcd"):sub(1) == x)
local long1 = string.rep("long", 100)
local long2 = string.rep("lo", 200):gsub("lolo", "long")
print(long1 == long2, #long1)
