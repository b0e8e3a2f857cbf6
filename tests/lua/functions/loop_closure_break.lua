-- upvalues are closed when leaving a loop by break
local fs = {}
for i = 1, 10 do
  local x = i * i
  fs[#fs + 1] = function() return x end
  if i == 3 then break end
end
print(#fs, fs[1](), fs[2](), fs[3]())
