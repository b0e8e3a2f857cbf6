-- backward goto loop, closures capture fresh locals each time
local fs = {}
local i = 1
::top::
do
  local j = i
  fs[#fs + 1] = function() return j end
end
i = i + 1
if i <= 3 then goto top end
print(fs[1](), fs[2](), fs[3]())
