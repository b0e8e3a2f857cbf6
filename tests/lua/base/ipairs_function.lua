local t = {"a", "b", "c"}
local f, s, i = ipairs(t)
print(f(s, i))
print(f(s, 2))
print(f(s, 3))
local mt = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 10 end end})
local r = {}
for i, v in ipairs(mt) do r[#r + 1] = v end
print(table.concat(r, " "))
