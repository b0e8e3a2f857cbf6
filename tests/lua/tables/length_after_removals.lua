-- # after removing from the end
local t = {}
for i = 1, 100 do t[i] = i end
for i = 100, 51, -1 do t[i] = nil end
print(#t)
for i = 50, 1, -1 do t[i] = nil end
print(#t, next(t))
