local a, b, c = ...
local x = a and b or c
local y = (a and b) or (c and a) or b
local z = a or b and c
local w = not a or not b
local v = a == 1 or a == 2 or a == 3
local u = a and b and c
local s = a or b or c
local t = (a < b) == (b < c)
local r = not (a or b)
if a and (b or c) then x = 1 end
if (a or b) and c then x = 2 end
if not a and not b then x = 3 end
if a == nil or b == nil then x = 4 end
while a and b do a = b end
repeat a = b until a or c
x = a and 1 or 2
x = a and "s" or false
x = a ~= nil and a or b
x = f(a) or g(b)
x = a.b or a.c
x = a[b] and a[c]
return a and b, a or b
