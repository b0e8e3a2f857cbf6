local a, b = ...
local x
x = a < b
x = a > b
x = a <= b
x = a >= b
x = a == b
x = a ~= b
x = a == 1
x = 1 == a
x = a == "s"
x = a ~= nil
x = nil == a
x = a == true
x = a ~= false
x = a < 1
x = 1 < a
x = a and b
x = a or b
x = a and b or 3
x = a or 1
x = a and 1
x = nil and a
x = false or a
x = 1 and a
x = a and nil
x = (a or b) and (b or a)
x = not (a == b)
x = not (a < b) and b
if a then x = 1 end
if not a then x = 2 end
if a == b then x = 3 end
if a and b then x = 4 end
if a or b then x = 5 end
if a < b or b < a then x = 6 elseif a == 1 then x = 7 else x = 8 end
if nil then x = 9 end
if true then x = 10 end
if 1 then x = 11 end
if a ~= "x" and b == 2 then x = 12 end
if not (a and b) then x = 13 end
return a > 1, b >= 2
