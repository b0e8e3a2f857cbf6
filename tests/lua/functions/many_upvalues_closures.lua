-- many closures over the same locals in a loop
local acc = {}
for i = 1, 1000 do
  local v = i
  acc[i] = function(d) v = v + d return v end
end
local s = 0
for i = 1, 1000 do s = s + acc[i](1) end
print(s)
