-- many arguments and many results
local t = {}
for i = 1, 300 do t[i] = tostring(i) end
local f = assert(loadstring("return select('#', " .. table.concat(t, ",", 1, 200) .. ")"))
print(f())
print(loadstring("return select('#', " .. table.concat(t, ",") .. ")", "=big"))
local g = assert(loadstring("return " .. table.concat(t, ",", 1, 240)))
print(select('#', g()), (select(240, g())))
