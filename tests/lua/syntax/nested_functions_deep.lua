-- 30 levels of nested closures, each capturing from its parent
local src = {"local v0 = 0"}
for i = 1, 30 do src[#src + 1] = "return (function() local v" .. i .. " = v" .. (i - 1) .. " + 1" end
src[#src + 1] = "return v30"
for i = 1, 30 do src[#src + 1] = "end)()" end
print(assert(loadstring(table.concat(src, "\n")))())
