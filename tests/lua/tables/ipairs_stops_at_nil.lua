-- ipairs stops at the first nil
local t = {1, 2, nil, 4}
local n = 0
for i, v in ipairs(t) do n = i end
print(n)
for i, v in ipairs({}) do print("never") end
local a, b, c = ipairs(t)
print(type(a), b == t, c)
