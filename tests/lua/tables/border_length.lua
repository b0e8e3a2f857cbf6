-- # returns a border
print(#{1, 2, 3, nil}, #{nil}, #{n = 3})
local t = {}
for i = 1, 10 do t[i] = i end
t[10] = nil
print(#t)
t[9] = nil; t[8] = nil
print(#t)
local u = {1, 2, 3}
u[5] = 5
local b = #u
print(b == 3 or b == 5)
