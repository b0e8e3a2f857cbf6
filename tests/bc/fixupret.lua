local a = ...
if a then return 1 end
if a == 2 then return a, a end
local function f() return a end
if a == 3 then return f() end
return f
