local a, b = 1, "x\n\1\200yy"
local t = {1,2,3,x=4, [5]=true}
local function f(x, ...) return x + 1, ... end
print(a .. b .. "c", f(a))
for i=1,10 do a = a + i end
for k,v in pairs(t) do print(k,v) end
while a < 100 do a = a * 2 end
local s = "a very long string that is longer than forty characters for sure yes"
local n = 0.1 + 1e300
if a == 3 and b ~= "x" or not a then a = nil end
return t[1]
