-- float steps accumulate; count the iterations
local n = 0
for i = 0, 1, 0.1 do n = n + 1 end
print(n)
local m, last = 0, nil
for i = 1, 0, -0.25 do m = m + 1; last = i end
print(m, last)
