local s = 0
for i = 1, 10 do s = s + i end
for i = 10, 1, -1 do s = s + i end
for i = 1, 10, 2 do if i == 5 then break end s = s + i end
for k, v in pairs({}) do s = s + v end
for k, v in ipairs({}) do s = s + v end
for k, v in next, {} do s = s + v end
for a, b, c in f() do s = a end
for a, b, c, d, e, f in pairs(s) do s = a end
while s < 100 do s = s * 2 end
while true do s = s - 1 if s < 0 then break end end
repeat s = s + 1 until s > 1000
repeat local x = s; s = s + x until x > 10
while s do break end
for i = 1, 3 do for j = 1, 3 do if j == 2 then break end end end
local function f2() for i = 1, 3 do local x = function() return i end end end
return s
