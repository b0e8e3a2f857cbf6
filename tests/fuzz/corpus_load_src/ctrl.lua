local s = 0
for i = 1, 10, 2 do s = s + i end
while s > 5 do s = s - 3 end
repeat s = s + 1 until s > 7
if s then goto done elseif s == 1 then s = 2 else s = 3 end
::done::
for k, v in pairs({a = 1}) do s = s + v end
return s
