-- level argument is ignored for non-string messages
local t = {}
local ok, e = pcall(error, t, 2)
print(ok, e == t)
print(pcall(error, "lvl", "2"))
