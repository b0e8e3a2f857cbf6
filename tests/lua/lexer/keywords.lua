-- every keyword used once
local t = {}
for i = 1, 2 do t[#t + 1] = i end
local a, b = true, false
if a and not b then print("and/not") elseif b then print("no") else print("no") end
while false do end
repeat local x = nil until true
local function f() return nil end
print(f(), a or b)
do goto skip end
::skip::
print("goto ok", #t)
for k in pairs({}) do break end
print(type(function() end))
