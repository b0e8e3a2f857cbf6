-- tables compare by reference
local a, b = {}, {}
print(a == a, a == b, a ~= b)
local t = {[a] = 1, [b] = 2}
print(t[a], t[b])
