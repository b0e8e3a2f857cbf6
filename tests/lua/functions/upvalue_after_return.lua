-- upvalues survive after the enclosing function returned (closed upvalues)
local fs = {}
local function make(i)
  local a = i * 10
  fs[#fs + 1] = function() a = a + 1 return a end
end
for i = 1, 3 do make(i) end
print(fs[1](), fs[1](), fs[2](), fs[3]())
