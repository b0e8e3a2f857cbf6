-- calls with thousands of arguments
local t = {}
for i = 1, 7000 do t[i] = i end
local function count(...) return select('#', ...) end
print(count(unpack(t)))
local function last(...) return (select(select('#', ...), ...)) end
print(last(unpack(t)))
print(pcall(function() return count(unpack(t, 1, 1e6)) end))
