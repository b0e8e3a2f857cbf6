-- closures over the numeric for variable see per-iteration copies
local fs = {}
for i = 1, 3 do
  fs[#fs + 1] = function() return i end
  i = i * 100
end
print(fs[1](), fs[2](), fs[3]())
