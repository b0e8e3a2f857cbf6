-- infinite and NaN limits
local n = 0
for i = 1, math.huge do n = n + 1; if n == 5 then break end end
print(n)
for i = 1, -math.huge do print("never") end
for i = 1, 0 / 0 do print("never nan") end
for i = 0 / 0, 1 do print("never nan start") end
print("done")
