local a, b, t = ...
local x = (a or 0) - 1
x = (a and 1) == 2
x = not (a and 1)
x = -(a or 1)
x = {[a or 1] = 2, [b and "k"] = 3, (a or 2)}
x = t[(a or 1)]
x = t[a and "s"]
x = (a or 1) + (b or 2)
x = 1 + (a or 2)
x = (a or "s") .. "t"
x = (a or 1) < 2
x = (a or nil) == nil
x = (nil or a) == (false or b)
t.x = a or 1
t[a or 1] = b and 2
x = (a or 1) ^ 2
x = #(a or t)
local y = a and b and 1 or 2
return (a or 1), (a and 2)
