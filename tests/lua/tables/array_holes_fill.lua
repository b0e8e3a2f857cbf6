-- filling an array backwards and with holes
local t = {}
for i = 100, 1, -1 do t[i] = i end
print(#t, t[1], t[100])
local u = {}
for i = 1, 100, 2 do u[i] = i end
for i = 2, 100, 2 do u[i] = i end
print(#u)
